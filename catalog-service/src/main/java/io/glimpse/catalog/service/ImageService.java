package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.NewImage;
import io.glimpse.catalog.messaging.ImageEvents;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.UUID;

/** Image use cases: each authorizes first, then changes state and writes its event in one transaction. */
@ApplicationScoped
public class ImageService {
    private final ImageRepository images;
    private final ImagePolicy policy;
    private final ImageEvents events;

    public ImageService(ImageRepository images, ImagePolicy policy, ImageEvents events) {
        this.images = images;
        this.policy = policy;
        this.events = events;
    }

    @WithTransaction
    public Uni<Image> create(Caller caller, NewImage request) {
        String owner = request.owner().orElse(caller.projectId());
        policy.authorizeCreate(caller, owner, request.visibility());
        String id = request.id().map(value -> value.toLowerCase(java.util.Locale.ROOT))
                .orElseGet(() -> UUID.randomUUID().toString());
        return images.idTaken(id).chain(taken -> {
            if (taken) {
                throw new GlimpseException.Conflict("An image with identifier " + id + " already exists");
            }
            Image image = newImage(id, owner, request);
            return images.persist(image)
                    .chain(saved -> events.record(EventTypes.IMAGE_CREATE, saved, caller).replaceWith(saved));
        });
    }

    @WithSession
    public Uni<Image> show(Caller caller, String id) {
        return images.findLive(id).invoke(image -> policy.authorizeShow(caller, image));
    }

    private static Image newImage(String id, String owner, NewImage request) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        Image image = new Image();
        image.id = id;
        image.name = request.name().orElse(null);
        image.status = ImageStatus.QUEUED;
        image.visibility = request.visibility();
        image.isProtected = request.isProtected();
        image.osHidden = request.osHidden();
        image.owner = owner;
        image.diskFormat = request.diskFormat().orElse(null);
        image.containerFormat = request.containerFormat().orElse(null);
        image.minDisk = request.minDisk();
        image.minRam = request.minRam();
        image.tags = new ArrayList<>(request.tags());
        image.properties = new LinkedHashMap<>(request.properties());
        image.createdAt = now;
        image.updatedAt = now;
        return image;
    }
}
