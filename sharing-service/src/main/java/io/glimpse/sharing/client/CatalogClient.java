package io.glimpse.sharing.client;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageState;
import io.glimpse.contracts.event.MemberEventData;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The only way sharing talks to catalog-service. The calls themselves carry the fault tolerance
 * (short timeouts, one retry for the idempotent lookup, a circuit breaker each), so a catalog outage
 * costs users a fast answer instead of a hang; the public methods turn what is left into typed outcomes.
 * (ArC intercepts self-invocation, so the annotated package-private methods are guarded when called here.)
 */
@ApplicationScoped
public class CatalogClient {
    private static final Logger LOG = Logger.getLogger(CatalogClient.class);

    private final CatalogRestClient catalog;

    public CatalogClient(@RestClient CatalogRestClient catalog) {
        this.catalog = catalog;
    }

    /**
     * The image as catalog knows it now, with the sequence of its last event.
     *
     * @return empty when catalog has no live image with this id
     * @throws CatalogUnavailableException (as a failed Uni) when catalog cannot be asked
     */
    public Uni<Optional<ImageState>> image(String imageId) {
        return fetchImage(imageId)
                .onFailure()
                .invoke(failure -> LOG.warnf("catalog lookup of image %s failed: %s", imageId, failure.toString()))
                .onFailure()
                .transform(failure -> new CatalogUnavailableException(
                        "The image service cannot be reached to look up image " + imageId + "; try again later.",
                        failure));
    }

    /**
     * Hands a committed membership change to catalog's membership projection (read-your-writes for
     * image lists). Never fails: a push that does not arrive is logged, and the {@code glimpse.members}
     * event carries the same data to catalog later.
     */
    public Uni<Void> pushMembership(MemberEventData change) {
        return putMembership(EventJson.write(change))
                .onFailure()
                .invoke(failure -> LOG.warnf(
                        "push of membership %s/%s (sequence %d) to catalog failed;" + " its event will deliver it: %s",
                        change.member().imageId(), change.member().memberId(), change.sequence(), failure.toString()))
                .onFailure()
                .recoverWithNull();
    }

    @AsynchronousNonBlocking
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    Uni<Optional<ImageState>> fetchImage(String imageId) {
        return catalog.image(imageId)
                .map(json -> Optional.of(EventJson.read(json, ImageState.class)))
                // A 404 is an answer, not a failure: it must neither be retried nor open the breaker.
                .onFailure(CatalogClient::isNotFound)
                .recoverWithItem(Optional.empty());
    }

    @AsynchronousNonBlocking
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    Uni<Void> putMembership(String json) {
        return catalog.putMembership(json);
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException web
                && web.getResponse().getStatus() == 404;
    }
}
