package io.glimpse.manifests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every rendered object is a valid object of its kind: read into fabric8's Kubernetes model or Strimzi's typed
 * resources (the API of the pinned operator, io.strimzi:api at ${strimzi.version}), where a field of the wrong type
 * fails and a field the kind does not have (a typo, a wrong indentation) is reported. Both models keep unknown
 * fields in an "additionalProperties" map instead of failing, so that map is checked to be empty everywhere.
 */
class ManifestSchemaTest {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The model class of each apiVersion and kind deploy/k8s uses; a new kind must be added here to be checked. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class));

    /** Prometheus Operator kinds: their CRDs are not at hand, so only their envelope is checked. */
    private static final Set<String> ENVELOPE_ONLY =
            Set.of("monitoring.coreos.com/v1/PodMonitor", "monitoring.coreos.com/v1/PrometheusRule");

    private final RenderedManifests manifests = RenderedManifests.get();

    @Test
    void everyObjectIsOfAKnownKindAndReadsStrictlyIntoItsModel() {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : manifests.objects) {
            String type = object.path("apiVersion").asText() + "/"
                    + object.path("kind").asText();
            Class<?> model = MODELS.get(type);
            if (model == null) {
                if (!ENVELOPE_ONLY.contains(type)) {
                    problems.add(
                            RenderedManifests.id(object) + ": " + type + " is no kind this test knows (add its model)");
                }
                continue;
            }
            try {
                Object read = STRICT.treeToValue(object, model);
                unknownFields(read, RenderedManifests.id(object), 0, problems);
            } catch (Exception e) {
                problems.add(RenderedManifests.id(object) + ": " + e.getMessage());
            }
        }
        assertThat(problems).as("objects that are not valid for their kind").isEmpty();
    }

    @Test
    void everyObjectHasAnApiVersionAKindAndAName() {
        assertThat(manifests.objects).isNotEmpty();
        for (ObjectNode object : manifests.objects) {
            assertThat(object.path("apiVersion").asText())
                    .as("apiVersion of %s", object)
                    .matches("([a-z0-9.-]+/)?v[0-9a-z]+");
            assertThat(object.path("kind").asText()).as("kind of %s", object).matches("[A-Z][A-Za-z]+");
            assertThat(RenderedManifests.name(object))
                    .as("name of %s", RenderedManifests.id(object))
                    .matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
        }
    }

    @Test
    void monitoringObjectsAreWellFormed() {
        for (String kind : List.of("PodMonitor", "PrometheusRule")) {
            ObjectNode object = manifests
                    .ofKind(kind)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " is rendered"));
            assertThat(object.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
            assertThat(object.path("metadata").path("namespace").asText()).isEqualTo("glimpse");
            assertThat(object.path("spec").isObject()).as("%s has a spec", kind).isTrue();
        }
        JsonNode podMonitor = manifests.get("PodMonitor", "glimpse").path("spec");
        assertThat(podMonitor.path("podMetricsEndpoints")).isNotEmpty();
        podMonitor
                .path("podMetricsEndpoints")
                .forEach(endpoint -> assertThat(endpoint.path("port").asText()).isEqualTo("http"));
        JsonNode groups =
                manifests.get("PrometheusRule", "glimpse").path("spec").path("groups");
        assertThat(groups).isNotEmpty();
        for (JsonNode group : groups) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("alert").asText() + rule.path("record").asText())
                        .as("a rule of %s is an alert or a record", group.path("name"))
                        .isNotBlank();
                assertThat(rule.path("expr").asText()).isNotBlank();
            }
        }
    }

    @Test
    void theUnknownFieldCheckCatchesATypo() {
        ObjectNode deployment = manifests.get("Deployment", "catalog-service").deepCopy();
        ((ObjectNode) deployment
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .get(0))
                .set(
                        "readinesProbe",
                        deployment
                                .path("spec")
                                .path("template")
                                .path("spec")
                                .path("containers")
                                .get(0)
                                .path("readinessProbe"));
        List<String> problems = new ArrayList<>();
        try {
            unknownFields(STRICT.treeToValue(deployment, Deployment.class), "copy", 0, problems);
        } catch (Exception e) {
            fail(e);
        }
        assertThat(problems).singleElement().asString().contains("readinesProbe");
    }

    /**
     * Walks a model object through its getters and reports every non-empty additionalProperties map: the fields
     * Jackson found no property for.
     */
    private static void unknownFields(Object value, String path, int depth, List<String> problems) throws Exception {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                unknownFields(item, path + "[" + i++ + "]", depth + 1, problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), depth + 1, problems);
            }
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object property = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + unknown.keySet());
                }
            } else {
                unknownFields(property, path + "." + propertyName(getter), depth + 1, problems);
            }
        }
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().replaceFirst("^(get|is)", "");
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
