package io.glimpse.gateway.error;

import io.glimpse.contracts.error.ErrorBody;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three shapes of an error body and webob's choice between them by {@code Accept}
 * (glance-v2-api.md §1.4): text/html is offered first, then JSON, then text/plain; no Accept
 * header means anything, so HTML; an Accept naming none of them gets text/plain.
 */
public enum ErrorFormat {
    HTML("text/html", "text/html; charset=UTF-8"),
    JSON("application/json", "application/json; charset=UTF-8"),
    PLAIN_TEXT("text/plain", "text/plain; charset=UTF-8");

    private final String mediaType;
    private final String contentType;

    ErrorFormat(String mediaType, String contentType) {
        this.mediaType = mediaType;
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public String render(ErrorBody body) {
        return switch (this) {
            case HTML -> body.asHtml();
            case JSON -> json(body);
            case PLAIN_TEXT -> body.asPlainText();
        };
    }

    /**
     * The offer with the highest quality; on a tie the one matched by the more specific range, then
     * the earlier offer.
     */
    public static ErrorFormat negotiate(String acceptHeader) {
        if (acceptHeader == null || acceptHeader.isBlank()) {
            return HTML;
        }
        List<MediaRange> ranges = MediaRange.parseAll(acceptHeader);
        ErrorFormat best = PLAIN_TEXT;
        Match bestMatch = Match.NONE;
        for (ErrorFormat offer : values()) {
            Match match = Match.of(offer.mediaType, ranges);
            if (match.betterThan(bestMatch)) {
                best = offer;
                bestMatch = match;
            }
        }
        return best;
    }

    private static String json(ErrorBody body) {
        return new JsonObject()
                .put("message", body.message())
                .put("code", body.code())
                .put("title", body.title())
                .encode();
    }

    private record MediaRange(String type, String subtype, double quality) {

        static List<MediaRange> parseAll(String header) {
            List<MediaRange> ranges = new ArrayList<>();
            for (String part : header.split(",")) {
                String[] params = part.trim().split(";");
                String[] typeAndSub = params[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
                if (typeAndSub.length != 2) {
                    continue;
                }
                ranges.add(new MediaRange(typeAndSub[0], typeAndSub[1], quality(params)));
            }
            return ranges;
        }

        private static double quality(String[] params) {
            for (int i = 1; i < params.length; i++) {
                String[] kv = params[i].trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("q")) {
                    try {
                        return Double.parseDouble(kv[1].trim());
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
            }
            return 1;
        }

        /** 3 = exact, 2 = type/*, 1 = *&#47;*, 0 = no match. */
        int specificity(String mediaType) {
            String[] offer = mediaType.split("/", 2);
            if (type.equals(offer[0]) && subtype.equals(offer[1])) {
                return 3;
            }
            if (type.equals(offer[0]) && subtype.equals("*")) {
                return 2;
            }
            return type.equals("*") && subtype.equals("*") ? 1 : 0;
        }
    }

    private record Match(double quality, int specificity) {
        static final Match NONE = new Match(0, 0);

        /** The quality given by the most specific range matching the offer (RFC 9110 §12.5.1). */
        static Match of(String mediaType, List<MediaRange> ranges) {
            Match found = NONE;
            for (MediaRange range : ranges) {
                int specificity = range.specificity(mediaType);
                if (specificity > found.specificity) {
                    found = new Match(range.quality(), specificity);
                }
            }
            return found.quality > 0 ? found : NONE;
        }

        boolean betterThan(Match other) {
            return quality > other.quality
                    || (quality == other.quality && quality > 0 && specificity > other.specificity);
        }
    }
}
