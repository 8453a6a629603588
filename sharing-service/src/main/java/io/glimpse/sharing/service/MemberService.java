package io.glimpse.sharing.service;

import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.model.MemberStatus;
import io.glimpse.sharing.client.CatalogClient;
import io.glimpse.sharing.config.SharingConfig;
import io.glimpse.sharing.domain.ImageMember;
import io.glimpse.sharing.domain.ImageProjection;
import io.glimpse.sharing.domain.MemberNotFoundException;
import io.glimpse.sharing.domain.MemberQuotaExceededException;
import io.glimpse.sharing.messaging.MemberEvents;
import io.glimpse.sharing.policy.MemberOperation;
import io.glimpse.sharing.policy.MemberPolicy;
import io.glimpse.sharing.repository.ImageMemberRepository;
import io.glimpse.sharing.repository.ImageProjectionRepository;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Member use cases. Each loads the image's facts, authorizes first, then (for changes) writes the
 * membership and its event in one transaction under the image row's lock, and right after the commit
 * pushes the same event data to catalog so the member's image list shows the change at once.
 */
@ApplicationScoped
public class MemberService {
    private final ImageProjectionService images;
    private final ImageProjectionRepository projections;
    private final ImageMemberRepository members;
    private final MemberPolicy policy;
    private final MemberEvents events;
    private final CatalogClient catalog;
    private final SharingConfig config;

    public MemberService(
            ImageProjectionService images,
            ImageProjectionRepository projections,
            ImageMemberRepository members,
            MemberPolicy policy,
            MemberEvents events,
            CatalogClient catalog,
            SharingConfig config) {
        this.images = images;
        this.projections = projections;
        this.members = members;
        this.policy = policy;
        this.events = events;
        this.catalog = catalog;
        this.config = config;
    }

    public Uni<ImageMember> add(Caller caller, String imageId, String memberId) {
        return change(
                imageId,
                () -> Panache.withTransaction(() -> projections
                        .lockLive(imageId)
                        .call(image -> authorize(MemberOperation.ADD_MEMBER, caller, image, memberId))
                        .chain(image -> members.countOf(imageId)
                                .chain(count -> {
                                    int quota = config.memberQuota();
                                    if (quota >= 0 && count + 1 > quota) {
                                        throw new MemberQuotaExceededException(imageId, count + 1, quota);
                                    }
                                    return members.findMember(imageId, memberId);
                                })
                                .chain(existing -> {
                                    if (existing.isPresent()) {
                                        throw new GlimpseException.Conflict(
                                                "Member " + memberId + " is duplicated for image " + imageId);
                                    }
                                    ImageMember member = ImageMember.pending(imageId, memberId);
                                    return members.persist(member)
                                            .chain(() ->
                                                    events.created(image, member, actor(caller), caller.requestId()))
                                            .map(event -> new MemberChange(member, event));
                                }))));
    }

    public Uni<List<ImageMember>> list(Caller caller, String imageId) {
        return withFreshFacts(
                imageId,
                () -> Panache.withSession(() -> projections
                        .findLive(imageId)
                        .call(image -> authorize(MemberOperation.LIST_MEMBERS, caller, image, caller.projectId()))
                        .chain(image -> policy.seesEveryMember(caller, image)
                                ? members.listOf(imageId)
                                : callerMembership(caller, image)
                                        .map(own -> own.stream().toList()))));
    }

    public Uni<ImageMember> show(Caller caller, String imageId, String memberId) {
        return withFreshFacts(
                imageId,
                () -> Panache.withSession(() -> projections
                        .findLive(imageId)
                        .call(image -> authorize(MemberOperation.SHOW_MEMBER, caller, image, memberId))
                        .chain(image -> visibleMember(caller, image, memberId))));
    }

    public Uni<ImageMember> update(Caller caller, String imageId, String memberId, MemberStatus status) {
        return change(
                imageId,
                () -> Panache.withTransaction(() -> projections
                        .lockLive(imageId)
                        .call(image -> authorize(MemberOperation.UPDATE_MEMBER, caller, image, memberId))
                        .chain(image -> visibleMember(caller, image, memberId).chain(member -> {
                            member.changeStatus(status);
                            return events.updated(image, member, actor(caller), caller.requestId())
                                    .map(event -> new MemberChange(member, event));
                        }))));
    }

    public Uni<Void> delete(Caller caller, String imageId, String memberId) {
        return change(
                        imageId,
                        () -> Panache.withTransaction(() -> projections
                                .lockLive(imageId)
                                .call(image -> authorize(MemberOperation.DELETE_MEMBER, caller, image, memberId))
                                .chain(image -> visibleMember(caller, image, memberId)
                                        .chain(member -> events.deleted(
                                                        image, member, actor(caller), caller.requestId())
                                                .call(() -> members.delete(member))
                                                .map(event -> new MemberChange(member, event))))))
                .replaceWithVoid();
    }

    /** A committed change, then its push to catalog (which never fails the caller's request). */
    private Uni<ImageMember> change(String imageId, Supplier<Uni<MemberChange>> transaction) {
        return withFreshFacts(imageId, transaction)
                .call(change -> catalog.pushMembership(change.event()))
                .map(MemberChange::member);
    }

    /**
     * Runs a use case on catalog's current facts about the image. The projection alone may lag behind catalog in
     * both directions: an image made shared a moment ago would be refused, and one made private a moment ago would
     * still show its members (Glance answers 403 at once). So the projection is brought up to date from catalog
     * first, or filled from it when no event has brought the image yet; when catalog cannot be asked, what the
     * projection knows decides.
     */
    private <T> Uni<T> withFreshFacts(String imageId, Supplier<Uni<T>> useCase) {
        return images.ensureKnown(imageId)
                .chain(filled -> filled
                        ? Uni.createFrom().voidItem()
                        : images.refresh(imageId)
                                .onFailure()
                                .recoverWithItem(false)
                                .replaceWithVoid())
                .chain(useCase::get);
    }

    private Uni<Void> authorize(MemberOperation operation, Caller caller, ImageProjection image, String memberId) {
        return callerMembership(caller, image)
                .invoke(own -> policy.authorize(operation, caller, image, own.map(member -> member.status), memberId))
                .replaceWithVoid();
    }

    private Uni<Optional<ImageMember>> callerMembership(Caller caller, ImageProjection image) {
        return caller.projectId() == null
                ? Uni.createFrom().item(Optional.empty())
                : members.findMember(image.imageId, caller.projectId());
    }

    /** A member the caller may see: any, for the owner and admins; only its own entry for anyone else. */
    private Uni<ImageMember> visibleMember(Caller caller, ImageProjection image, String memberId) {
        if (!policy.seesEveryMember(caller, image) && !memberId.equals(caller.projectId())) {
            return Uni.createFrom().failure(new MemberNotFoundException(image.imageId, memberId));
        }
        return members.require(image.imageId, memberId);
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.projectId(), caller.userId());
    }
}
