package io.glimpse.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.LocalSuite;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.glimpse.systemtests.Imports.awaitImage;
import static io.glimpse.systemtests.Imports.method;
import static io.glimpse.systemtests.Imports.newRawImage;
import static io.glimpse.systemtests.Imports.randomBytes;
import static io.glimpse.systemtests.Imports.sleep;
import static io.glimpse.systemtests.Imports.stage;
import static io.glimpse.systemtests.Imports.startImport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators watch imports with (deploy/README.md "Monitoring"): {@code glimpse events}, import-service's metrics,
 * and the dashboard and alert rules, whose metric names must be ones the services export.
 */
class OperatorToolsTest extends ThroughTheGateway {
    private static final Path ROOT =
            GlimpseSuite.launcher().getParent().getParent().getParent();
    private static final Path DASHBOARD = ROOT.resolve("deploy/k8s/monitoring/glimpse-dashboard.json");
    private static final Path RULES = ROOT.resolve("deploy/monitoring/glimpse-alerts.yaml");
    /** Every instance that may serve metrics: the five services and the second import-service, when it runs. */
    private static final List<String> METRICS_URLS = List.of(
            LocalSuite.serviceUrl("catalog-service"),
            LocalSuite.serviceUrl("sharing-service"),
            LocalSuite.serviceUrl("import-service"),
            LocalSuite.serviceUrl("signature-service"),
            LocalSuite.gatewayUrl(),
            "http://127.0.0.1:9313");
    /** Import-service's instances: imports run on either. */
    private static final List<String> IMPORT_SERVICES =
            List.of(LocalSuite.serviceUrl("import-service"), "http://127.0.0.1:9313");
    /**
     * Counters that only appear after an event the suite does not cause on purpose (an import resumed after a crash):
     * checked against the meter names the services' code declares instead.
     */
    private static final Set<String> ONLY_AFTER_RARE_EVENTS = Set.of("glimpse_imports_resumed_total");
    /** A series line of the Prometheus text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:glimpse_|http_server_)[a-zA-Z0-9_]*|\\bup\\b");

    @Test
    void eventsPrintsAnImagesCreateWithItsName() {
        String name = uniqueName("evented-ops");
        String id = createImage("alice", Map.of("name", name))
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // The relay publishes within moments; the launcher reads until the topics are idle for 5 s.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String output = GlimpseSuite.glimpseOutput("events", "--image", id);
        while (!output.contains("image.create") && Instant.now().isBefore(deadline)) {
            sleep(1000);
            output = GlimpseSuite.glimpseOutput("events", "--image", id);
        }

        List<String> lines = output.lines().toList();
        assertThat(lines)
                .as(output)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(id));
        assertThat(lines)
                .as(output)
                .anySatisfy(line -> assertThat(line)
                        .contains("image.create")
                        .contains("name=\"" + name + "\"")
                        .contains("status=queued")
                        .contains("by project-a/")
                        .matches("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z .*"));
    }

    @Test
    void aGlanceDirectImportMovesImportServicesMetrics() {
        double finishedBefore = importServicesSum("glimpse_imports_finished_total", "glance-direct", "success");
        double bytesBefore = importServicesSum("glimpse_import_bytes_total", "glance-direct", null);

        importOnce();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        double finished = importServicesSum("glimpse_imports_finished_total", "glance-direct", "success");
        while (finished <= finishedBefore && Instant.now().isBefore(deadline)) {
            sleep(200);
            finished = importServicesSum("glimpse_imports_finished_total", "glance-direct", "success");
        }
        assertThat(finished)
                .as("glimpse_imports_finished_total{method=glance-direct,outcome=success}")
                .isGreaterThan(finishedBefore);
        assertThat(importServicesSum("glimpse_import_bytes_total", "glance-direct", null))
                .as("glimpse_import_bytes_total{method=glance-direct}")
                .isGreaterThan(bytesBefore);
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsNameIsExported() throws IOException {
        Set<String> named = new TreeSet<>();
        dashboardExpressions().forEach(expression -> named.addAll(metricNames(expression)));
        ruleExpressions().forEach(expression -> named.addAll(metricNames(expression)));
        assertThat(named).as("metrics the dashboard and the rules use").contains("glimpse_imports_in_flight");
        // up is Prometheus' own (whether a scrape succeeded), not a service's.
        named.remove("up");

        // Counters and histograms of imports appear with the first import an instance runs.
        if (!exported(IMPORT_SERVICES).contains("glimpse_import_duration_seconds_bucket")) {
            importOnce();
        }
        Set<String> exported = exported(METRICS_URLS);
        for (String name : named) {
            if (ONLY_AFTER_RARE_EVENTS.contains(name) && !exported.contains(name)) {
                assertThat(declaredMeters())
                        .as("%s, which only appears after a rare event, is declared in the services' code", name)
                        .contains(name.replaceFirst("_total$", "").replace('_', '.'));
            } else {
                assertThat(exported)
                        .as("a service's /q/metrics exports %s", name)
                        .contains(name);
            }
        }
    }

    @Test
    void thePrometheusRuleIsGeneratedFromTheRuleFile() throws Exception {
        Process check = new ProcessBuilder(
                        ROOT.resolve("deploy/monitoring/generate-prometheus-rule")
                                .toString(),
                        "--check")
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor())
                .as("deploy/k8s/monitoring/prometheus-rule.yaml is up to date:%n%s", output)
                .isZero();
    }

    /** A small glance-direct import by alice, awaited until the image is active. */
    private static void importOnce() {
        String id = newRawImage("alice");
        stage("alice", id, randomBytes(256 * 1024 + 3, 7)).then().statusCode(204);
        startImport("alice", id, method("glance-direct")).then().statusCode(202);
        awaitImage("alice", id, image -> "active".equals(image.getString("status")));
    }

