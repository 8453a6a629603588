package io.glimpse.catalog.storage;

import io.glimpse.store.ImageDataExistsException;
import io.glimpse.store.ImageDataNotFoundException;
import io.glimpse.store.ImageTooLargeException;
import io.glimpse.store.InvalidLocationException;
import io.glimpse.store.RangeNotSatisfiableException;
import io.glimpse.store.SizeMismatchException;
import io.glimpse.store.SourceStreamException;
import io.glimpse.store.StoreException;
import io.glimpse.store.StoreUnavailableException;
import io.glimpse.store.UnknownStoreException;
import io.glimpse.support.error.GlimpseException;

/** The one translation of the store library's typed failures into the API's statuses (their javadoc names them). */
public final class StoreFailures {

    private StoreFailures() {}

    public static GlimpseException toApi(StoreException failure) {
        return switch (failure) {
            case ImageTooLargeException tooLarge ->
                new GlimpseException.TooLarge("Image exceeds the storage quota: " + tooLarge.getMessage());
            case SizeMismatchException mismatch -> new GlimpseException.BadRequest(mismatch.getMessage());
            case SourceStreamException source -> new GlimpseException.BadRequest(source.getMessage());
            case UnknownStoreException unknown -> new GlimpseException.BadRequest(unknown.getMessage());
            case InvalidLocationException invalid -> new GlimpseException.BadRequest(invalid.getMessage());
            case ImageDataExistsException exists -> new GlimpseException.Conflict(exists.getMessage());
            case RangeNotSatisfiableException range -> new RangeNotSatisfiable(range.getMessage());
            case ImageDataNotFoundException notFound -> new GlimpseException.NotFound(notFound.getMessage());
            case StoreUnavailableException unavailable -> new Unavailable(unavailable.getMessage());
            default -> new Unavailable(failure.getMessage());
        };
    }

    /** 416: the requested range starts at or past the end of the data. */
    public static final class RangeNotSatisfiable extends GlimpseException {
        public RangeNotSatisfiable(String message) {
            super(416, message);
        }
    }

    /** 503: a store (or signature-service) cannot serve the request now; the caller may try again. */
    public static final class Unavailable extends GlimpseException {
        public Unavailable(String message) {
            super(503, message);
        }
    }

    /** 410: the image was deleted while its data was being uploaded. */
    public static final class Gone extends GlimpseException {
        public Gone(String message) {
            super(410, message);
        }
    }
}
