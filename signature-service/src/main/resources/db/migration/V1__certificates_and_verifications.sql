-- Certificates stored through the Barbican-compatible secrets API (secret_type "certificate" only).
-- The payload is kept exactly as the client sent it (after base64 decoding), so it reads back unchanged;
-- the parsed facts beside it serve listings and verification without re-parsing.
create table certificates (
    id                   uuid         primary key,
    owner                varchar(255) not null,
    creator_id           varchar(255) not null,
    name                 varchar(255),
    payload              bytea        not null,
    payload_content_type varchar(64)  not null,
    algorithm            varchar(255),
    bit_length           integer,
    mode                 varchar(255),
    expiration           timestamptz,
    subject              text         not null,
    key_algorithm        varchar(16)  not null,
    not_before           timestamptz  not null,
    not_after            timestamptz  not null,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null
);
create index certificates_owner on certificates (owner, created_at, id);
create index certificates_created on certificates (created_at, id);

-- Every signature verification, verified or not, as the caller asked for it (values kept verbatim).
create table verifications (
    id               uuid         primary key,
    image_id         varchar(255) not null,
    certificate_uuid text         not null,
    hash_method      text         not null,
    key_type         text         not null,
    verified         boolean      not null,
    outcome          varchar(40)  not null,
    reason           text         not null,
    project_id       varchar(255) not null,
    user_id          varchar(255) not null,
    request_id       varchar(255) not null,
    created_at       timestamptz  not null
);
create index verifications_image on verifications (image_id, created_at);

-- The sequence of the last glimpse.signatures event written per image (ARCHITECTURE.md "Events").
create table image_signature_sequence (
    image_id varchar(255) primary key,
    sequence bigint       not null
);
