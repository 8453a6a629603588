-- Image search (GET /v2/search/images, ADR 0014): full-text over an image's name (weight A), tags (B) and the
-- descriptive additional properties description, os_distro, os_version, os_type, architecture (C), matched by word
-- prefix and ranked with ts_rank; typos are corrected against a vocabulary of the indexed words (fuzzystrmatch's
-- Levenshtein distance; trigrams miss transpositions in short words such as "ubnutu", so pg_trgm is not used).
create extension if not exists fuzzystrmatch;

-- Text as search sees it: lower case, every run of characters that are neither letters nor digits one space
-- ("Ubuntu-22.04_server" -> "ubuntu 22 04 server"). The query's words are split the same way (ImageSearchParser).
create function image_search_words(value text) returns text
    language sql immutable parallel safe strict
    as $$ select regexp_replace(lower(value), '[^[:alnum:]]+', ' ', 'g') $$;

-- array_to_string is only STABLE (it serves any element type); for text[] it is immutable, as a generated column needs.
create function image_search_tags(tags text[]) returns text
    language sql immutable parallel safe strict
    as $$ select array_to_string(tags, ' ') $$;

create function image_search_vector(name text, tags text[], properties jsonb) returns tsvector
    language sql immutable parallel safe
    as $$
        select setweight(to_tsvector('simple', coalesce(image_search_words(name), '')), 'A')
            || setweight(to_tsvector('simple', coalesce(image_search_words(image_search_tags(tags)), '')), 'B')
            || setweight(to_tsvector('simple', coalesce(image_search_words(concat_ws(' ',
                   properties ->> 'description', properties ->> 'os_distro', properties ->> 'os_version',
                   properties ->> 'os_type', properties ->> 'architecture')), '')), 'C')
    $$;

-- Rewrites the table once (a stored generated column); every later write keeps it current.
alter table images add column search_vector tsvector
    generated always as (image_search_vector(name, tags, properties)) stored;
create index images_search on images using gin (search_vector) where deleted_at is null;

-- The vocabulary of the index: every word of three or more characters starting with a letter that some image's
-- search_vector holds or held. A query word's prefix is expanded into its words (whole lexemes are far cheaper for
-- GIN than a prefix scan), and typos are corrected against it. It only grows; a word no image holds any more corrects a typo to no result.
-- Collation "C" lets the btree answer "does any word start with ...".
create table image_search_words (
    word text collate "C" primary key
);

create function image_search_words_collect() returns trigger
    language plpgsql
    as $$
    begin
        -- In word order, so that two writers adding the same new words wait for each other instead of deadlocking.
        insert into image_search_words (word)
        select lexeme from unnest(new.search_vector)
         where lexeme ~ '^[[:alpha:]][[:alnum:]]{2,}$'
         order by 1
        on conflict do nothing;
        return null;
    end
    $$;
create trigger images_search_words_insert after insert on images
    for each row execute function image_search_words_collect();
create trigger images_search_words_update after update of name, tags, properties on images
    for each row when (old.search_vector is distinct from new.search_vector)
    execute function image_search_words_collect();

insert into image_search_words (word)
select distinct lexeme from images, unnest(search_vector)
 where deleted_at is null and lexeme ~ '^[[:alpha:]][[:alnum:]]{2,}$'
on conflict do nothing;
