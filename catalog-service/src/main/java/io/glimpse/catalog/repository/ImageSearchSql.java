package io.glimpse.catalog.repository;

import io.glimpse.catalog.domain.ImageSearch;

import java.util.Map;
import java.util.Optional;

/**
 * The one statement of a search page (ADR 0014): the caller's words as a full-text query, the visible images it
 * matches ({@link VisibleImagesSql}, the listing's default set), ranked, and their total. Every value is a bind
 * parameter.
 *
 * <p>Each word matches as a prefix: a word of three or more characters starting with a letter as the words of the
 * vocabulary ({@code image_search_words}, V8) it starts, when there are at most {@link #EXPANSIONS}; any other as
 * {@code word:*}. A word of letters only that starts no indexed word at all is taken for a typo: it also matches the
 * closest vocabulary words that start with the same letter and lie within Levenshtein distance 1 (words of 4–5
 * letters) or 2 (longer). Words combine with AND. Rank is {@code ts_rank} with the index's weights: name (A) over
 * tags (B) over properties (C).
 *
 * <p>At most {@link #CANDIDATES} + 1 matches are ranked and counted: a total above {@link #CANDIDATES} means "more".
 * The first row of the result carries the total and no id; the page's rows follow, best first, ties broken by
 * the listing's default order (newest first).
 */
final class ImageSearchSql {
    /**
     * How many matches a search ranks and counts at most. A broad word matches tens of thousands of images at 10^6,
     * and reading each of their rows costs about a second (ADR 0014); past this many the total is a lower bound and
     * the ranking covers the first this-many matches found.
     */
    static final int CANDIDATES = 1000;

    /** How many vocabulary words a prefix may stand for; a prefix of more is matched as a prefix. */
    static final int EXPANSIONS = 20;

    /** How many vocabulary words one typo may stand for. */
    static final int CORRECTIONS_PER_WORD = 3;

    private final SqlParameters parameters = new SqlParameters();
    private final String sql;

    /**
     * @param matchProperties false when the caller may not read every indexed property: then words only match
     *                        names and tags (weights A and B), so that a search never reveals a protected value
     */
    ImageSearchSql(ImageSearch search, ListScope scope, boolean matchProperties) {
        String visible = String.join(
                " and ", new VisibleImagesSql(scope, parameters).conditions(Optional.empty(), "accepted", false));
        // A word of the query matches as a prefix, a correction as a whole word; either only in names and tags
        // (":*AB", ":AB") unless the caller may read the indexed properties.
        String prefix = parameters.bind(matchProperties ? ":*" : ":*AB");
        String whole = parameters.bind(matchProperties ? "" : ":AB");
        // Lexemes are quoted, so that no word of the caller is ever read as tsquery syntax.
        this.sql = "with words as (select w.word, w.ord, case when length(w.word) <= 5 then 1 else 2 end as distance"
                + " from unnest(string_to_array(cast(" + parameters.bind(String.join(" ", search.words()))
                + " as text), ' ')) with ordinality as w(word, ord)),"
                + " terms as (select words.ord, '(' || case when x.n between 1 and " + EXPANSIONS
                + " then x.list else quote_literal(words.word) || " + prefix
                + " || coalesce((select string_agg(' | ' || quote_literal(c.word) || " + whole
                + ", '' order by c.cost, c.word) from (" + corrections() + ") c), '') end || ')' as term"
                + " from words cross join lateral (" + expansions(whole) + ") x),"
                + " query as (select to_tsquery('simple', string_agg(term, ' & ' order by ord)) as q from terms),"
                + " hits as materialized (select i.id, i.created_at, ts_rank(i.search_vector, query.q) as score"
                + " from images i, query where i.search_vector @@ query.q and " + visible
                + " limit " + (CANDIDATES + 1) + ")"
                + " select id, score, total from ("
                + "select cast(null as varchar) as id, cast(null as real) as score,"
                + " cast(null as timestamptz) as created_at, count(*) as total from hits"
                + " union all (select id, score, created_at, null from hits"
                + " order by score desc, created_at desc, id desc"
                + " limit " + parameters.bind(search.limit()) + " offset " + parameters.bind(search.offset())
                + ")) r order by id is not null, score desc, created_at desc, id desc";
    }

    /**
     * The vocabulary's words a query word starting with a letter is a prefix of, as alternatives of whole lexemes
     * ({@code n} of them, up to {@link #EXPANSIONS} + 1): GIN finds a whole lexeme about four times faster than it
     * scans a prefix range (ADR 0014).
     */
    private static String expansions(String whole) {
        return "select count(*) as n, string_agg(quote_literal(e.word) || " + whole + ", ' | ' order by e.word)"
                + " as list from (select e.word from image_search_words e"
                + " where words.word ~ '^[[:alpha:]][[:alnum:]]{2,}$'"
                + " and e.word >= words.word and e.word < words.word || chr(1114111)"
                + " order by e.word limit " + (EXPANSIONS + 1) + ") e";
    }

    /**
     * The vocabulary words a typo may stand for: only for a word of four or more letters that starts no indexed
     * word; same first letter (both ranges walk the vocabulary's btree), similar length, closest first.
     */
    private static String corrections() {
        return "select v.word, levenshtein_less_equal(v.word, words.word, words.distance) as cost"
                + " from image_search_words v"
                + " where words.word ~ '^[[:alpha:]]{4,}$'"
                + " and not exists (select 1 from image_search_words e where e.word >= words.word"
                + " and e.word < words.word || chr(1114111))"
                + " and v.word >= left(words.word, 1) and v.word < left(words.word, 1) || chr(1114111)"
                + " and length(v.word) between length(words.word) - words.distance"
                + " and length(words.word) + words.distance"
                + " and levenshtein_less_equal(v.word, words.word, words.distance) <= words.distance"
                + " order by 2, 1 limit " + CORRECTIONS_PER_WORD;
    }

    String sql() {
        return sql;
    }

    Map<String, Object> parameters() {
        return parameters.values();
    }
}
