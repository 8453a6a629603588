package io.glimpse.violating.service;

import io.glimpse.support.outbox.Outbox;

/** Writes an event itself instead of through messaging. */
public class DirectPublisher {
    public void changed(String id) {
        new Outbox().record(id);
    }
}
