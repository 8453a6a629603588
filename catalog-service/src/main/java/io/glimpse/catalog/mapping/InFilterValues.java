package io.glimpse.catalog.mapping;

import io.glimpse.support.error.GlimpseException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the value of an {@code in:} filter at commas, where double quotes protect commas
 * ({@code in:"glass, darkly",share me}); Glance's validate_quotes and split_filter_value_for_quotes.
 */
final class InFilterValues {
    private static final Pattern ITEM = Pattern.compile("\"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\",?|([^,]+),?|,");

    private InFilterValues() {}

    static List<String> split(String value) {
        validateQuotes(value);
        List<String> items = new ArrayList<>();
        Matcher matcher = ITEM.matcher(value);
        while (matcher.find()) {
            items.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2) : "");
        }
        return items;
    }

    private static void validateQuotes(String value) {
        boolean opening = true;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != '"' || (i > 0 && value.charAt(i - 1) == '\\')) {
                continue;
            }
            if (opening && i > 0 && value.charAt(i - 1) != ',') {
                throw new GlimpseException.BadRequest(
                        "Invalid filter value " + value + ". There is no comma before opening quotation mark.");
            }
            if (!opening && i + 1 != value.length() && value.charAt(i + 1) != ',') {
                throw new GlimpseException.BadRequest(
                        "Invalid filter value " + value + ". There is no comma after closing quotation mark.");
            }
            opening = !opening;
        }
        if (!opening) {
            throw new GlimpseException.BadRequest("Invalid filter value " + value + ". The quote is not closed.");
        }
    }
}
