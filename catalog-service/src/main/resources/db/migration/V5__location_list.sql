-- Locations become an ordered list (Glance's image.locations): an image may hold several locations, more than one
-- per store once PATCH and the location API add them. Stored as {"items": [{url, store, status, metadata}, ...]}:
-- the reactive driver maps a jsonb column to a JSON object, not to an array.
update images
   set locations = jsonb_build_object('items',
                       coalesce((select jsonb_agg(value) from jsonb_each(locations)), '[]'::jsonb))
 where not locations ? 'items';
alter table images alter column locations set default '{"items": []}'::jsonb;
