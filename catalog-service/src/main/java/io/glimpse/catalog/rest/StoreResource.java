package io.glimpse.catalog.rest;

import io.glimpse.catalog.service.StoreInfoService;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** {@code GET /v2/info/stores[/detail]} (§8.1) and {@code DELETE /v2/stores/{store}/{image}} (§7.4). */
@Path("/v2")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreResource {
    private final StoreInfoService stores;
    private final CurrentCaller caller;

    public StoreResource(StoreInfoService stores, CurrentCaller caller) {
        this.stores = stores;
        this.caller = caller;
    }

    @GET
    @Path("/info/stores")
    public Map<String, List<Map<String, Object>>> stores() {
        return Map.of("stores", stores.list(caller.get(), false));
    }

    @GET
    @Path("/info/stores/detail")
    public Map<String, List<Map<String, Object>>> detail() {
        return Map.of("stores", stores.list(caller.get(), true));
    }

    /** Blocking: the data is deleted from the store after the location's removal committed. */
    @DELETE
    @Path("/stores/{storeId}/{imageId}")
    @Blocking
    public Response deleteFromStore(@PathParam("storeId") String storeId, @PathParam("imageId") String imageId) {
        stores.deleteFromStore(caller.get(), storeId, imageId);
        return Response.noContent().build();
    }
}
