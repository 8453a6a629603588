-- Whether a URL is still some live image's location is asked on every delete of data (LocationData) and for every
-- object the scrubber lists: a GIN index answers the containment query without reading every image.
create index images_location_items on images using gin ((locations -> 'items') jsonb_path_ops)
    where deleted_at is null;
-- The hash-resume pass (every minute) looks only for images whose location hash has not settled: a handful.
create index images_hash_in_progress on images (id)
    where deleted_at is null and jsonb_exists(properties, 'os_glance_hash_op_host');
