package io.glimpse.support.error;

/**
 * Root of the typed exceptions a use case throws. Each subtype fixes its HTTP status; {@link ErrorMapper}
 * turns every one of them into the Glance error body in one place.
 */
public abstract class GlimpseException extends RuntimeException {
    private final int status;

    protected GlimpseException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 400: the request is malformed or a value is invalid. */
    public static class BadRequest extends GlimpseException {
        public BadRequest(String message) {
            super(400, message);
        }
    }

    /** 403: the caller may see the resource but not do this to it. */
    public static class Forbidden extends GlimpseException {
        public Forbidden(String message) {
            super(403, message);
        }
    }

    /** 404: no such resource, or one the caller may not even see. */
    public static class NotFound extends GlimpseException {
        public NotFound(String message) {
            super(404, message);
        }
    }

    /** 409: the resource's current state forbids the change (including a lost race). */
    public static class Conflict extends GlimpseException {
        public Conflict(String message) {
            super(409, message);
        }
    }

    /** 413: a quota or size cap would be exceeded. */
    public static class TooLarge extends GlimpseException {
        public TooLarge(String message) {
            super(413, message);
        }
    }

    /** 415: the body's media type (or the image format) is not acceptable. */
    public static class UnsupportedMediaType extends GlimpseException {
        public UnsupportedMediaType(String message) {
            super(415, message);
        }
    }
}
