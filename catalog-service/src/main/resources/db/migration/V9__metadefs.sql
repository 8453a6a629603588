-- Metadata definitions (glance-v2-api.md §13.3): the catalog of standard property names and values.
-- Schemas of properties and objects are kept as the JSON text the client sent, so their key order survives
-- (jsonb would reorder keys). Everything inside a namespace goes with it (on delete cascade).
create table metadef_namespaces (
    id           bigserial    primary key,
    namespace    varchar(80)  not null unique,
    display_name varchar(80),
    description  varchar(500),
    visibility   varchar(10)  not null,
    protected    boolean      not null default false,
    owner        varchar(255) not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create index metadef_namespaces_created on metadef_namespaces (created_at, id);

create table metadef_objects (
    id              bigserial   primary key,
    namespace_id    bigint      not null references metadef_namespaces (id) on delete cascade,
    name            varchar(80) not null,
    description     text,
    required_json   text,
    properties_json text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (namespace_id, name)
);

create table metadef_properties (
    id           bigserial   primary key,
    namespace_id bigint      not null references metadef_namespaces (id) on delete cascade,
    name         varchar(80) not null,
    schema_json  text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (namespace_id, name)
);

create table metadef_tags (
    id           bigserial   primary key,
    namespace_id bigint      not null references metadef_namespaces (id) on delete cascade,
    name         varchar(80) not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
-- Tag names are unique regardless of case, as in Glance.
create unique index metadef_tags_name on metadef_tags (namespace_id, lower(name));

-- Resource types exist once something is associated with them, as in Glance.
create table metadef_resource_types (
    name       varchar(80) primary key,
    protected  boolean     not null default false,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table metadef_resource_type_associations (
    id                bigserial    primary key,
    namespace_id      bigint       not null references metadef_namespaces (id) on delete cascade,
    resource_type     varchar(80)  not null references metadef_resource_types (name),
    prefix            varchar(80),
    properties_target varchar(80),
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    unique (namespace_id, resource_type)
);
create index metadef_associations_type on metadef_resource_type_associations (resource_type, namespace_id);
