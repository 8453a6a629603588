package io.glimpse.contracts.event;

/** CloudEvents 1.0 attribute values Glimpse fixes; binary mode puts them in {@code ce_*} Kafka headers. */
public final class CloudEventAttributes {
    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";

    private CloudEventAttributes() {}

    /** The {@code source} of events a service publishes, e.g. {@code /glimpse/catalog-service}. */
    public static String source(String serviceName) {
        return "/glimpse/" + serviceName;
    }
}
