package io.glimpse.catalog.storage;

import io.glimpse.store.ImageDataNotFoundException;
import io.glimpse.store.ImageStore;
import io.glimpse.store.InvalidLocationException;
import io.glimpse.store.StoreException;
import io.glimpse.store.StoreRegistry;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * What a client-given location URL points at: the configured store that owns it and the size of the data there
 * (Glance's "Invalid location" checks, §7.2/§7.3). Blocking: a store may answer over the network.
 */
@ApplicationScoped
public class LocationProbe {
    private final StoreRegistry stores;

    public LocationProbe(StoreRegistry stores) {
        this.stores = stores;
    }

    /**
     * The outcome for one URL; a failure is kept, not thrown, so that the use case raises it at the point Glance
     * would (after its policy and status checks).
     */
    public record Probe(String url, Optional<String> storeId, long size, Optional<GlimpseException> failure) {

        /** The store id and size, or the 400/503 this URL earned. */
        public Probe require() {
            failure.ifPresent(problem -> {
                throw problem;
            });
            return this;
        }
    }

    public Probe probe(String url) {
        Optional<ImageStore> owner = stores.byWeightDescending().stream()
                .filter(store -> store.ownsLocation(url))
                .findFirst();
        if (owner.isEmpty()) {
            return invalid(url, "no configured store serves this URL");
        }
        try {
            long size = owner.get().size(url);
            if (size <= 0) {
                return invalid(url, "no data there");
            }
            return new Probe(url, Optional.of(owner.get().id()), size, Optional.empty());
        } catch (ImageDataNotFoundException | InvalidLocationException e) {
            return invalid(url, "no data there");
        } catch (StoreException e) {
            return new Probe(url, Optional.empty(), 0, Optional.of(StoreFailures.toApi(e)));
        }
    }

    private static Probe invalid(String url, String why) {
        return new Probe(
                url,
                Optional.empty(),
                0,
                Optional.of(new GlimpseException.BadRequest("Invalid location: " + url + " (" + why + ")")));
    }
}
