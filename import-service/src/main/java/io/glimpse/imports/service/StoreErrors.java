package io.glimpse.imports.service;

import io.glimpse.store.ImageTooLargeException;
import io.glimpse.store.SizeMismatchException;
import io.glimpse.store.SourceStreamException;
import io.glimpse.store.StoreException;
import io.glimpse.support.error.GlimpseException;

/** What a failed write to the staging area answers (§5.3: the cap 413, a wrong size or a broken body 400, else 503). */
final class StoreErrors {
    private StoreErrors() {}

    static GlimpseException toApi(StoreException failure) {
        return switch (failure) {
            case ImageTooLargeException tooLarge ->
                new GlimpseException.TooLarge("Image exceeds the size cap: " + tooLarge.getMessage());
            case SizeMismatchException mismatch -> new GlimpseException.BadRequest(mismatch.getMessage());
            case SourceStreamException source -> new GlimpseException.BadRequest(source.getMessage());
            default ->
                new GlimpseException.ServiceUnavailable("The staging area cannot take the data now; try again later.");
        };
    }
}
