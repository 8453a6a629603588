package io.glimpse.sharing.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schemas Glance serves at {@code /v2/schemas/member} and {@code /v2/schemas/members}
 * (image_members.py {@code get_schema}/{@code get_collection_schema}). Glance's schemas controller renders
 * both with {@code minimal()}, not {@code raw()}: no {@code additionalProperties} on the member, and the
 * collection has only {@code members} and {@code schema} (member lists are never paged), with one link.
 */
public final class MemberSchemas {
    private static final String UUID_PATTERN =
            "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$";

    private MemberSchemas() {}

    public static Map<String, Object> member() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(
                "member_id", Map.of("type", "string", "description", "An identifier for the image member (tenantId)"));
        properties.put(
                "image_id",
                Map.of("type", "string", "description", "An identifier for the image", "pattern", UUID_PATTERN));
        properties.put("created_at", Map.of("type", "string", "description", "Date and time of image member creation"));
        properties.put(
                "updated_at",
                Map.of("type", "string", "description", "Date and time of last modification of image member"));
        properties.put(
                "status",
                Map.of(
                        "type",
                        "string",
                        "description",
                        "The status of this image member",
                        "enum",
                        List.of("pending", "accepted", "rejected")));
        properties.put("schema", Map.of("readOnly", true, "type", "string"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", "member");
        schema.put("properties", properties);
        return schema;
    }

    public static Map<String, Object> members() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("members", Map.of("type", "array", "items", member()));
        properties.put("schema", Map.of("type", "string"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", "members");
        schema.put("properties", properties);
        schema.put("links", List.of(Map.of("rel", "describedby", "href", "{schema}")));
        return schema;
    }
}
