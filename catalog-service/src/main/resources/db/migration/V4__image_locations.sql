-- Where an image's data lives, on the image row itself: a jsonb object keyed by store id (a store holds at most
-- one copy of an image) of {"url","store","status"}, so that activation (location + size + digests + status) is
-- one row update and a listing shows `stores` without a join. An object, not an array: Hibernate Reactive reads
-- json columns through Vert.x's JsonObject.
alter table images add column locations jsonb not null default '{}'::jsonb;
