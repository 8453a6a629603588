package io.glimpse.violating.mapping;

import io.glimpse.violating.config.ThingConfig;
import io.glimpse.violating.rest.ThingResource;

/** Reads config, and imports rest. */
public class ThingMapper {
    public String render(ThingConfig config, ThingResource resource) {
        return resource.get("x") + config.quota();
    }
}
