package io.glimpse.sharing.mapping;

import io.glimpse.contracts.model.MemberStatus;
import io.glimpse.support.error.GlimpseException;

import java.util.Map;

/**
 * Reads the bodies of {@code POST …/members} and {@code PUT …/members/{member}} with Glance's
 * messages (image_members.py {@code RequestDeserializer}); every problem is a 400.
 */
public final class MemberRequestParser {
    /** Member ids are project ids; Glance's column holds 255 characters. */
    static final int MAX_MEMBER_ID = 255;

    private MemberRequestParser() {}

    /** {@code {"member": "<project id>"}} → the project id. */
    public static String memberId(Object body) {
        Map<?, ?> fields = object(body, "Expected a member in the form: {\"member\": \"image_id\"}");
        if (!fields.containsKey("member")) {
            throw new GlimpseException.BadRequest("Member to be added not specified");
        }
        if (!(fields.get("member") instanceof String member)) {
            throw new GlimpseException.BadRequest("Expected a member in the form: {\"member\": \"image_id\"}");
        }
        if (member.isBlank()) {
            throw new GlimpseException.BadRequest("Member can't be empty");
        }
        if (member.length() > MAX_MEMBER_ID) {
            throw new GlimpseException.BadRequest("Member id is longer than " + MAX_MEMBER_ID + " characters");
        }
        return member;
    }

    /** {@code {"status": "pending|accepted|rejected"}} → the status. */
    public static MemberStatus status(Object body) {
        Map<?, ?> fields = object(body, "Expected a status in the form: {\"status\": \"status\"}");
        if (!fields.containsKey("status")) {
            throw new GlimpseException.BadRequest("Status not specified");
        }
        try {
            return MemberStatus.fromWire(fields.get("status") instanceof String status ? status : null);
        } catch (IllegalArgumentException invalid) {
            throw new GlimpseException.BadRequest(
                    "Incorrect request: Status must be \"pending\", \"accepted\" or \"rejected\".");
        }
    }

    private static Map<?, ?> object(Object body, String expected) {
        if (body == null) {
            throw new GlimpseException.BadRequest("Body expected in request.");
        }
        if (!(body instanceof Map<?, ?> fields)) {
            throw new GlimpseException.BadRequest(expected);
        }
        return fields;
    }
}
