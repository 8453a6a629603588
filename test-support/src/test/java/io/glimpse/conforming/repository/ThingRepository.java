package io.glimpse.conforming.repository;

import io.glimpse.conforming.domain.Thing;

public class ThingRepository {
    public Thing find(String id) {
        return new Thing(id);
    }
}
