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

    /** 410: the resource existed but was deleted while the request was under way (e.g. during its upload). */
    public static class Gone extends GlimpseException {
        public Gone(String message) {
            super(410, message);
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

    /** 416: the requested byte range is malformed, or starts at or past the end of the data. */
    public static class RangeNotSatisfiable extends GlimpseException {
        public RangeNotSatisfiable(String message) {
            super(416, message);
        }
    }

    /** 503: something the request needs (a store, another service) cannot serve it now; the caller may try again. */
    public static class ServiceUnavailable extends GlimpseException {
        public ServiceUnavailable(String message) {
            super(503, message);
        }
    }
}
