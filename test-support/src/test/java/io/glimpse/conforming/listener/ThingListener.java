package io.glimpse.conforming.listener;

import io.glimpse.conforming.config.ThingConfig;
import io.glimpse.conforming.service.ThingService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

public class ThingListener {
    @Incoming("things-in")
    public void on(String id, ThingConfig config) {
        new ThingService().touch(id, config);
    }
}
