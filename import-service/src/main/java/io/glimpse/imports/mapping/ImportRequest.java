package io.glimpse.imports.mapping;

import java.util.List;
import java.util.Map;

/**
 * A validated {@code POST /v2/images/{id}/import} body (glance-v2-api.md §8.2).
 *
 * @param method the import method's name, one of the enabled ones
 * @param uri web-download's {@code method.uri}, or null
 * @param stores the {@code stores} list, or null when absent
 * @param allStores {@code all_stores}, or null when absent
 * @param raw the body as sent, recorded in the task's input ({@code import_req})
 */
public record ImportRequest(
        String method,
        String uri,
        List<String> stores,
        Boolean allStores,
        boolean allStoresMustSucceed,
        Map<String, Object> raw) {}
