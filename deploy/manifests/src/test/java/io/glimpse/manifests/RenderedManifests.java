package io.glimpse.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** deploy/k8s as {@code kubectl kustomize} renders it (no flags, as a user would), with look-ups the tests share. */
final class RenderedManifests {
    static final Path ROOT = findRoot();
    static final Path KUSTOMIZATION = ROOT.resolve("deploy/k8s");
    static final List<String> WORKLOAD_KINDS = List.of("Deployment", "StatefulSet", "Job");

    private static RenderedManifests rendered;

    final List<ObjectNode> objects;

    private RenderedManifests(List<ObjectNode> objects) {
        this.objects = objects;
    }

    static synchronized RenderedManifests get() {
        if (rendered == null) {
            rendered = of(KUSTOMIZATION);
        }
        return rendered;
    }

    /** Another kustomization as {@code kubectl kustomize} renders it, e.g. an overlay of deploy/k8s. */
    static RenderedManifests of(Path kustomization) {
        return new RenderedManifests(parse(render(kustomization)));
    }

    Stream<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind));
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).filter(o -> name(o).equals(name)).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " is rendered"));
    }

    Stream<ObjectNode> workloads() {
        return objects.stream()
                .filter(o -> WORKLOAD_KINDS.contains(o.path("kind").asText()));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + " " + name(object);
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static Map<String, String> podLabels(JsonNode workload) {
        return strings(workload.path("spec").path("template").path("metadata").path("labels"));
    }

    /** Containers and init containers of a workload's pod template. */
    static List<JsonNode> containers(JsonNode workload) {
        List<JsonNode> all = new ArrayList<>();
        podSpec(workload).path("initContainers").forEach(all::add);
        podSpec(workload).path("containers").forEach(all::add);
        return all;
    }

    static JsonNode container(JsonNode workload, String name) {
        return containers(workload).stream()
                .filter(c -> c.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id(workload) + " has no container " + name));
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** A Secret's or a ConfigMap's entries, decoded. */
    Map<String, String> data(String kind, String name) {
        JsonNode object = get(kind, name);
        Map<String, String> data = strings(object.path("data"));
        if (kind.equals("Secret")) {
            data.replaceAll((key, value) -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
            data.putAll(strings(object.path("stringData")));
        }
        return data;
    }

    /**
     * The environment a container starts with, as Kubernetes builds it: envFrom first, then env, each value read
     * from the rendered ConfigMaps and Secrets it names.
     */
    Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                env.putAll(
                        data("ConfigMap", from.path("configMapRef").path("name").asText()));
            }
            if (from.has("secretRef")) {
                env.putAll(data("Secret", from.path("secretRef").path("name").asText()));
            }
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode source = variable.path("valueFrom");
            String value;
            if (source.has("secretKeyRef")) {
                value = keyOf("Secret", source.path("secretKeyRef"));
            } else if (source.has("configMapKeyRef")) {
                value = keyOf("ConfigMap", source.path("configMapKeyRef"));
            } else {
                value = variable.path("value").asText();
            }
            env.put(variable.path("name").asText(), value);
        }
        return env;
    }

    private String keyOf(String kind, JsonNode ref) {
        String key = ref.path("key").asText();
        String value = data(kind, ref.path("name").asText()).get(key);
        if (value == null) {
            throw new AssertionError(kind + " " + ref.path("name").asText() + " has no key " + key);
        }
        return value;
    }

    /** A properties file held in a ConfigMap. */
    Properties properties(String configMap, String key) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(data("ConfigMap", configMap).get(key)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    /** A ConfigMap rendered from a generator carries a content hash: its name as written in kustomization.yaml. */
    Optional<ObjectNode> generated(String kind, String baseName) {
        return ofKind(kind)
                .filter(o -> name(o).equals(baseName) || name(o).matches(baseName + "-[a-z0-9]{10}"))
                .findFirst();
    }

    private static String render(Path kustomization) {
        Path kubectl = Stream.of(System.getenv("PATH").split(":"))
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(
                                "kubectl is not on the PATH: the manifests check renders deploy/k8s"
                                        + " with `kubectl kustomize` (kubectl 1.14 or newer; e.g. Debian's package kubernetes-client)"));
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", kustomization.toString())
                    .redirectErrorStream(false)
                    .start();
            // Drain stderr on its own thread so a chatty kubectl cannot block on a full pipe.
            var stderr = new java.util.concurrent.CompletableFuture<String>();
            Thread.ofVirtual().start(() -> {
                try {
                    stderr.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    stderr.complete(e.toString());
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + kustomization + " did not finish in 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomization + " failed (" + process.exitValue()
                        + "): " + stderr.get(10, TimeUnit.SECONDS));
            }
            return out;
        } catch (IOException
                | InterruptedException
                | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("could not run kubectl kustomize: " + e, e);
        }
    }

    private static List<ObjectNode> parse(String yaml) {
        ObjectMapper mapper = new YAMLMapper();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            return StreamSupport.stream(
                            mapper.readValues(parser, JsonNode.class).readAll().spliterator(), false)
                    .filter(JsonNode::isObject)
                    .map(ObjectNode.class::cast)
                    .toList();
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize printed something that is not YAML: " + e, e);
        }
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/k8s/kustomization.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "deploy/k8s/kustomization.yaml is not above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
