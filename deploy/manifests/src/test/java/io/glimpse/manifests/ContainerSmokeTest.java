package io.glimpse.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.LocalSuite;
import io.glimpse.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five service images (deploy/docker/build-images, on the base made from Debian packages) run under rootful
 * podman with exactly the environment, volumes, user and read-only root the rendered manifests give their pods,
 * against the local suite's PostgreSQL, Kafka, Keycloak and S3; then an image is uploaded to each store, another
 * imported to both, and all are downloaded intact through the gateway container.
 *
 * <p>The manifests are rendered through an overlay that does what deploy/README.md asks of an operator: the Secrets
 * {@code glimpse-db} and {@code glimpse-s3} get the suite's credentials (step 3). Everything else comes from the
 * rendered objects. Two things differ from a cluster, both forced by host networking (the only network podman has
 * on these machines): the in-cluster addresses ({@code postgres:5432}, {@code catalog-service:8080}, ...) are
 * translated to where the suite and the containers listen, each container gets its own {@code QUARKUS_HTTP_PORT},
 * and the public host names (step 4) become the gateway's and Keycloak's local addresses.
 */
class ContainerSmokeTest {
    private static final List<String> SERVICES =
            List.of("catalog-service", "sharing-service", "import-service", "signature-service", "gateway");
    /** Host ports of the containers (the suite's own services listen on 9292 and 9301-9314). */
    private static final Map<String, Integer> PORTS = Map.of(
            "catalog-service", 9321,
            "sharing-service", 9322,
            "import-service", 9323,
            "signature-service", 9324,
            "gateway", 9325);
    /** The address Strimzi gives the Kafka cluster {@code glimpse-kafka}'s plain listener (not a rendered Service). */
    private static final String KAFKA_BOOTSTRAP = "glimpse-kafka-kafka-bootstrap:9092";

    private static final Path WORK = Path.of("target", "containers").toAbsolutePath();
    private static final Pattern ADDRESS = Pattern.compile("\\b([a-z0-9]([-a-z0-9]*[a-z0-9])?):(\\d{2,5})\\b");

    private static final Podman PODMAN = new Podman(WORK.resolve("podman.log"));
    private static final List<String> started = new ArrayList<>();
    private static final List<String> created = new ArrayList<>();
    private static boolean suiteServicesWereRunning;
    private static RenderedManifests manifests;
    private static Map<String, String> addresses;

    @BeforeAll
    static void runTheImagesAsTheManifestsSay() throws Exception {
        // A fresh start: volumes, configuration and logs of an earlier run are gone (some belong to uid 185).
        PODMAN.host("rm", "-rf", WORK.toString());
        Files.createDirectories(WORK);
        SERVICES.forEach(
                service -> assertThat(RenderedManifests.ROOT.resolve(service + "/target/quarkus-app/quarkus-run.jar"))
                        .as("the reactor builds %s before this module", service)
                        .exists());
        // The containers share the suite's databases and Kafka groups: its own services must not take their work.
        suiteServicesWereRunning = SERVICES.stream().anyMatch(GlimpseSuite::ready);
        if (suiteServicesWereRunning) {
            GlimpseSuite.glimpse("services-down");
        }
        manifests = RenderedManifests.of(operatorOverlay());
        addresses = inClusterAddresses();
        PODMAN.removeAll("glimpse-smoke-");
        PODMAN.buildImages(RenderedManifests.ROOT);
        for (String service : SERVICES) {
            PODMAN.run(containerSpec(service));
            started.add(service);
        }
        for (String service : SERVICES) {
            awaitReady(service);
        }
    }

    @AfterAll
    static void removeTheContainers() {
        try {
            for (String id : created) {
                gateway().delete("/v2/images/" + id);
            }
        } finally {
            started.forEach(
                    service -> PODMAN.saveLogsAndRemove("glimpse-smoke-" + service, WORK.resolve(service + ".log")));
            if (suiteServicesWereRunning) {
                GlimpseSuite.glimpse("services-up");
            }
        }
    }

    @Test
    void everyServiceIsReadyAndAnImageGoesThroughBothStoresIntact() {
        byte[] onFile = randomBytes(3 * 1024 * 1024 + 17, 1);
        String fileImage = createImage("smoke-file");
        upload(fileImage, onFile, "file");
        assertThat(show(fileImage).path("stores").asText()).isEqualTo("file");
        assertThat(download(fileImage)).isEqualTo(sha256(onFile));

        byte[] onS3 = randomBytes(2 * 1024 * 1024 + 5, 2);
        String s3Image = createImage("smoke-s3");
        upload(s3Image, onS3, "s3");
        assertThat(show(s3Image).path("stores").asText()).isEqualTo("s3");
        assertThat(download(s3Image)).isEqualTo(sha256(onS3));

        // import-service's container: staged on the shared claim, imported to both stores through Kafka's hand-out.
        byte[] imported = randomBytes(4 * 1024 * 1024 + 3, 3);
        String importedImage = createImage("smoke-import");
        gateway()
                .contentType("application/octet-stream")
                .body(imported)
                .put("/v2/images/" + importedImage + "/stage")
                .then()
                .statusCode(204);
        gateway()
                .contentType(ContentType.JSON)
                .body(Map.of("method", Map.of("name", "glance-direct"), "all_stores", true))
                .post("/v2/images/" + importedImage + "/import")
                .then()
                .statusCode(202);
        JsonNode active = awaitActive(importedImage);
        assertThat(List.of(active.path("stores").asText().split(","))).containsExactlyInAnyOrder("file", "s3");
        assertThat(download(importedImage)).isEqualTo(sha256(imported));
        assertThat(active.path("os_hash_value").asText()).isEqualTo(sha512(imported));
    }

