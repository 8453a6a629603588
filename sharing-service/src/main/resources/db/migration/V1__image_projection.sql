-- What sharing needs to know about images, fed by glimpse.images. `sequence` is the catalog's
-- per-image event sequence: an event older than what is stored changes nothing.
create table image_projection (
    image_id    varchar(36)  primary key,
    owner       varchar(255),
    visibility  varchar(20)  not null,
    status      varchar(20)  not null,
    sequence    bigint       not null,
    updated_at  timestamptz  not null default now()
);
