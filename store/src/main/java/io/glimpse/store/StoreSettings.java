package io.glimpse.store;

import java.util.Map;

/** Kind-specific settings of a store; the kind follows from the settings type. */
public sealed interface StoreSettings permits FileStoreSettings, S3StoreSettings {

    StoreKind kind();

    /**
     * Non-secret properties for {@code GET /v2/info/stores/detail} ({@code properties}), named as
     * Glance names them for the store type.
     */
    Map<String, Object> detailProperties();
}
