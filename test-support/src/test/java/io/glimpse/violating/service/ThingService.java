package io.glimpse.violating.service;

import io.glimpse.violating.listener.ThingListener;

/** Calls a listener. */
public class ThingService {
    public void touch(String id) {
        new ThingListener().on(id);
    }
}
