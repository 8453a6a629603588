package io.glimpse.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every rule Glance defines (glance-v2-api.md §14), so callers never spell rule names by hand.
 * The check strings live in {@code glance-default-policy.yaml}; this enum only names them.
 */
public enum GlancePolicy {

    // Building blocks referenced by other rules.
    DEFAULT("default"),
    CONTEXT_IS_ADMIN("context_is_admin"),
    SERVICE_API("service_api"),

    // Images.
    ADD_IMAGE("add_image"),
    GET_IMAGE("get_image"),
    GET_IMAGES("get_images"),
    MODIFY_IMAGE("modify_image"),
    DELETE_IMAGE("delete_image"),
    UPLOAD_IMAGE("upload_image"),
    DOWNLOAD_IMAGE("download_image"),
    DOWNLOAD_FROM_STORE("download_from_store"),
    PUBLICIZE_IMAGE("publicize_image"),
    COMMUNITIZE_IMAGE("communitize_image"),
    DEACTIVATE("deactivate"),
    REACTIVATE("reactivate"),
    COPY_IMAGE("copy_image"),

    // Image locations.
    GET_IMAGE_LOCATION("get_image_location"),
    SET_IMAGE_LOCATION("set_image_location"),
    DELETE_IMAGE_LOCATION("delete_image_location"),
    ADD_IMAGE_LOCATION("add_image_location"),
    FETCH_IMAGE_LOCATION("fetch_image_location"),

    // Members.
    ADD_MEMBER("add_member"),
    GET_MEMBER("get_member"),
    GET_MEMBERS("get_members"),
    MODIFY_MEMBER("modify_member"),
    DELETE_MEMBER("delete_member"),

    // Cache.
    MANAGE_IMAGE_CACHE("manage_image_cache"),
    CACHE_IMAGE("cache_image"),
    CACHE_LIST("cache_list"),
    CACHE_DELETE("cache_delete"),
    CACHE_CLEAN("cache_clean"),
    CACHE_PRUNE("cache_prune"),
    LIST_CACHED_NODES("list_cached_nodes"),

    // Discovery.
    STORES_INFO_DETAIL("stores_info_detail"),

    // Tasks.
    TASKS_API_ACCESS("tasks_api_access"),
    GET_TASK("get_task"),
    GET_TASKS("get_tasks"),
    ADD_TASK("add_task"),
    MODIFY_TASK("modify_task"),

    // Metadata definitions.
    METADEF_DEFAULT("metadef_default"),
    METADEF_ADMIN("metadef_admin"),
    GET_METADEF_NAMESPACE("get_metadef_namespace"),
    GET_METADEF_NAMESPACES("get_metadef_namespaces"),
    MODIFY_METADEF_NAMESPACE("modify_metadef_namespace"),
    ADD_METADEF_NAMESPACE("add_metadef_namespace"),
    DELETE_METADEF_NAMESPACE("delete_metadef_namespace"),
    GET_METADEF_OBJECT("get_metadef_object"),
    GET_METADEF_OBJECTS("get_metadef_objects"),
    MODIFY_METADEF_OBJECT("modify_metadef_object"),
    ADD_METADEF_OBJECT("add_metadef_object"),
    DELETE_METADEF_OBJECT("delete_metadef_object"),
    LIST_METADEF_RESOURCE_TYPES("list_metadef_resource_types"),
    GET_METADEF_RESOURCE_TYPE("get_metadef_resource_type"),
    ADD_METADEF_RESOURCE_TYPE_ASSOCIATION("add_metadef_resource_type_association"),
    REMOVE_METADEF_RESOURCE_TYPE_ASSOCIATION("remove_metadef_resource_type_association"),
    GET_METADEF_PROPERTY("get_metadef_property"),
    GET_METADEF_PROPERTIES("get_metadef_properties"),
    MODIFY_METADEF_PROPERTY("modify_metadef_property"),
    ADD_METADEF_PROPERTY("add_metadef_property"),
    REMOVE_METADEF_PROPERTY("remove_metadef_property"),
    GET_METADEF_TAG("get_metadef_tag"),
    GET_METADEF_TAGS("get_metadef_tags"),
    MODIFY_METADEF_TAG("modify_metadef_tag"),
    ADD_METADEF_TAG("add_metadef_tag"),
    ADD_METADEF_TAGS("add_metadef_tags"),
    DELETE_METADEF_TAG("delete_metadef_tag"),
    DELETE_METADEF_TAGS("delete_metadef_tags");

    private final String ruleName;

    GlancePolicy(String ruleName) {
        this.ruleName = ruleName;
    }

    /** The name used in policy files, e.g. {@code get_image}. */
    public String ruleName() {
        return ruleName;
    }

    public static Optional<GlancePolicy> fromRuleName(String ruleName) {
        return Arrays.stream(values()).filter(p -> p.ruleName.equals(ruleName)).findFirst();
    }

    @Override
    public String toString() {
        return ruleName;
    }
}
