package io.glimpse.conforming.mapping;

import io.glimpse.conforming.config.ThingConfig;
import io.glimpse.conforming.domain.Thing;

public class ThingMapper {
    public String render(Thing thing, ThingConfig config) {
        return thing.id() + "/" + config.quota();
    }
}
