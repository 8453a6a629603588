package io.glimpse.contracts.error;

/**
 * The JSON error body every Glimpse component answers with: Glance's webob shape
 * {@code {"message","code","title"}} (glance-v2-api.md §1.4). Clients only read the status code and
 * substrings of {@code message}, so the message keeps webob's layout.
 */
public record ErrorBody(String message, String code, String title) {

    public static ErrorBody of(int status, String explanation) {
        String title = HttpReasons.phrase(status);
        return new ErrorBody(explanation + "<br /><br />\n\n\n", status + " " + title, title);
    }

    /** The text/plain form: {@code "404 Not Found\n\n<explanation>"}. */
    public String asPlainText() {
        return code + "\n\n" + message.replace("<br /><br />\n\n\n", "");
    }

    /** The text/html form webob sends when the client asked for nothing in particular. */
    public String asHtml() {
        String explanation = message.replace("<br /><br />\n\n\n", "")
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
        return "<html>\n <head>\n  <title>" + code + "</title>\n </head>\n <body>\n  <h1>" + code + "</h1>\n  "
                + explanation + "<br /><br />\n\n\n\n </body>\n</html>";
    }
}
