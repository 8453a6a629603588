package io.glimpse.violating.messaging;

import io.glimpse.violating.service.ThingService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer among the publishers, calling service. */
public class ThingConsumer {
    @Incoming("things-in")
    public void on(String id) {
        new ThingService().touch(id);
    }
}
