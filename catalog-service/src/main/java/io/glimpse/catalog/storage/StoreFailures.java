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
            case RangeNotSatisfiableException range -> new GlimpseException.RangeNotSatisfiable(range.getMessage());
            case ImageDataNotFoundException notFound -> new GlimpseException.NotFound(notFound.getMessage());
            case StoreUnavailableException unavailable ->
                new GlimpseException.ServiceUnavailable(unavailable.getMessage());
            default -> new GlimpseException.ServiceUnavailable(failure.getMessage());
        };
    }
}
