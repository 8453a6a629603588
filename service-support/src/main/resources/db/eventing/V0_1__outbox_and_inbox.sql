-- Transactional outbox: an event row is written in the same transaction as the change it reports;
-- the relay publishes unsent rows in id order and stamps sent_at once Kafka acknowledged them.
create table outbox_event (
    id          bigserial    primary key,
    event_id    uuid         not null unique,
    topic       varchar(100) not null,
    event_key   varchar(255) not null,
    event_type  varchar(100) not null,
    subject     varchar(255) not null,
    payload     text         not null,
    created_at  timestamptz  not null default now(),
    sent_at     timestamptz
);
create index outbox_event_unsent on outbox_event (id) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;

-- Inbox: the ids of events a consumer has applied, so a redelivered event changes nothing.
create table inbox_event (
    consumer    varchar(100) not null,
    event_id    varchar(100) not null,
    received_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
