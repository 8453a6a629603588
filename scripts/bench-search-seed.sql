-- Seeds :n images for scripts/bench-search.sh (psql -v n=100000): names, tags and descriptions made of real words
-- (distributions, versions, codenames, variants and a dictionary of 200 words) so that search has something to find,
-- mixed owners and visibilities as in scripts/bench-catalog-seed.sql, and memberships of project-a in some of
-- project-b's shared images. Every seeded row carries bench_seed=search, so a rerun replaces the previous seed, and
-- scripts/bench-search.sh deletes it when done; the list benchmark's rows (bench_seed=1) are left alone.
\set ON_ERROR_STOP on

begin;
delete from image_memberships where image_id in (select id from images where properties @> '{"bench_seed":"search"}');
delete from images where properties @> '{"bench_seed":"search"}';

select setseed(0.42);
with words(w) as (
    select string_to_array(
        'kubernetes,docker,database,postgres,mysql,redis,nginx,apache,hadoop,spark,kafka,elastic,jenkins,gitlab,'
        'monitoring,prometheus,grafana,logging,backup,restore,storage,network,firewall,router,gateway,proxy,balancer,'
        'compute,worker,master,controller,scheduler,cluster,node,edge,cloud,hybrid,private,public,secure,hardened,'
        'minimal,desktop,server,workstation,developer,testing,staging,production,legacy,modern,stable,nightly,weekly,'
        'release,candidate,preview,beta,alpha,golden,template,snapshot,rescue,recovery,installer,live,appliance,'
        'analytics,machine,learning,inference,training,gpu,cuda,tensor,python,java,golang,rust,nodejs,ruby,php,'
        'dotnet,scientific,research,university,laboratory,student,teaching,classroom,finance,billing,payments,'
        'accounting,warehouse,inventory,shipping,retail,commerce,marketing,website,wordpress,drupal,joomla,mail,'
        'exchange,postfix,dovecot,spamassassin,antivirus,vpn,wireguard,openvpn,ldap,kerberos,identity,keystone,'
        'nova,neutron,cinder,swift,horizon,heat,octavia,ironic,manila,designate,barbican,zaqar,magnum,trove,sahara,'
        'murano,senlin,watcher,vitrage,aodh,ceilometer,gnocchi,panko,freezer,karbor,mistral,solum,tacker,blazar,'
        'cyborg,masakari,qinling,storlets,tricircle,zun,kuryr,dragonflow,tempest,rally,devstack,kolla,ansible,puppet,'
        'chef,salt,terraform,packer,vagrant,consul,vault,nomad,etcd,coredns,calico,flannel,cilium,istio,linkerd,'
        'envoy,traefik,haproxy,varnish,memcached,rabbitmq,zookeeper,cassandra,mongodb,couchdb,influxdb,clickhouse,'
        'minio,ceph,gluster,lustre,beegfs,zfs,btrfs,xfs,ext4,lvm,raid,iscsi,nfs,samba,ftp,sftp,rsync,cron', ',') as w),
distros(d, versions, codenames, archs) as (
    values (array['ubuntu','debian','fedora','centos','rocky','almalinux','opensuse','archlinux','cirros','windows',
                  'freebsd','rhel','alpine','gentoo','coreos','flatcar'],
            array['20.04,22.04,24.04','11,12,13','38,39,40','7,8-stream,9-stream','8.9,9.3,9.4','8.9,9.3,9.4',
                  '15.5,15.6,tumbleweed','rolling,2024.05,2024.06','0.5.2,0.6.1,0.6.2','2019,2022,2025','13.3,14.0,14.1',
                  '8.9,9.3,9.4','3.18,3.19,3.20','rolling,stage3,2024','stable,testing,next','3815,3850,3975'],
            array['focal,jammy,noble','bullseye,bookworm,trixie','cloud,server,workstation','core,stream,base',
                  'green,obsidian,blue','sapphire,topaz,emerald','leap,micro,tumbleweed','base,cloud,devel',
                  'tiny,test,dev','datacenter,standard,core','release,stable,current','ootpa,plow,enterprise',
                  'virt,standard,extended','openrc,systemd,hardened','container,atomic,silverblue',
                  'stable,beta,edge'],
            array['x86_64','aarch64','ppc64le','s390x']))
