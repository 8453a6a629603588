package io.glimpse.sharing.mapping;

import io.glimpse.sharing.domain.ImageMember;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Glance v2 JSON of members (glance-v2-api.md §9): timestamps as {@code YYYY-MM-DDTHH:MM:SSZ}. */
public final class MemberRepresentation {
    public static final String MEMBER_SCHEMA = "/v2/schemas/member";
    public static final String MEMBERS_SCHEMA = "/v2/schemas/members";
    private static final DateTimeFormatter GLANCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private MemberRepresentation() {}

    public static Map<String, Object> of(ImageMember member) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("image_id", member.imageId);
        json.put("member_id", member.memberId);
        json.put("status", member.status.wire());
        json.put("created_at", time(member.createdAt));
        json.put("updated_at", time(member.updatedAt));
        json.put("schema", MEMBER_SCHEMA);
        return json;
    }

    public static Map<String, Object> of(List<ImageMember> members) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("members", members.stream().map(MemberRepresentation::of).toList());
        json.put("schema", MEMBERS_SCHEMA);
        return json;
    }

    private static String time(OffsetDateTime time) {
        return GLANCE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