    /** The sum, over import-service's instances, of a metric's series of one method (and outcome, unless null). */
    private static double importServicesSum(String name, String method, String outcome) {
        double sum = 0;
        for (String url : IMPORT_SERVICES) {
            for (String line : metrics(url).lines().toList()) {
                Matcher sample = SAMPLE.matcher(line);
                if (line.startsWith("#") || !sample.find() || !sample.group(1).equals(name)) {
                    continue;
                }
                Map<String, String> labels = labels(sample.group(2));
                if (method.equals(labels.get("method")) && (outcome == null || outcome.equals(labels.get("outcome")))) {
                    sum += Double.parseDouble(sample.group(3));
                }
            }
        }
        return sum;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }

    /** The names of every series the instances at these URLs export now (an instance that is down adds none). */
    private static Set<String> exported(List<String> urls) {
        Set<String> names = new TreeSet<>();
        for (String url : urls) {
            metrics(url).lines().filter(line -> !line.startsWith("#")).forEach(line -> {
                Matcher sample = SAMPLE.matcher(line);
                if (sample.find()) {
                    names.add(sample.group(1));
                }
            });
        }
        return names;
    }

    /** An instance's /q/metrics, or nothing when it does not answer (the second import-service mostly does not run). */
    private static String metrics(String baseUrl) {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every query of the dashboard: the panels' expressions and the template variables' queries. */
    private static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        collectQueries(new ObjectMapper().readTree(DASHBOARD.toFile()), expressions);
        assertThat(expressions).as("queries in %s", DASHBOARD).isNotEmpty();
        return expressions;
    }

    private static void collectQueries(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getValue().isTextual()
                        && Set.of("expr", "query", "definition").contains(field.getKey())) {
                    into.add(field.getValue().asText());
                } else {
                    collectQueries(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectQueries(element, into));
        }
    }

    /**
     * The {@code expr} of every rule in the rule file: on its line, or the block ({@code expr: |}) indented below it.
     */
    private static List<String> ruleExpressions() throws IOException {
        List<String> lines = Files.readAllLines(RULES);
        List<String> expressions = new ArrayList<>();
        Pattern key = Pattern.compile("^(\\s*)expr:\\s*(.*)$");
        for (int i = 0; i < lines.size(); i++) {
            Matcher expr = key.matcher(lines.get(i));
            if (!expr.matches()) {
                continue;
            }
            String rest = expr.group(2).strip();
            if (!rest.startsWith("|") && !rest.startsWith(">")) {
                expressions.add(rest);
                continue;
            }
            int indent = expr.group(1).length();
            StringBuilder block = new StringBuilder();
            while (i + 1 < lines.size() && (lines.get(i + 1).isBlank() || indentOf(lines.get(i + 1)) > indent)) {
                block.append(lines.get(++i).strip()).append('\n');
            }
            expressions.add(block.toString());
        }
        assertThat(expressions).as("rule expressions in %s", RULES).hasSizeGreaterThanOrEqualTo(5);
        return expressions;
    }

    private static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static Set<String> metricNames(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher name = METRIC_NAME.matcher(expression);
        while (name.find()) {
            names.add(name.group());
        }
        return names;
    }

    /** The text of the services' main Java sources, where meters are declared with dotted names. */
    private static String declaredMeters() {
        StringBuilder text = new StringBuilder();
        for (String module : List.of("service-support", "import-service")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file :
                        files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    text.append(Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }
}
