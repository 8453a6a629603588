package io.glimpse.sharing.repository;

import io.glimpse.sharing.domain.ImageMember;
import io.glimpse.sharing.domain.MemberNotFoundException;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Image memberships. */
@ApplicationScoped
public class ImageMemberRepository implements PanacheRepository<ImageMember> {

    public Uni<Optional<ImageMember>> findMember(String imageId, String memberId) {
        return find("imageId = ?1 and memberId = ?2", imageId, memberId)
                .firstResult()
                .map(Optional::ofNullable);
    }

    /** @throws MemberNotFoundException (as a failed Uni) when the project is not a member */
    public Uni<ImageMember> require(String imageId, String memberId) {
        return findMember(imageId, memberId)
                .map(member -> member.orElseThrow(() -> new MemberNotFoundException(imageId, memberId)));
    }

    /** Every member of the image, oldest first. */
    public Uni<List<ImageMember>> listOf(String imageId) {
        return list("imageId = ?1 order by createdAt, memberId", imageId);
    }

    public Uni<Long> countOf(String imageId) {
        return count("imageId", imageId);
    }
}
