package io.glimpse.violating.rest.sub;

import io.glimpse.violating.rest.ThingResource;

/** Reaches up into the package above its own. */
public class RouteHelper {
    public String get(String id) {
        return new ThingResource().get(id);
    }
}