    // ------------------------------------------------------------------ the manifests, as an operator applies them

    /** An overlay of deploy/k8s with the suite's credentials in the two Secrets shared with the components. */
    private static Path operatorOverlay() throws IOException {
        Path overlay = WORK.resolve("overlay");
        Files.createDirectories(overlay);
        String base = overlay.relativize(RenderedManifests.KUSTOMIZATION).toString();
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: glimpse
                resources: [%s]
                secretGenerator:
                  - name: glimpse-db
                    behavior: replace
                    literals: [username=%s, password=%s]
                  - name: glimpse-s3
                    behavior: replace
                    literals: [access-key=%s, secret-key=%s]
                """.formatted(
                        base,
                        LocalSuite.databaseUser(),
                        LocalSuite.databasePassword(),
                        LocalSuite.s3AccessKey(),
                        LocalSuite.s3SecretKey()));
        return overlay;
    }

    /**
     * Where each in-cluster address is on this machine: the rendered Services of the components to the suite's
     * ports, the services' to their containers' ports. A rendered Service with no entry fails the test, so a new
     * one cannot go unnoticed.
     */
    private static Map<String, String> inClusterAddresses() {
        Map<String, String> local = new LinkedHashMap<>();
        local.put("postgres:5432", LocalSuite.postgresAddress());
        local.put("minio:9000", URI.create(LocalSuite.s3Url()).getAuthority());
        local.put("keycloak:8080", URI.create(LocalSuite.keycloakUrl()).getAuthority());
        local.put(KAFKA_BOOTSTRAP, LocalSuite.kafkaBootstrap());
        PORTS.forEach((service, port) -> local.put(service + ":8080", "127.0.0.1:" + port));
        manifests
                .ofKind("Service")
                .forEach(service -> service.path("spec").path("ports").forEach(port -> {
                    String address = RenderedManifests.name(service) + ":"
                            + port.path("port").asText();
                    assertThat(local)
                            .as("where %s runs on this machine", address)
                            .containsKey(address);
                }));
        return local;
    }

    /** Public host names (deploy/README.md step 4) as this machine has them. */
    private static String publicNames(String value) {
        return value.replace("https://images.glimpse.example", "http://127.0.0.1:" + PORTS.get("gateway"))
                .replace("https://auth.glimpse.example", LocalSuite.keycloakUrl());
    }

    private static String translate(String value) {
        Matcher matcher = ADDRESS.matcher(publicNames(value));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String local = addresses.get(matcher.group());
            String host = matcher.group(1);
            if (local == null && (addresses.keySet().stream().anyMatch(a -> a.startsWith(host + ":")))) {
                throw new AssertionError(
                        "'" + value + "' names " + matcher.group() + ", a port its Service does not have");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(local == null ? matcher.group() : local));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The container of a service's Deployment, as podman runs it. */
    private static Podman.Spec containerSpec(String service) throws IOException {
        JsonNode deployment = manifests.get("Deployment", service);
        JsonNode pod = RenderedManifests.podSpec(deployment);
        JsonNode container = RenderedManifests.container(deployment, service);
        JsonNode podSecurity = pod.path("securityContext");
        JsonNode security = container.path("securityContext");

        Map<String, String> env = new LinkedHashMap<>();
        manifests.environment(container).forEach((name, value) -> env.put(name, translate(value)));
        // Host networking: the manifests' port 8080 is taken by every container; the address table follows this.
        env.put("QUARKUS_HTTP_PORT", String.valueOf(PORTS.get(service)));

        List<String> mounts = new ArrayList<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            JsonNode volume = volume(pod, mount.path("name").asText());
            boolean readOnly = mount.path("readOnly").asBoolean(false);
            Path source;
            if (volume.has("emptyDir")) {
                source = emptyDir(
                        WORK.resolve(
                                "pods/" + service + "/" + mount.path("name").asText()),
                        podSecurity);
            } else if (volume.has("persistentVolumeClaim")) {
                String claim =
                        volume.path("persistentVolumeClaim").path("claimName").asText();
                manifests.get("PersistentVolumeClaim", claim);
                source = claimVolume(WORK.resolve("claims/" + claim), podSecurity);
                readOnly |=
                        volume.path("persistentVolumeClaim").path("readOnly").asBoolean(false);
            } else if (volume.has("configMap")) {
                source = configMapFiles(volume.path("configMap").path("name").asText());
                readOnly = true;
            } else {
                throw new AssertionError(service + "'s volume " + volume + " is of a kind this test does not run");
            }
            mounts.add(source + ":" + mount.path("mountPath").asText() + (readOnly ? ":ro" : ""));
        }
        return new Podman.Spec(
                "glimpse-smoke-" + service,
                image(container.path("image").asText()),
                podSecurity.path("runAsUser").asText() + ":"
                        + podSecurity.path("runAsGroup").asText(),
                security.path("readOnlyRootFilesystem").asBoolean(false),
                !security.path("allowPrivilegeEscalation").asBoolean(true),
                security.path("capabilities").path("drop").toString().contains("ALL"),
                memory(container.path("resources").path("limits").path("memory").asText()),
                env,
                mounts);
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    /** Kubernetes makes an emptyDir writable by anyone (0777), and gives it the pod's fsGroup when there is one. */
    private static Path emptyDir(Path directory, JsonNode podSecurity) throws IOException {
        Files.createDirectories(directory);
        PODMAN.host("chmod", "0777", directory.toString());
        return claimVolume(directory, podSecurity);
    }

    /**
     * A claim's volume as a fresh volume is: owned by root unless the pod has an fsGroup, which Kubernetes then
     * gives it (group-writable, set-gid). Without one, the pod's user cannot write there, as on a cluster.
     */
    private static Path claimVolume(Path directory, JsonNode podSecurity) throws IOException {
        Files.createDirectories(directory);
        if (podSecurity.has("fsGroup")) {
            PODMAN.host("chgrp", "-R", podSecurity.path("fsGroup").asText(), directory.toString());
            PODMAN.host("chmod", "-R", "g+rwXs", directory.toString());
        }
        return directory;
    }

    private static Path configMapFiles(String name) throws IOException {
        Path directory = WORK.resolve("configmaps/" + name);
        Files.createDirectories(directory);
        for (var entry : manifests.data("ConfigMap", name).entrySet()) {
            Files.writeString(directory.resolve(entry.getKey()), translate(entry.getValue()));
        }
        PODMAN.host("chmod", "-R", "a+rX", directory.toString());
        return directory;
    }

    /** The manifests name images without a registry (glimpse/catalog-service:0.1.0): podman's are under localhost/. */
    private static String image(String reference) {
        assertThat(reference).as("a pinned image").matches("glimpse/[a-z-]+:[0-9][0-9A-Za-z.-]*");
        return "localhost/" + reference;
    }

    /** Kubernetes' 768Mi as podman's 768m (both binary). */
    private static String memory(String limit) {
        assertThat(limit).as("a memory limit in Mi or Gi").matches("\\d+(Mi|Gi)");
        return limit.replace("Mi", "m").replace("Gi", "g");
    }

    private static void awaitReady(String service) throws InterruptedException {
        JsonNode container = RenderedManifests.container(manifests.get("Deployment", service), service);
        String path =
                container.path("readinessProbe").path("httpGet").path("path").asText();
        // The startup probe's budget: failureThreshold × periodSeconds, 120 s in the manifests.
        JsonNode startup = container.path("startupProbe");
        Duration budget =
                Duration.ofSeconds((long) startup.path("failureThreshold").asInt(60)
                                * startup.path("periodSeconds").asInt(2)
                        + 60);
        URI uri = URI.create("http://127.0.0.1:" + PORTS.get(service) + path);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(budget);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!PODMAN.running("glimpse-smoke-" + service)) {
                throw new AssertionError(service + "'s container stopped: " + PODMAN.tail("glimpse-smoke-" + service));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(service + " not ready at " + uri + " after " + budget + ": " + last + "\n"
                + PODMAN.tail("glimpse-smoke-" + service));
    }

    // ------------------------------------------------------------------ the client's side, through the gateway

    private static RequestSpecification gateway() {
        return RestAssured.given()
                .baseUri("http://127.0.0.1:" + PORTS.get("gateway"))
                .auth()
                .oauth2(Tokens.forUser("alice"));
    }

    private static String createImage(String name) {
        String id = gateway()
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "disk_format", "raw", "container_format", "bare"))
                .post("/v2/images")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        created.add(id);
        return id;
    }

    private static void upload(String id, byte[] data, String store) {
        gateway()
                .contentType("application/octet-stream")
                .header("X-Image-Meta-Store", store)
                .body(data)
                .put("/v2/images/" + id + "/file")
                .then()
                .statusCode(204);
    }

    private static JsonNode show(String id) {
        String body = gateway()
                .get("/v2/images/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static JsonNode awaitActive(String id) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        JsonNode image = show(id);
        while (!image.path("status").asText().equals("active") && Instant.now().isBefore(deadline)) {
            assertThat(image.path("os_glance_failed_import").asText())
                    .as("failed stores of %s", id)
                    .isEmpty();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            image = show(id);
        }
        assertThat(image.path("status").asText()).as("%s imported", id).isEqualTo("active");
        return image;
    }

    /** The sha-256 of what the gateway sends for the image's data. */
    private static String download(String id) {
        byte[] data = gateway()
                .get("/v2/images/" + id + "/file")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        return sha256(data);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) {
        return digest("SHA-256", data);
    }

    private static String sha512(byte[] data) {
        return digest("SHA-512", data);
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
