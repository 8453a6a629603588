package io.glimpse.imports.client;

import io.glimpse.contracts.error.ErrorBody;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageState;
import io.glimpse.contracts.internal.ActingUser;
import io.glimpse.contracts.internal.ImageAccess;
import io.glimpse.contracts.internal.ImportBegin;
import io.glimpse.contracts.internal.ImportEnd;
import io.glimpse.contracts.internal.ImportEnded;
import io.glimpse.contracts.internal.ImportPlan;
import io.glimpse.contracts.internal.ImportResume;
import io.glimpse.contracts.internal.ImportStoreResult;
import io.glimpse.contracts.internal.StageBegin;
import io.glimpse.contracts.internal.StageEnd;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The only way import-service talks to catalog-service. catalog owns the image: its answers to a user's request
 * (404, 403, 409, 400, ...) are passed on as they are; a catalog that cannot be reached is a
 * {@link CatalogUnavailableException} (503), never a refusal.
 */
@ApplicationScoped
public class CatalogClient {
    private static final Logger LOG = Logger.getLogger(CatalogClient.class);

    private final CatalogRestClient catalog;

    public CatalogClient(@RestClient CatalogRestClient catalog) {
        this.catalog = catalog;
    }

    /** The image as catalog has it, or empty when there is no live image with this id. */
    public Optional<ImageState> image(String imageId) {
        try {
            return Optional.of(EventJson.read(call(() -> catalog.image(imageId)), ImageState.class));
        } catch (CatalogRefusal refusal) {
            if (refusal.status() == 404) {
                return Optional.empty();
            }
            throw refusal;
        }
    }

    /** The image if {@code user} may see it; 404 (as a {@link CatalogRefusal}) otherwise. */
    public ImageState access(String imageId, ActingUser user) {
        String answer = call(() -> catalog.access(imageId, EventJson.write(new ImageAccess(user))));
        return EventJson.read(answer, ImageState.class);
    }

    public ImageState beginStaging(String imageId, StageBegin request) {
        return EventJson.read(call(() -> catalog.beginStaging(imageId, EventJson.write(request))), ImageState.class);
    }

    public void endStaging(String imageId, StageEnd request) {
        call(() -> {
            catalog.endStaging(imageId, EventJson.write(request));
            return "";
        });
    }

    public ImportPlan beginImport(String imageId, ImportBegin request) {
        return EventJson.read(call(() -> catalog.beginImport(imageId, EventJson.write(request))), ImportPlan.class);
    }

    public ImportPlan resumeImport(String imageId, String taskId, ImportResume request) {
        String answer = call(() -> catalog.resumeImport(imageId, taskId, EventJson.write(request)));
        return EventJson.read(answer, ImportPlan.class);
    }

    public void storeDone(String imageId, String taskId, ImportStoreResult result) {
        call(() -> {
            catalog.storeDone(imageId, taskId, EventJson.write(result));
            return "";
        });
    }

    public ImportEnded endImport(String imageId, String taskId, ImportEnd request) {
        String answer = call(() -> catalog.endImport(imageId, taskId, EventJson.write(request)));
        return EventJson.read(answer, ImportEnded.class);
    }

    private static String call(Supplier<String> request) {
        try {
            return request.get();
        } catch (WebApplicationException answer) {
            int status = answer.getResponse().getStatus();
            if (status >= 500) {
                LOG.warnf("catalog answered %d", status);
                throw new CatalogUnavailableException();
            }
            throw new CatalogRefusal(status, explanation(answer));
        } catch (GlimpseException e) {
            throw e;
        } catch (RuntimeException unreachable) {
            LOG.warnf("catalog cannot be reached: %s", unreachable.toString());
            throw new CatalogUnavailableException();
        }
    }

    /** catalog's own words, from its Glance error body. */
    private static String explanation(WebApplicationException answer) {
        try {
            ErrorBody body = EventJson.read(answer.getResponse().readEntity(String.class), ErrorBody.class);
            return body.message().replace("<br /><br />", "").strip();
        } catch (RuntimeException unreadable) {
            return "The image service refused the request.";
        }
    }
}
