package io.glimpse.sharing.messaging;

import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.event.MemberEventData;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.sharing.domain.ImageMember;
import io.glimpse.sharing.domain.ImageProjection;
import io.glimpse.sharing.mapping.MemberSnapshotMapper;
import io.glimpse.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes membership events to the outbox, in the transaction of the change they report. */
@ApplicationScoped
public class MemberEvents {
    private final Outbox outbox;

    public MemberEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<MemberEventData> created(ImageProjection image, ImageMember member, Actor actor, String requestId) {
        return record(EventTypes.MEMBER_CREATE, image, member, false, actor, requestId);
    }

    public Uni<MemberEventData> updated(ImageProjection image, ImageMember member, Actor actor, String requestId) {
        return record(EventTypes.MEMBER_UPDATE, image, member, false, actor, requestId);
    }

    /** {@code member} as it was when it was removed. */
    public Uni<MemberEventData> deleted(ImageProjection image, ImageMember member, Actor actor, String requestId) {
        return record(EventTypes.MEMBER_DELETE, image, member, true, actor, requestId);
    }

    /** Advances the image's member sequence (the caller holds the image row's lock) and records the event. */
    private Uni<MemberEventData> record(
            String type, ImageProjection image, ImageMember member, boolean deleted, Actor actor, String requestId) {
        MemberEventData data = new MemberEventData(
                image.nextMemberSequence(), actor, requestId, deleted, MemberSnapshotMapper.toSnapshot(member));
        return outbox.record(Topics.MEMBERS, member.imageId, type, member.imageId, data)
                .replaceWith(data);
    }
}
