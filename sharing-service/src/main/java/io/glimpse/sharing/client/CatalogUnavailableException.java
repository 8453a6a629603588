package io.glimpse.sharing.client;

import io.glimpse.support.error.GlimpseException;

/** catalog-service could not answer a question only it can answer now; the caller may try again. */
public class CatalogUnavailableException extends GlimpseException.ServiceUnavailable {
    public CatalogUnavailableException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
