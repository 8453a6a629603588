-- Listing stays index-bound (glance-v2-api.md §4): every sort key has a btree with the created_at/id
-- tie-breakers Glance appends, the filters on tags and additional properties use GIN, and every index
-- covers live rows only, which is all a listing ever reads.
drop index if exists images_created;
create index images_created_id on images (created_at, id) where deleted_at is null;
create index images_updated_id on images (updated_at, created_at, id) where deleted_at is null;
create index images_name_id on images (name, created_at, id) where deleted_at is null;
create index images_status_id on images (status, created_at, id) where deleted_at is null;
create index images_size_id on images (size, created_at, id) where deleted_at is null;
create index images_disk_format_id on images (disk_format, created_at, id) where deleted_at is null;
create index images_container_format_id on images (container_format, created_at, id) where deleted_at is null;
create index images_visibility_created on images (visibility, created_at, id) where deleted_at is null;
create index images_tags on images using gin (tags) where deleted_at is null;
create index images_properties on images using gin (properties jsonb_path_ops) where deleted_at is null;

-- The membership projection: which projects an image is shared with, fed by glimpse.members and by
-- sharing's synchronous push. `sequence` is sharing's per-image member-event sequence; a delete keeps
-- its row as a tombstone (deleted = true) so that an older create arriving late cannot revive it.
create table image_memberships (
    image_id   varchar(36)  not null,
    member_id  varchar(255) not null,
    status     varchar(20)  not null,
    deleted    boolean      not null default false,
    sequence   bigint       not null,
    updated_at timestamptz  not null default now(),
    primary key (image_id, member_id)
);
-- Listing asks "which shared images is project P a member of, with this status".
create index image_memberships_member on image_memberships (member_id, status, image_id) where not deleted;
