-- Listing orders a nullable sort key c as ((c is null), c): the same order PostgreSQL gives c alone, but a
-- keyset page can then be one row comparison these indexes walk directly (see ImageListSql).
drop index if exists images_name_id;
drop index if exists images_size_id;
drop index if exists images_disk_format_id;
drop index if exists images_container_format_id;
create index images_name_id on images ((name is null), name, created_at, id) where deleted_at is null;
create index images_size_id on images ((size is null), size, created_at, id) where deleted_at is null;
create index images_disk_format_id on images ((disk_format is null), disk_format, created_at, id) where deleted_at is null;
create index images_container_format_id on images ((container_format is null), container_format, created_at, id)
    where deleted_at is null;
