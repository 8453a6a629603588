package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Body of {@code POST} {@link InternalApi#IMPORTS}: take the import lock for task {@code taskId} (glance-v2-api.md
 * §8.2, §8.3). catalog checks, in Glance's order: the image is visible to the user (404), its status suits the method
 * (409), its formats are set (409), {@code copy_image} or {@code modify_image} (403), the store choice (400 for
 * conflicting parameters, 409 for an unknown store, 400 for a store that already holds a copied image), and the lock
 * (409 while another task holds it). Then, in one transaction: status {@code importing} (not for copy-image),
 * {@code os_glance_import_task}, {@code os_glance_importing_to_stores}, the targets removed from
 * {@code os_glance_failed_import}. Answers 200 with the {@link ImportPlan}; its {@code targets} are empty (and no lock
 * is taken) when a copy to all stores finds every store already holding the image.
 *
 * @param method the import method's name, already known to be enabled
 * @param stores the request's {@code stores}, or null when absent
 * @param allStores the request's {@code all_stores}, or null when absent
 * @param headerStore the request's {@code X-Image-Meta-Store} header, or null when absent
 * @param replacesTask the task whose lock may be taken over (it ended without releasing it), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImportBegin(
        ActingUser user,
        String taskId,
        String method,
        List<String> stores,
        Boolean allStores,
        String headerStore,
        boolean allStoresMustSucceed,
        String replacesTask) {}
