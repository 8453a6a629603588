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

    private EventTypes() {}
}
