-- An upload in `saving` is leased by the catalog instance streaming it, which renews the lease while it runs. A
-- lease that expired belongs to an instance that died: any instance then deletes the partial data and puts the
-- image back to `queued` (UploadRecovery), so no image stays in `saving` after a crash.
create table upload_leases (
    image_id   varchar(255) primary key,
    instance   varchar(255) not null,
    expires_at timestamptz  not null
);
create index upload_leases_expiry on upload_leases (expires_at);
-- Uploads left in `saving` before leases existed have no instance that could still finish them.
insert into upload_leases (image_id, instance, expires_at)
select id, 'before-upload-leases', now() from images where status = 'saving' and deleted_at is null;
