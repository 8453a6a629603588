package io.glimpse.conforming.service;

import io.glimpse.conforming.config.ThingConfig;
import io.glimpse.conforming.domain.Thing;
import io.glimpse.conforming.messaging.ThingEvents;
import io.glimpse.conforming.repository.ThingRepository;

public class ThingService {
    private final ThingRepository things = new ThingRepository();
    private final ThingEvents events = new ThingEvents();

    public Thing touch(String id, ThingConfig config) {
        Thing thing = things.find(id + config.quota());
        events.changed(thing);
        return thing;
    }
}
