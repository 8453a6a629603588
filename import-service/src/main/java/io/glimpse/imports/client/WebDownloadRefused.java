package io.glimpse.imports.client;

import java.io.IOException;

/**
 * web-download will not fetch from where a URL (or a redirect) points: a forbidden address, a URL that does not pass
 * filtering, too many redirects, an answer that is not the image. Never retried.
 */
public class WebDownloadRefused extends IOException {
    public WebDownloadRefused(String message) {
        super(message);
    }
}
