package io.glimpse.catalog.mapping;

import io.glimpse.catalog.domain.ImageSearch;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query string of {@code GET /v2/search/images} → {@link ImageSearch}; anything malformed is a 400. Words are
 * split exactly as the index splits text (V8 {@code image_search_words}): every run of characters that are neither
 * letters nor digits separates two words.
 */
@ApplicationScoped
public class ImageSearchParser {
    public static final int MAX_QUERY_LENGTH = 255;
    public static final int MAX_WORDS = 10;
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    /** Search ranks at most 1,000 matches (ADR 0014): a page may not start past them. */
    public static final int MAX_OFFSET = 900;

    private static final Set<String> PARAMETERS = Set.of("q", "limit", "offset");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    public ImageSearch parse(Map<String, List<String>> params) {
        params.keySet().stream()
                .filter(name -> !PARAMETERS.contains(name))
                .findFirst()
                .ifPresent(name -> {
                    throw new GlimpseException.BadRequest(
                            "Unknown search parameter '" + name + "'; the parameters are q, limit and offset.");
                });
        String text = last(params, "q");
        if (text == null || text.isBlank()) {
            throw new GlimpseException.BadRequest("The search parameter q is required and may not be empty.");
        }
        if (text.length() > MAX_QUERY_LENGTH) {
            throw new GlimpseException.BadRequest(
                    "The search parameter q may be at most " + MAX_QUERY_LENGTH + " characters long.");
        }
        List<String> words = Arrays.stream(SEPARATORS.split(text.toLowerCase(Locale.ROOT)))
                .filter(word -> !word.isEmpty())
                .distinct()
                .toList();
        if (words.isEmpty()) {
            throw new GlimpseException.BadRequest("The search parameter q holds no word (letters or digits).");
        }
        if (words.size() > MAX_WORDS) {
            throw new GlimpseException.BadRequest("The search parameter q may hold at most " + MAX_WORDS + " words.");
        }
        return new ImageSearch(
                text,
                words,
                number(params, "limit", DEFAULT_LIMIT, MAX_LIMIT),
                number(params, "offset", 0, MAX_OFFSET));
    }

    private static int number(Map<String, List<String>> params, String name, int absent, int max) {
        String value = last(params, name);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < 0 || number > max) {
                throw new GlimpseException.BadRequest(name + " must be between 0 and " + max + ".");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new GlimpseException.BadRequest(name + " must be an integer between 0 and " + max + ".");
        }
    }

    private static String last(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getLast();
    }
}
