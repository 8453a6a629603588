package io.glimpse.imports.client;

import io.glimpse.support.error.GlimpseException;

/** catalog-service could not be asked (down, overloaded, or it failed): 503, try again later. */
public class CatalogUnavailableException extends GlimpseException.ServiceUnavailable {
    public CatalogUnavailableException() {
        super("The image catalog cannot be reached now; try again later.");
    }
}
