package io.glimpse.signature.domain;

import io.glimpse.support.error.GlimpseException;

/** 406: a secret's payload is served only in the content type it was stored with (as Barbican does). */
public class PayloadNotAcceptableException extends GlimpseException {
    public PayloadNotAcceptableException(String storedType) {
        super(406, "The secret's payload is available as " + storedType + " only.");
    }
}
