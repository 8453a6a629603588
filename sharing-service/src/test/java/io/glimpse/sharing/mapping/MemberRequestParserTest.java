package io.glimpse.sharing.mapping;

import io.glimpse.contracts.model.MemberStatus;
import io.glimpse.support.error.GlimpseException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The member request bodies and Glance's 400 messages for them. */
class MemberRequestParserTest {

    @Test
    void memberBodies() {
        assertThat(MemberRequestParser.memberId(Map.of("member", "project-b"))).isEqualTo("project-b");
        assertThat(MemberRequestParser.memberId(Map.of("member", "project-b", "extra", 1)))
                .isEqualTo("project-b");
        assertBadRequest(() -> MemberRequestParser.memberId(null), "Body expected in request.");
        assertBadRequest(() -> MemberRequestParser.memberId(List.of()), "Expected a member in the form");
        assertBadRequest(() -> MemberRequestParser.memberId(Map.of()), "Member to be added not specified");
        assertBadRequest(() -> MemberRequestParser.memberId(Map.of("member", "")), "Member can't be empty");
        assertBadRequest(() -> MemberRequestParser.memberId(Map.of("member", 7)), "Expected a member in the form");
        Map<String, Object> nullMember = new HashMap<>();
        nullMember.put("member", null);
        assertBadRequest(() -> MemberRequestParser.memberId(nullMember), "Expected a member in the form");
        assertBadRequest(() -> MemberRequestParser.memberId(Map.of("member", "x".repeat(256))), "longer than 255");
    }

    @Test
    void statusBodies() {
        assertThat(MemberRequestParser.status(Map.of("status", "accepted"))).isEqualTo(MemberStatus.ACCEPTED);
        assertThat(MemberRequestParser.status(Map.of("status", "pending"))).isEqualTo(MemberStatus.PENDING);
        assertThat(MemberRequestParser.status(Map.of("status", "rejected"))).isEqualTo(MemberStatus.REJECTED);
        assertBadRequest(() -> MemberRequestParser.status(Map.of()), "Status not specified");
        assertBadRequest(() -> MemberRequestParser.status(Map.of("status", "ACCEPTED")), "Status must be");
        assertBadRequest(() -> MemberRequestParser.status(Map.of("status", true)), "Status must be");
        assertBadRequest(() -> MemberRequestParser.status("accepted"), "Expected a status in the form");
    }

    private static void assertBadRequest(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(GlimpseException.BadRequest.class).hasMessageContaining(message);
    }
}
