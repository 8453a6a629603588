package io.glimpse.testsupport;

/**
 * Where the components of a local suite listen (docs/architecture.md "Running it"); a system property
 * of the same name moves one, e.g. {@code -Dglimpse.keycloak.url=http://127.0.0.1:8180}.
 */
public final class LocalSuite {
    private LocalSuite() {}

    public static String gatewayUrl() {
        return System.getProperty("glimpse.gateway.url", "http://127.0.0.1:9292");
    }

    public static String keycloakUrl() {
        return System.getProperty("glimpse.keycloak.url", "http://127.0.0.1:8180");
    }

    public static String realmUrl() {
        return keycloakUrl() + "/realms/glimpse";
    }

    public static String s3Url() {
        return System.getProperty("glimpse.s3.url", "http://127.0.0.1:9000");
    }

    /** PostgreSQL's host:port (every service's database, and the tests' own). */
    public static String postgresAddress() {
        return System.getProperty("glimpse.postgres.address", "127.0.0.1:55432");
    }

    /** The role every service logs in to PostgreSQL with, and its password (the launcher's DB_USER, DB_PASSWORD). */
    public static String databaseUser() {
        return System.getProperty("glimpse.db.user", "glimpse");
    }

    public static String databasePassword() {
        return System.getProperty("glimpse.db.password", "glimpse");
    }

    /** The local S3's keys (the launcher's S3_ACCESS_KEY, S3_SECRET_KEY). */
    public static String s3AccessKey() {
        return System.getProperty("glimpse.s3.access-key", "glimpse");
    }

    public static String s3SecretKey() {
        return System.getProperty("glimpse.s3.secret-key", "glimpse-local-secret");
    }

    public static String kafkaBootstrap() {
        return System.getProperty("glimpse.kafka.bootstrap", "127.0.0.1:9092");
    }

    public static String serviceUrl(String service) {
        int port = switch (service) {
            case "catalog-service" -> 9301;
            case "sharing-service" -> 9302;
            case "import-service" -> 9303;
            case "signature-service" -> 9304;
            case "gateway" -> 9292;
            default -> throw new IllegalArgumentException("unknown service " + service);
        };
        return System.getProperty("glimpse." + service + ".url", "http://127.0.0.1:" + port);
    }
}
