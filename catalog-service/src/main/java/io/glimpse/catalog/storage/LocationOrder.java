package io.glimpse.catalog.storage;

import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Locations in the order downloads try them and {@code direct_url} names them: store weight, then list order. */
@ApplicationScoped
public class LocationOrder {
    private final StoreRegistry stores;

    public LocationOrder(StoreRegistry stores) {
        this.stores = stores;
    }

    /** Highest store weight first; locations in unknown stores last; ties keep the image's order. */
    public List<ImageLocation> byWeight(Collection<ImageLocation> locations) {
        List<String> order =
                stores.byWeightDescending().stream().map(ImageStore::id).toList();
        return locations.stream()
                .sorted(Comparator.comparingInt(location -> {
                    int index = order.indexOf(location.storeId());
                    return index < 0 ? Integer.MAX_VALUE : index;
                }))
                .toList();
    }
}
