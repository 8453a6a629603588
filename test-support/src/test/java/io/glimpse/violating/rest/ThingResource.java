package io.glimpse.violating.rest;

import io.glimpse.violating.repository.ThingRepository;

/** Reads the repository itself, past the use case. */
public class ThingResource {
    public String get(String id) {
        return new ThingRepository().find(id);
    }
}
