package io.glimpse.catalog.domain;

import java.util.List;

/**
 * A validated search request ({@code GET /v2/search/images}, ADR 0014).
 *
 * @param text   the query as the caller wrote it
 * @param words  its words: lower case, letters and digits only, each at most once, in order
 * @param limit  how many hits to return (0 asks for the total only)
 * @param offset how many of the best hits to skip
 */
public record ImageSearch(String text, List<String> words, int limit, int offset) {
    public ImageSearch {
        words = List.copyOf(words);
    }

    /** One image found, with its rank: higher is better, comparable within one search only. */
    public record Hit(Image image, double score) {}

    /**
     * @param total      every visible image that matches, not only this page; a lower bound when not exact
     * @param totalExact false when more images match than a search ranks and counts (ADR 0014): then {@code total}
     *                   is that bound and the hits are the best of the matches it looked at
     * @param hits       this page, best first
     */
    public record Result(long total, boolean totalExact, List<Hit> hits) {}
}
