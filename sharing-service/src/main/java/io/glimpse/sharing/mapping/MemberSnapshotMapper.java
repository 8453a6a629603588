package io.glimpse.sharing.mapping;

import io.glimpse.contracts.event.MemberSnapshot;
import io.glimpse.sharing.domain.ImageMember;

/** Membership entity → the membership as events and the catalog push carry it (contracts). */
public final class MemberSnapshotMapper {
    private MemberSnapshotMapper() {}

    public static MemberSnapshot toSnapshot(ImageMember member) {
        return new MemberSnapshot(
                member.imageId,
                member.memberId,
                member.status,
                member.createdAt.toInstant(),
                member.updatedAt.toInstant());
    }
}
