-- Seeds 100,000 images into the catalog database for scripts/bench-catalog-list.sh: mixed owners,
-- visibilities, statuses, formats, sizes, tags and additional properties, plus memberships of
-- project-a in some of project-b's shared images. Every seeded row carries bench_seed=1, so a rerun
-- replaces the previous seed and leaves everything else alone.
\set ON_ERROR_STOP on
\set n 100000

begin;
delete from image_memberships where image_id in (select id from images where properties @> '{"bench_seed":"1"}');
delete from images where properties @> '{"bench_seed":"1"}';

insert into images (id, name, status, visibility, protected, os_hidden, owner, checksum, os_hash_algo, os_hash_value,
                    size, virtual_size, disk_format, container_format, min_disk, min_ram, properties, tags,
                    created_at, updated_at, deleted_at, event_sequence)
select gen_random_uuid()::text,
       'bench-' || substr(md5(i::text), 1, 10),
       case when i % 20 = 0 then 'queued' when i % 50 = 1 then 'deactivated' else 'active' end,
       (array['public', 'community', 'private', 'shared', 'shared', 'shared', 'shared'])[i % 7 + 1],
       i % 13 = 0,
       i % 97 = 0,
       case when i % 10 < 3 then 'project-a' when i % 10 < 6 then 'project-b' when i % 10 = 6 then 'admin-project'
            else 'project-' || (i % 500) end,
       md5(i::text), 'sha512', null,
       case when i % 20 = 0 then null else (i::bigint * 7919) % 10000000 + 1000 end,
       null,
       (array['qcow2', 'raw', 'vmdk', 'iso'])[i % 4 + 1], 'bare', 0, 0,
       jsonb_build_object('bench_seed', '1',
                          'hw_disk_bus', (array['scsi', 'virtio', 'ide'])[i % 3 + 1],
                          'os_distro', (array['debian', 'ubuntu', 'fedora', 'cirros'])[i % 4 + 1],
                          'build', i::text),
       array['bench', 'bench-t' || (i % 10), 'bench-g' || (i % 3)],
       date_trunc('second', now()) - make_interval(secs => i),
       date_trunc('second', now()) - make_interval(secs => i),
       null, 1
  from generate_series(1, :n) as i;

-- project-a is an accepted member of every 11th of project-b's shared images.
insert into image_memberships (image_id, member_id, status, deleted, sequence)
select id, 'project-a', 'accepted', false, 1
  from images
 where properties @> '{"bench_seed":"1"}' and owner = 'project-b' and visibility = 'shared'
   and (properties ->> 'build')::int % 11 = 0;
commit;

analyze images;
analyze image_memberships;
