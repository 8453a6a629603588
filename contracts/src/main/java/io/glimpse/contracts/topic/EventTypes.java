package io.glimpse.contracts.topic;

/** CloudEvent {@code type} values; they reuse Glance's notification names so operators' tooling reads them. */
public final class EventTypes {
    public static final String IMAGE_CREATE = "image.create";
    public static final String IMAGE_UPDATE = "image.update";
    public static final String IMAGE_PREPARE = "image.prepare";
    public static final String IMAGE_UPLOAD = "image.upload";
    public static final String IMAGE_ACTIVATE = "image.activate";
    public static final String IMAGE_DEACTIVATE = "image.deactivate";
    public static final String IMAGE_REACTIVATE = "image.reactivate";
    public static final String IMAGE_DELETE = "image.delete";

    public static final String MEMBER_CREATE = "image.member.create";
    public static final String MEMBER_UPDATE = "image.member.update";
    public static final String MEMBER_DELETE = "image.member.delete";

    public static final String TASK_CREATE = "task.create";
    public static final String TASK_PROCESSING = "task.processing";
    public static final String TASK_SUCCESS = "task.success";
    public static final String TASK_FAILURE = "task.failure";

    public static final String IMPORT_START = "image.import.start";
    public static final String IMPORT_PROGRESS = "image.import.progress";
    public static final String IMPORT_STORE_SUCCESS = "image.import.store.success";
    public static final String IMPORT_STORE_FAILURE = "image.import.store.failure";
    public static final String IMPORT_FINISH = "image.import.finish";

    public static final String SIGNATURE_VERIFIED = "image.signature.verified";
    public static final String SIGNATURE_FAILED = "image.signature.failed";

    // Metadata definitions, with Glance's notification names.
    public static final String METADEF_NAMESPACE_CREATE = "metadef_namespace.create";
    public static final String METADEF_NAMESPACE_UPDATE = "metadef_namespace.update";
    public static final String METADEF_NAMESPACE_DELETE = "metadef_namespace.delete";
    public static final String METADEF_NAMESPACE_DELETE_OBJECTS = "metadef_namespace.delete_objects";
    public static final String METADEF_NAMESPACE_DELETE_PROPERTIES = "metadef_namespace.delete_properties";
    public static final String METADEF_NAMESPACE_DELETE_TAGS = "metadef_namespace.delete_tags";
    public static final String METADEF_OBJECT_CREATE = "metadef_object.create";
    public static final String METADEF_OBJECT_UPDATE = "metadef_object.update";
    public static final String METADEF_OBJECT_DELETE = "metadef_object.delete";
    public static final String METADEF_PROPERTY_CREATE = "metadef_property.create";
    public static final String METADEF_PROPERTY_UPDATE = "metadef_property.update";
    public static final String METADEF_PROPERTY_DELETE = "metadef_property.delete";
    public static final String METADEF_TAG_CREATE = "metadef_tag.create";
    public static final String METADEF_TAG_UPDATE = "metadef_tag.update";
    public static final String METADEF_TAG_DELETE = "metadef_tag.delete";
    public static final String METADEF_RESOURCE_TYPE_CREATE = "metadef_resource_type.create";
    public static final String METADEF_RESOURCE_TYPE_DELETE = "metadef_resource_type.delete";

    private EventTypes() {}
}
