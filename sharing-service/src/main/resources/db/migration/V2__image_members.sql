-- The per-image sequence of member events (MemberEventData.sequence): one counter for all the members
-- of an image, advanced under the projection row's lock, so member events of one image are numbered in
-- commit order. It lives on the projection row because every membership needs that row anyway.
alter table image_projection add column member_sequence bigint not null default 0;

-- Image memberships. A removed membership is deleted outright: adding it again starts a fresh row
-- (pending, new created_at), which is what Glance's reuse of a soft-deleted row shows on the wire.
create table image_member (
    id          bigserial    primary key,
    image_id    varchar(36)  not null references image_projection (image_id),
    member_id   varchar(255) not null,
    status      varchar(20)  not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    unique (image_id, member_id)
);
-- "Which images is project P a member of" (operators, and a later shared-with-me listing).
create index image_member_member on image_member (member_id);
