package io.glimpse.conforming.rest;

import io.glimpse.conforming.config.ThingConfig;
import io.glimpse.conforming.mapping.ThingMapper;
import io.glimpse.conforming.service.ThingService;

public class ThingResource {
    public String get(String id, ThingConfig config) {
        return new ThingMapper().render(new ThingService().touch(id, config), config);
    }
}
