package io.glimpse.violating.config;

import io.glimpse.violating.mapping.ThingMapper;

/** A producer in config, importing mapping (which reads config: a loop). */
public class ThingMapperProducer {
    public ThingMapper mapper() {
        return new ThingMapper();
    }
}
