-- Tasks (glance-v2-api.md §8.6): every import is one, and each is a persisted saga. The columns of Glance's task
-- come first; then what makes the import durable: the work it was asked to do, its lease (which instance runs it
-- and until when) and its attempt number, the fencing token every write of a worker carries.
create table task (
    id                      varchar(36)  primary key,
    type                    varchar(30)  not null,
    status                  varchar(20)  not null,
    owner                   varchar(255),
    image_id                varchar(36),
    request_id              varchar(100),
    user_id                 varchar(255),
    input                   jsonb        not null,
    result                  jsonb,
    message                 text         not null default '',
    progress                jsonb        not null default '{"phases": []}',
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    expires_at              timestamptz,
    -- Import work: the method, its target stores, and the acting user's roles (events and catalog calls name them).
    method                  varchar(30),
    targets                 text[]       not null default '{}',
    all_stores_must_succeed boolean      not null default true,
    user_roles              text[]       not null default '{}',
    -- False until catalog granted the import lock; such a task is not shown, and is settled by the sweep.
    accepted                boolean      not null default true,
    attempt                 bigint       not null default 0,
    lease_owner             varchar(255),
    lease_until             timestamptz,
    -- The image was deleted: the running attempt stops and cleans up.
    cancelled               boolean      not null default false
);
create index task_image on task (image_id, created_at);
create index task_listing on task (created_at, id);
-- What the sweep looks at: unfinished imports (few at any time).
create index task_unfinished on task (lease_until) where status in ('pending', 'processing');
create index task_expiry on task (expires_at) where expires_at is not null;

-- The steps of an import and their results: a resumed attempt skips what is done.
create table import_step (
    task_id     varchar(36)  not null references task (id) on delete cascade,
    name        varchar(30)  not null,
    store       varchar(255) not null default '',
    status      varchar(20)  not null,
    attempt     bigint       not null,
    result      jsonb,
    updated_at  timestamptz  not null,
    primary key (task_id, name, store)
);

-- Staged data (PUT /v2/images/{id}/stage, and copy-image's copy), one row per staging attempt, written before
-- catalog is asked: while 'staging' the attempt holds a lease (the sweep reverts an abandoned one); once 'staged'
-- the digests and inspection of the one pass over the data are kept for the import. The staged object is named
-- after the attempt's token, so cleaning up one attempt never touches another's data.
create table staged_data (
    stage_token           varchar(36)  primary key,
    image_id              varchar(36)  not null,
    state                 varchar(20)  not null,
    location              text,
    size                  bigint,
    checksum              varchar(32),
    os_hash_algo          varchar(64),
    os_hash_value         varchar(128),
    signature_hash        varchar(20),
    signature_digest      varchar(200),
    detected_format       varchar(30),
    virtual_size          bigint,
    format_safety         text,
    checked_disk_format   varchar(30),
    format_rejection      text,
    lease_owner           varchar(255),
    lease_until           timestamptz,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null
);
create index staged_data_image on staged_data (image_id, updated_at);
create index staged_data_staging on staged_data (lease_until) where state = 'staging';

-- The per-image sequence of the events this service publishes on glimpse.tasks.
create table image_event_sequence (
    image_id  varchar(36) primary key,
    sequence  bigint      not null
);
