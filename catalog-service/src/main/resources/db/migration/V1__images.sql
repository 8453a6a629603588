-- Image records. Additional properties are a jsonb object of strings and tags a text array, so that
-- property and tag filters can use GIN indexes instead of joins.
create table images (
    id               varchar(36)  primary key,
    name             varchar(255),
    status           varchar(20)  not null,
    visibility       varchar(20)  not null,
    protected        boolean      not null default false,
    os_hidden        boolean      not null default false,
    owner            varchar(255),
    checksum         varchar(32),
    os_hash_algo     varchar(64),
    os_hash_value    varchar(128),
    size             bigint,
    virtual_size     bigint,
    disk_format      varchar(32),
    container_format varchar(32),
    min_disk         integer      not null default 0,
    min_ram          integer      not null default 0,
    properties       jsonb        not null default '{}'::jsonb,
    tags             text[]       not null default '{}',
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    deleted_at       timestamptz,
    -- the sequence number of the last event written for this image (ARCHITECTURE.md "Events")
    event_sequence   bigint       not null default 0
);
create index images_owner on images (owner) where deleted_at is null;
create index images_created on images (created_at desc, id desc) where deleted_at is null;
