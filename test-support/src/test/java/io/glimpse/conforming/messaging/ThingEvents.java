package io.glimpse.conforming.messaging;

import io.glimpse.conforming.domain.Thing;
import io.glimpse.support.outbox.Outbox;

public class ThingEvents {
    private final Outbox outbox = new Outbox();

    public void changed(Thing thing) {
        outbox.record(thing.id());
    }
}
