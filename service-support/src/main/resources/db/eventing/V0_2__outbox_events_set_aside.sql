-- A row Kafka refuses for good (a record too large, an invalid topic name) is set aside with the reason
-- instead of blocking every later event; it stays here for operators and is never purged automatically.
alter table outbox_event
    add column failed_at timestamptz,
    add column failure   text;
drop index outbox_event_unsent;
create index outbox_event_unsent on outbox_event (id) where sent_at is null and failed_at is null;
create index outbox_event_set_aside on outbox_event (failed_at) where failed_at is not null;
