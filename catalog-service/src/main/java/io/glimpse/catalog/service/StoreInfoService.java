package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.store.StoreInfo;
import io.glimpse.store.StoreRegistry;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured stores as clients see them, and removing an image's copy from one store. */
@ApplicationScoped
public class StoreInfoService {
    private final StoreRegistry stores;
    private final ImagePolicy policy;
    private final ImageDataSteps steps;
    private final LocationData locationData;

    public StoreInfoService(StoreRegistry stores, ImagePolicy policy, ImageDataSteps steps, LocationData locationData) {
        this.stores = stores;
        this.policy = policy;
        this.steps = steps;
        this.locationData = locationData;
    }

    /** {@code detail} needs {@code stores_info_detail} (admin or service, else 403). */
    public List<Map<String, Object>> list(Caller caller, boolean detail) {
        if (detail) {
            policy.authorizeStoresDetail(caller);
        }
        return stores.storesInfo().stream().map(info -> entry(info, detail)).toList();
    }

    /** §7.4: the location goes in one transaction (with its event); the data after it committed. */
    public void deleteFromStore(Caller caller, String storeId, String imageId) {
        List<ImageLocation> removed = ImageUploadService.await(() -> steps.removeLocation(caller, storeId, imageId));
        ImageUploadService.await(() -> locationData.deleteUnreferenced(imageId, removed));
    }

    private static Map<String, Object> entry(StoreInfo info, boolean detail) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", info.id());
        info.description().ifPresent(text -> json.put("description", text));
        if (info.isDefault()) {
            json.put("default", "true");
        }
        if (detail) {
            json.put("type", info.kind().glanceType());
            json.put("weight", info.weight());
            json.put("properties", info.properties());
        }
        return json;
    }
}
