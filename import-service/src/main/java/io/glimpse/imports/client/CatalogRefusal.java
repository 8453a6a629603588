package io.glimpse.imports.client;

import io.glimpse.support.error.GlimpseException;

/** catalog said no to a request for a user (404, 403, 409, 400, 413 ...): passed on with catalog's status and words. */
public class CatalogRefusal extends GlimpseException {
    public CatalogRefusal(int status, String message) {
        super(status, message);
    }
}