insert into images (id, name, status, visibility, protected, os_hidden, owner, checksum, os_hash_algo, os_hash_value,
                    size, virtual_size, disk_format, container_format, min_disk, min_ram, properties, tags,
                    created_at, updated_at, deleted_at, event_sequence)
select gen_random_uuid()::text,
       case i % 4
           when 0 then initcap(r.distro) || ' ' || r.version || ' ' || r.variant || ' ' || r.w1
           when 1 then r.distro || '-' || r.version || '-' || r.variant || '-' || r.arch
           when 2 then r.distro || '-' || r.codename || '-' || r.w1 || '-' || r.w2
           else r.w1 || '-' || r.distro || r.version || '-' || to_char(i % 10000, 'FM0000')
       end,
       case when i % 20 = 0 then 'queued' when i % 50 = 1 then 'deactivated' else 'active' end,
       (array['public', 'community', 'private', 'shared', 'shared', 'shared', 'shared'])[i % 7 + 1],
       i % 13 = 0,
       i % 97 = 0,
       case when i % 10 < 3 then 'project-a' when i % 10 < 6 then 'project-b' when i % 10 = 6 then 'admin-project'
            else 'project-' || (i % 500) end,
       md5(i::text), 'sha512', null,
       (i::bigint * 7919) % 10000000 + 1000, null,
       (array['qcow2', 'raw', 'vmdk', 'iso'])[i % 4 + 1], 'bare', 0, 0,
       jsonb_build_object('bench_seed', 'search',
                          'os_distro', r.distro,
                          'os_version', r.version,
                          'architecture', r.arch,
                          'os_type', case when r.distro = 'windows' then 'windows' else 'linux' end,
                          'description', initcap(r.distro) || ' ' || r.version || ' (' || r.codename || ') '
                              || r.variant || ' image for ' || r.w3 || ' and ' || r.w4 || ', with ' || r.w5
                              || ' ' || r.w6,
                          'hw_disk_bus', (array['scsi', 'virtio', 'ide'])[i % 3 + 1],
                          'build', i::text),
       array[r.variant, r.w2, 'build-' || (i % 1000)],
       date_trunc('second', now()) - make_interval(secs => i),
       date_trunc('second', now()) - make_interval(secs => i),
       null, 1
  from generate_series(1, :n) as i
  cross join lateral (
      select d.d[k] as distro,
             split_part(d.versions[k], ',', 1 + (i / 16) % 3) as version,
             split_part(d.codenames[k], ',', 1 + (i / 16) % 3) as codename,
             d.archs[1 + (i / 48) % 4] as arch,
             (array['server', 'cloud', 'minimal', 'desktop', 'generic', 'cloudimg', 'base', 'hardened'])[1 + (i / 7) % 8]
                 as variant,
             words.w[1 + floor(random() * 200)::int] as w1, words.w[1 + floor(random() * 200)::int] as w2,
             words.w[1 + floor(random() * 200)::int] as w3, words.w[1 + floor(random() * 200)::int] as w4,
             words.w[1 + floor(random() * 200)::int] as w5, words.w[1 + floor(random() * 200)::int] as w6
        from distros d, words, (select 1 + (i % 16) as k) kk
         offset 0) r;

-- project-a is an accepted member of every 11th of project-b's shared images.
insert into image_memberships (image_id, member_id, status, deleted, sequence)
select id, 'project-a', 'accepted', false, 1
  from images
 where properties @> '{"bench_seed":"search"}' and owner = 'project-b' and visibility = 'shared'
   and (properties ->> 'build')::int % 11 = 0;
commit;

analyze images;
analyze image_memberships;
analyze image_search_words;
