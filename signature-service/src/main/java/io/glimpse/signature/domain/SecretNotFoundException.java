package io.glimpse.signature.domain;

import io.glimpse.support.error.GlimpseException;

/** No available secret with this id, or one the caller may not see (never disclosed as 403). */
public class SecretNotFoundException extends GlimpseException.NotFound {
    public SecretNotFoundException(String secretId) {
        super("Secret not found: " + secretId);
    }
}
