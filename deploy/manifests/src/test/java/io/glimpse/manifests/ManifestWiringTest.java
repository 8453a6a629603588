package io.glimpse.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.glimpse.manifests.RenderedManifests.container;
import static io.glimpse.manifests.RenderedManifests.containers;
import static io.glimpse.manifests.RenderedManifests.id;
import static io.glimpse.manifests.RenderedManifests.name;
import static io.glimpse.manifests.RenderedManifests.podLabels;
import static io.glimpse.manifests.RenderedManifests.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered objects fit together and would start: what a pod names exists, services find their pods, every
 * setting a service needs is set, credentials agree on both sides, every path a service writes is writable, and
 * the hardening (images, resources, probes, security contexts, network policies) holds.
 */
class ManifestWiringTest {
    private static final List<String> SERVICES =
            List.of("catalog-service", "sharing-service", "import-service", "signature-service");
    private static final List<String> GLIMPSE_PODS =
            List.of("catalog-service", "sharing-service", "import-service", "signature-service", "gateway");

    /**
     * Settings with no usable default in a cluster (application.properties points them at the local suite's
     * 127.0.0.1 ports or its secrets), by service. Sources: each service's src/main/resources/application.properties
     * (quarkus.datasource.*, kafka.bootstrap.servers, quarkus.oidc.*, quarkus.oidc-client.*, quarkus.rest-client.*,
     * glimpse.<service>.public-url), import-service's ImportConfig (glimpse.import.staging.*, conversion
     * work-directory), the store library's StoresConfig (glimpse.store.*, which has no defaults: handed over as a file
     * through QUARKUS_CONFIG_LOCATIONS, its S3 keys as GLIMPSE_S3_*), and the gateway's GatewayConfig, IdentityConfig
     * and ConsoleConfig (glimpse.gateway.*, glimpse.console.bootstrap-servers from kafka.bootstrap.servers).
     */
    private static final Map<String, List<String>> REQUIRED_ENV = Map.of(
            "catalog-service",
            backend(
                    "GLIMPSE_CATALOG_PUBLIC_URL",
                    "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET",
                    "QUARKUS_REST_CLIENT_SIGNATURE_URL",
                    "QUARKUS_CONFIG_LOCATIONS",
                    "GLIMPSE_S3_ACCESS_KEY",
                    "GLIMPSE_S3_SECRET_KEY"),
            "sharing-service",
            backend("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", "QUARKUS_REST_CLIENT_CATALOG_URL"),
            "import-service",
            backend(
                    "GLIMPSE_IMPORT_PUBLIC_URL",
                    "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET",
                    "QUARKUS_REST_CLIENT_CATALOG_URL",
                    "QUARKUS_REST_CLIENT_SIGNATURE_URL",
                    "QUARKUS_CONFIG_LOCATIONS",
                    "GLIMPSE_S3_ACCESS_KEY",
                    "GLIMPSE_S3_SECRET_KEY",
                    "GLIMPSE_IMPORT_STAGING_TYPE",
                    "GLIMPSE_IMPORT_STAGING_DIRECTORY",
                    "GLIMPSE_IMPORT_CONVERSION_WORK_DIRECTORY"),
            "signature-service",
            backend("GLIMPSE_SIGNATURE_PUBLIC_URL"),
            "gateway",
            List.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    "GLIMPSE_GATEWAY_PUBLIC_URL",
                    "GLIMPSE_GATEWAY_SECURITY_ISSUER",
                    "GLIMPSE_GATEWAY_SECURITY_JWKS_URL",
                    "GLIMPSE_GATEWAY_IDENTITY_TOKEN_URL",
                    "GLIMPSE_GATEWAY_IDENTITY_ADMIN_URL",
                    "GLIMPSE_GATEWAY_IDENTITY_CLIENT_SECRET",
                    "GLIMPSE_GATEWAY_UPSTREAMS_CATALOG_URL",
                    "GLIMPSE_GATEWAY_UPSTREAMS_SHARING_URL",
                    "GLIMPSE_GATEWAY_UPSTREAMS_IMPORT_URL",
                    "GLIMPSE_GATEWAY_UPSTREAMS_SIGNATURE_URL"));

    /** Containers allowed a writable root filesystem, and why. */
    private static final Map<String, String> WRITABLE_ROOT =
            Map.of("keycloak", "`kc.sh start` with a database option rebuilds Keycloak into /opt/keycloak first");

    private final RenderedManifests manifests = RenderedManifests.get();

    private static List<String> backend(String... own) {
        List<String> names = new ArrayList<>(List.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL",
                "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD",
                "KAFKA_BOOTSTRAP_SERVERS",
                "QUARKUS_OIDC_AUTH_SERVER_URL",
                "QUARKUS_OIDC_TOKEN_ISSUER",
                "QUARKUS_OIDC_CREDENTIALS_SECRET"));
        names.addAll(List.of(own));
        return names;
    }

    private JsonNode deployment(String name) {
        return manifests.get("Deployment", name);
    }

    private Map<String, String> env(String workloadKind, String workload, String container) {
        return manifests.environment(container(manifests.get(workloadKind, workload), container));
    }

    private Map<String, String> env(String service) {
        return env("Deployment", service, service);
    }

    // --- what pods name exists ---

    @Test
    void everySecretConfigMapClaimAndServiceAccountAPodNamesExists() {
        List<String> missing = new ArrayList<>();
        manifests.workloads().forEach(workload -> {
            Set<String> claimTemplates = new HashSet<>();
            workload.path("spec").path("volumeClaimTemplates").forEach(t -> claimTemplates.add(name(t)));
            for (JsonNode container : containers(workload)) {
                try {
                    manifests.environment(container); // resolves every envFrom and valueFrom, key by key
                } catch (AssertionError e) {
                    missing.add(id(workload) + ": " + e.getMessage());
                }
                for (JsonNode mount : container.path("volumeMounts")) {
                    boolean declared =
                            claimTemplates.contains(mount.path("name").asText())
                                    || volume(workload, mount.path("name").asText()) != null;
                    if (!declared) {
                        missing.add(id(workload) + ": mount of undeclared volume " + mount.path("name"));
                    }
                }
            }
            for (JsonNode volume : podSpec(workload).path("volumes")) {
                check(missing, workload, "Secret", volume.path("secret").path("secretName"));
                check(missing, workload, "ConfigMap", volume.path("configMap").path("name"));
                check(
                        missing,
                        workload,
                        "PersistentVolumeClaim",
                        volume.path("persistentVolumeClaim").path("claimName"));
            }
            check(missing, workload, "ServiceAccount", podSpec(workload).path("serviceAccountName"));
        });
        assertThat(missing).isEmpty();
    }

    /** The pod volume of that name, or null. */
    private static JsonNode volume(JsonNode workload, String name) {
        for (JsonNode volume : podSpec(workload).path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        return null;
    }

    private void check(List<String> missing, JsonNode workload, String kind, JsonNode name) {
        if (!name.isMissingNode() && manifests.find(kind, name.asText()).isEmpty()) {
            missing.add(id(workload) + " names " + kind + " " + name.asText() + ", which is not rendered");
        }
    }

    @Test
    void everyServiceSelectsPodsThatServeItsTargetPort() {
        manifests.ofKind("Service").forEach(service -> {
            Map<String, String> selector =
                    RenderedManifests.strings(service.path("spec").path("selector"));
            List<JsonNode> pods = manifests
                    .workloads()
                    .filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet()))
                    .map(JsonNode.class::cast)
                    .toList();
            assertThat(pods).as("pods selected by %s", id(service)).isNotEmpty();
            for (JsonNode port : service.path("spec").path("ports")) {
                JsonNode target = port.path("targetPort");
                Set<String> served = pods.stream()
                        .flatMap(p -> containers(p).stream())
                        .flatMap(c -> c.path("ports").findValues(target.isInt() ? "containerPort" : "name").stream())
                        .map(JsonNode::asText)
                        .collect(Collectors.toSet());
                String wanted = target.isMissingNode() ? port.path("port").asText() : target.asText();
                if (!target.isMissingNode() || !served.isEmpty()) {
                    assertThat(served)
                            .as("ports of the pods behind %s", id(service))
                            .contains(wanted);
                }
            }
        });
    }

    @Test
    void everyAutoscalerAndDisruptionBudgetTargetsAWorkload() {
        manifests.ofKind("HorizontalPodAutoscaler").forEach(hpa -> {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            assertThat(manifests.find(
                            target.path("kind").asText(), target.path("name").asText()))
                    .as("target of %s", id(hpa))
                    .isPresent();
            assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        });
        manifests.ofKind("PodDisruptionBudget").forEach(pdb -> {
            Map<String, String> selector =
                    RenderedManifests.strings(pdb.path("spec").path("selector").path("matchLabels"));
            assertThat(manifests.workloads().filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet())))
                    .as("pods of %s", id(pdb))
                    .isNotEmpty();
        });
        for (String stateless : GLIMPSE_PODS) {
            assertThat(manifests.find("HorizontalPodAutoscaler", stateless))
                    .as("autoscaler of " + stateless)
                    .isPresent();
            assertThat(manifests.find("PodDisruptionBudget", stateless))
                    .as("budget of " + stateless)
                    .isPresent();
            assertThat(deployment(stateless).path("spec").has("replicas"))
                    .as("%s leaves its replica count to the autoscaler", stateless)
                    .isFalse();
        }
    }

    @Test
    void importWorkersScaleNoFurtherThanTheTaskTopicHasPartitions() {
        int partitions = manifests
                .get("KafkaTopic", "glimpse.tasks")
                .path("spec")
                .path("partitions")
                .asInt();
        int max = manifests
                .get("HorizontalPodAutoscaler", "import-service")
                .path("spec")
                .path("maxReplicas")
                .asInt();
        assertThat(max).isBetween(2, partitions);
    }

    // --- settings and credentials ---

    @Test
    void everySettingAServiceNeedsIsSet() {
        REQUIRED_ENV.forEach((service, names) -> {
            Map<String, String> env = env(service);
            for (String variable : names) {
                assertThat(env.get(variable)).as("%s of %s", variable, service).isNotBlank();
            }
        });
    }

    @Test
    void everyInClusterAddressIsAServiceWithThatPort() {
        Pattern address = Pattern.compile("^(?:jdbc:)?(?:https?|postgresql)://([a-z0-9-]+):(\\d+)(/.*)?$");
        Set<String> databases = databasesCreated();
        List<String> checked = new ArrayList<>();
        manifests.workloads().forEach(workload -> {
            for (JsonNode container : containers(workload)) {
                Map<String, String> values = manifests.environment(container);
                values.forEach((variable, value) -> {
                    Matcher m = address.matcher(value);
                    if (!m.matches()) {
                        return;
                    }
                    checked.add(variable);
                    assertPortServed(id(workload) + " " + variable, m.group(1), Integer.parseInt(m.group(2)));
                    if (value.contains("postgresql://")) {
                        assertThat(databases)
                                .as("databases postgres-init.sql creates, for %s", variable)
                                .contains(m.group(3).substring(1));
                    }
                });
            }
        });
        assertThat(checked).contains("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_REST_CLIENT_CATALOG_URL", "KC_DB_URL");
        for (String pod : GLIMPSE_PODS) {
            String bootstrap = env(pod).get("KAFKA_BOOTSTRAP_SERVERS");
            String kafka = bootstrap.replaceFirst("-kafka-bootstrap:\\d+$", "");
            int port = Integer.parseInt(bootstrap.replaceFirst(".*:", ""));
            // Strimzi names the bootstrap Service <cluster>-kafka-bootstrap, one port per listener.
            assertThat(manifests
                            .get("Kafka", kafka)
                            .path("spec")
                            .path("kafka")
                            .path("listeners")
                            .findValues("port"))
                    .as("listeners of Kafka %s", kafka)
                    .extracting(JsonNode::asInt)
                    .contains(port);
        }
        URI s3 = URI.create(stores().getProperty("glimpse.store.backends.s3.endpoint"));
        assertPortServed("the s3 store's endpoint", s3.getHost(), s3.getPort());
    }

    private void assertPortServed(String what, String host, int port) {
        JsonNode service = manifests
                .find("Service", host)
                .orElseThrow(() -> new AssertionError(what + " names host " + host + ", which is no Service"));
        assertThat(service.path("spec").path("ports").findValues("port"))
                .as("ports of Service %s (%s)", host, what)
                .extracting(JsonNode::asInt)
                .contains(port);
    }

    private Set<String> databasesCreated() {
        String sql = manifests
                .data(
                        "ConfigMap",
                        name(manifests.generated("ConfigMap", "postgres-init").orElseThrow()))
                .get("postgres-init.sql");
        return Pattern.compile("CREATE DATABASE (\\w+);")
                .matcher(sql)
                .results()
                .map(r -> r.group(1))
                .collect(Collectors.toSet());
    }

    private Properties stores() {
        return manifests.properties(
                name(manifests.generated("ConfigMap", "glimpse-stores").orElseThrow()), "stores.properties");
    }

    @Test
    void theStoresAreCompleteAndTheirKeysAreMinios() {
        Properties stores = stores();
        String defaultStore = stores.getProperty("glimpse.store.default-store");
        assertThat(stores.getProperty("glimpse.store.backends." + defaultStore + ".type"))
                .isNotBlank();
        Map<String, String> minio = env("StatefulSet", "minio", "minio");
        for (String service : List.of("catalog-service", "import-service")) {
            Map<String, String> env = env(service);
            assertThat(env.get("QUARKUS_CONFIG_LOCATIONS")).isEqualTo("/etc/glimpse/stores.properties");
            assertThat(resolve(stores.getProperty("glimpse.store.backends.s3.access-key"), env))
                    .isEqualTo(minio.get("MINIO_ROOT_USER"));
            assertThat(resolve(stores.getProperty("glimpse.store.backends.s3.secret-key"), env))
                    .isEqualTo(minio.get("MINIO_ROOT_PASSWORD"));
            assertMountedFrom(service, "/etc/glimpse/stores.properties", "configMap");
        }
        String bucket = stores.getProperty("glimpse.store.backends.s3.bucket");
        assertThat(container(manifests.get("Job", "minio-buckets"), "mc")
                        .path("command")
                        .toString())
                .as("the bucket Job makes the s3 store's bucket")
                .contains("mc mb --ignore-existing glimpse/" + bucket);
    }

    /** A SmallRye expression such as ${GLIMPSE_S3_ACCESS_KEY}, read from the container's environment. */
    private static String resolve(String value, Map<String, String> env) {
        Matcher m = Pattern.compile("^\\$\\{([A-Za-z0-9_]+)}$").matcher(value);
        return m.matches() ? env.get(m.group(1)) : value;
    }

    @Test
    void databaseCredentialsAreTheOnesPostgresIsCreatedWith() {
        Map<String, String> postgres = env("StatefulSet", "postgres", "postgres");
        for (String service : SERVICES) {
            Map<String, String> env = env(service);
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        }
        Map<String, String> keycloak = env("keycloak");
        assertThat(keycloak.get("KC_DB_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(keycloak.get("KC_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void clientSecretsAndAddressesAgreeWithTheRealm() throws IOException {
        JsonNode realm = new ObjectMapper()
                .readTree(manifests
                        .data(
                                "ConfigMap",
                                name(manifests
                                        .generated("ConfigMap", "glimpse-realm")
                                        .orElseThrow()))
                        .get("glimpse-realm.json"));
        assertThat(realm)
                .as("the realm ConfigMap is the repository's one realm file")
                .isEqualTo(new ObjectMapper()
                        .readTree(RenderedManifests.KUSTOMIZATION
                                .resolve("keycloak/glimpse-realm.json")
                                .toFile()));
        for (String service : SERVICES) {
            Map<String, String> env = env(service);
            assertThat(env.get("QUARKUS_OIDC_CREDENTIALS_SECRET")).isEqualTo(clientSecret(realm, "glimpse-service"));
            if (env.containsKey("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET")) {
                assertThat(env.get("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET"))
                        .isEqualTo(clientSecret(realm, "glimpse-service"));
            }
        }
        Map<String, String> gateway = env("gateway");
        assertThat(gateway.get("GLIMPSE_GATEWAY_IDENTITY_CLIENT_SECRET"))
                .isEqualTo(clientSecret(realm, "glimpse-identity"));

        // Tokens name Keycloak's public hostname; every verifier expects that issuer.
        String hostname = argValue(container(manifests.get("Deployment", "keycloak"), "keycloak"), "--hostname");
        String issuer = hostname + "/realms/" + realm.path("realm").asText();
        assertThat(gateway.get("GLIMPSE_GATEWAY_SECURITY_ISSUER")).isEqualTo(issuer);
        SERVICES.forEach(
                s -> assertThat(env(s).get("QUARKUS_OIDC_TOKEN_ISSUER")).as(s).isEqualTo(issuer));

        // The console signs in through the public client, which must accept the gateway's public address.
        List<String> redirects = new ArrayList<>();
        realm.path("clients").forEach(client -> {
            if (client.path("clientId").asText().equals("glimpse-console")) {
                client.path("redirectUris").forEach(uri -> redirects.add(uri.asText()));
            }
        });
        assertThat(redirects).contains(gateway.get("GLIMPSE_GATEWAY_PUBLIC_URL") + "/console/*");
    }

    private static String clientSecret(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client.path("secret").asText();
            }
        }
        throw new AssertionError("the realm has no client " + clientId);
    }

    private static String argValue(JsonNode container, String option) {
        for (JsonNode arg : container.path("args")) {
            if (arg.asText().startsWith(option + "=")) {
                return arg.asText().substring(option.length() + 1);
            }
        }
        throw new AssertionError(container.path("name") + " has no " + option + "=...");
    }

    // --- volumes ---

    @Test
    void everyPathAServiceWritesIsOnAWritableVolume() {
        String imageDirectory = stores().getProperty("glimpse.store.backends.file.directory");
        Map<String, String> imports = env("import-service");
        // Shared by every replica of both services: the claim must allow mounts from several nodes.
        String catalogClaim = assertWritable("catalog-service", imageDirectory, "persistentVolumeClaim");
        String importClaim = assertWritable("import-service", imageDirectory, "persistentVolumeClaim");
        assertThat(importClaim).isEqualTo(catalogClaim);
        assertThat(assertWritable(
                        "import-service", imports.get("GLIMPSE_IMPORT_STAGING_DIRECTORY"), "persistentVolumeClaim"))
                .isEqualTo(catalogClaim);
        assertThat(manifests
                        .get("PersistentVolumeClaim", catalogClaim)
                        .path("spec")
                        .path("accessModes")
                        .toString())
                .contains("ReadWriteMany");
        assertWritable("import-service", imports.get("GLIMPSE_IMPORT_CONVERSION_WORK_DIRECTORY"), "emptyDir");
        // The gateway reads file-store data at catalog's path (ADR 0010).
        assertMountedFrom(
                "gateway", env("gateway").get("GLIMPSE_GATEWAY_PROXY_SEND_FILE_ROOTS"), "persistentVolumeClaim");
    }

    /** Asserts the path lies on a writable mount of a volume of that type; returns the volume's claim or name. */
    private String assertWritable(String service, String path, String volumeType) {
        JsonNode mount = mountFor(deployment(service), service, path);
        assertThat(mount.path("readOnly").asBoolean())
                .as("%s's mount for %s is writable", service, path)
                .isFalse();
        return volumeSource(service, mount, path, volumeType);
    }

    private void assertMountedFrom(String service, String path, String volumeType) {
        volumeSource(service, mountFor(deployment(service), service, path), path, volumeType);
    }

    private String volumeSource(String service, JsonNode mount, String path, String volumeType) {
        JsonNode volume = volume(deployment(service), mount.path("name").asText());
        assertThat(volume.has(volumeType))
                .as("%s of %s is a %s", path, service, volumeType)
                .isTrue();
        return volume.path(volumeType).has("claimName")
                ? volume.path(volumeType).path("claimName").asText()
                : volume.path("name").asText();
    }

    private static JsonNode mountFor(JsonNode workload, String container, String path) {
        assertThat(path).as("a path of %s", container).isNotBlank();
        return container(workload, container).path("volumeMounts").findParents("mountPath").stream()
                .filter(m ->
                        Path.of(path).startsWith(Path.of(m.path("mountPath").asText())))
                .max((a, b) -> a.path("mountPath").asText().length()
                        - b.path("mountPath").asText().length())
                .orElseThrow(() -> new AssertionError(path + " of " + container + " is on no volume"));
    }

    // --- hardening ---

    @Test
    void everyImageIsPinned() {
        manifests
                .workloads()
                .forEach(workload -> containers(workload).forEach(container -> {
                    String image = container.path("image").asText();
                    String lastPart = image.substring(image.lastIndexOf('/') + 1);
                    assertThat(lastPart)
                            .as("image of %s in %s has a tag", container.path("name"), id(workload))
                            .contains(":");
                    assertThat(lastPart)
                            .as("image of %s in %s", container.path("name"), id(workload))
                            .doesNotEndWith(":latest");
                }));
        assertThat(manifests
                        .get("Kafka", "glimpse-kafka")
                        .path("spec")
                        .path("kafka")
                        .path("version")
                        .asText())
                .as("the Kafka version Strimzi runs")
                .matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void everyContainerHasResourcesProbesAndANonRootSecurityContext() {
        List<String> problems = new ArrayList<>();
        manifests.workloads().forEach(workload -> {
            JsonNode pod = podSpec(workload);
            for (JsonNode container : containers(workload)) {
                String where =
                        id(workload) + " container " + container.path("name").asText() + ": ";
                JsonNode resources = container.path("resources");
                for (String field : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
                    if (resources.at("/" + field).isMissingNode()) {
                        problems.add(where + "no " + field);
                    }
                }
                if (!workload.path("kind").asText().equals("Job")) {
                    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                        if (!container.has(probe)) {
                            problems.add(where + "no " + probe);
                        }
                    }
                }
                JsonNode security = container.path("securityContext");
                boolean nonRoot = security.path("runAsNonRoot")
                        .asBoolean(
                                pod.path("securityContext").path("runAsNonRoot").asBoolean(false));
                if (!nonRoot) {
                    problems.add(where + "may run as root (runAsNonRoot)");
                }
                if (security.path("runAsUser")
                                .asInt(pod.path("securityContext")
                                        .path("runAsUser")
                                        .asInt(-1))
                        == 0) {
                    problems.add(where + "runs as uid 0");
                }
                if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + "allows privilege escalation");
                }
                if (!security.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
                    problems.add(where + "keeps its capabilities (drop ALL)");
                }
                String name = container.path("name").asText();
                if (security.path("readOnlyRootFilesystem").asBoolean(false)) {
                    JsonNode tmp = container.path("volumeMounts").findParents("mountPath").stream()
                            .filter(m -> m.path("mountPath").asText().equals("/tmp"))
                            .findFirst()
                            .orElse(null);
                    boolean emptyDir = tmp != null
                            && volume(workload, tmp.path("name").asText()) != null
                            && volume(workload, tmp.path("name").asText()).has("emptyDir");
                    if (!emptyDir) {
                        problems.add(where + "has a read-only root but no emptyDir at /tmp");
                    }
                } else if (!WRITABLE_ROOT.containsKey(name)) {
                    problems.add(where + "has a writable root filesystem");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void glimpseServicesAreProbedOnQuarkusHealth() {
        for (String service : GLIMPSE_PODS) {
            JsonNode container = container(deployment(service), service);
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(podSpec(deployment(service))
                            .path("securityContext")
                            .path("runAsUser")
                            .asInt())
                    .as("%s runs as the image's user", service)
                    .isEqualTo(185);
        }
    }

    // --- network policies ---

    /** Which workloads' pods may open connections to a workload's pods ("*" = anywhere, "ns:" = another namespace). */
    private Set<String> allowedSources(JsonNode target) {
        Map<String, String> labels = podLabels(target);
        List<ObjectNode> policies = manifests
                .ofKind("NetworkPolicy")
                .filter(p -> matches(p.path("spec").path("podSelector"), labels))
                .toList();
        assertThat(policies).as("policies selecting %s", id(target)).isNotEmpty();
        Set<String> sources = new HashSet<>();
        for (ObjectNode policy : policies) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (!rule.has("from") || rule.path("from").isEmpty()) {
                    sources.add("*");
                    continue;
                }
                for (JsonNode peer : rule.path("from")) {
                    if (peer.has("ipBlock")) {
                        sources.add("*");
                    } else if (peer.has("namespaceSelector")) {
                        sources.add("ns:" + peer.path("namespaceSelector"));
                    } else {
                        manifests
                                .workloads()
                                .filter(w -> matches(peer.path("podSelector"), podLabels(w)))
                                .forEach(w -> sources.add(name(w)));
                    }
                }
            }
        }
        return sources;
    }

    private static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (!labels.entrySet()
                .containsAll(
                        RenderedManifests.strings(selector.path("matchLabels")).entrySet())) {
            return false;
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            Set<String> values = new HashSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> values.contains(value);
                case "NotIn" -> !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("operator " + expression.path("operator"));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Test
    void onlyTheGatewayAndKeycloakAreReachableFromOutside() {
        assertThat(manifests
                        .get("NetworkPolicy", "default-deny-ingress")
                        .path("spec")
                        .path("podSelector"))
                .as("the default policy selects every pod")
                .isEmpty();
        assertThat(allowedSources(deployment("gateway"))).contains("*");
        assertThat(allowedSources(manifests.get("Deployment", "keycloak"))).contains("*");
        Set<String> glimpse = Set.copyOf(GLIMPSE_PODS);
        for (String service : SERVICES) {
            Set<String> sources = allowedSources(deployment(service));
            assertThat(sources)
                    .as("who reaches %s", service)
                    .doesNotContain("*")
                    .contains("gateway");
            assertThat(sources.stream().filter(s -> !s.startsWith("ns:")))
                    .as("pods of this namespace reaching %s", service)
                    .allMatch(glimpse::contains);
        }
        assertThat(allowedSources(manifests.get("StatefulSet", "postgres")))
                .containsExactlyInAnyOrder(
                        "catalog-service", "sharing-service", "import-service", "signature-service", "keycloak");
        assertThat(allowedSources(manifests.get("StatefulSet", "minio")))
                .containsExactlyInAnyOrder(
                        "catalog-service", "sharing-service", "import-service", "signature-service", "minio-buckets");
        // Kafka's policy is Strimzi's, written from the listener's peers.
        for (JsonNode listener : manifests.get("Kafka", "glimpse-kafka").at("/spec/kafka/listeners")) {
            Set<String> peers = new HashSet<>();
            assertThat(listener.path("networkPolicyPeers"))
                    .as("peers of listener %s", listener.path("name"))
                    .isNotEmpty();
            for (JsonNode peer : listener.path("networkPolicyPeers")) {
                manifests
                        .workloads()
                        .filter(w -> matches(peer.path("podSelector"), podLabels(w)))
                        .forEach(w -> peers.add(name(w)));
            }
            assertThat(peers).containsExactlyInAnyOrderElementsOf(glimpse);
        }
    }
}
