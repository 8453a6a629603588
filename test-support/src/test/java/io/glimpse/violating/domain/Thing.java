package io.glimpse.violating.domain;

import io.glimpse.violating.mapping.ThingMapper;

/** Knows how it is mapped. */
public record Thing(ThingMapper mapper) {}
