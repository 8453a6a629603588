-- What the test listener applied: one row per application, so a duplicate shows as a second row.
create table applied_event (
    id         bigserial    primary key,
    event_id   varchar(100) not null,
    event_key  varchar(255) not null,
    value      text         not null
);
