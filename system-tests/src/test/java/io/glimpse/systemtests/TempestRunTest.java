package io.glimpse.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.testsupport.LocalSuite;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Debian's tempest 33 ({@code python3-tempest}), the suite OpenStack certifies image APIs with, runs
 * {@code tempest.api.image.v2} against the gateway: it logs in through the identity endpoint with the
 * pre-provisioned users ({@code tempest/accounts.yaml}, two projects of its own) and calls the image API from the service
 * catalog. Every tempest test becomes one test here: passed, skipped with tempest's or
 * {@code tempest/skips.txt}'s reason, or failed with its traceback.
 *
 * <p>One worker: the accounts give tempest exactly one pair of members in different projects, and a
 * second worker asking for a pair while the first holds it would fail its class for lack of accounts.
 */
class TempestRunTest extends ThroughTheGateway {

    private static final String TEMPEST = "/usr/bin/tempest";
    private static final String PYTHON = "/usr/bin/python3";
    private static final String SUITE = "^tempest\\.api\\.image\\.v2\\.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("target", "tempest").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> tempestImageV2() throws Exception {
        assertThat(Path.of(TEMPEST))
                .as("tempest is installed (Debian's python3-tempest; .ci/run installs it)")
                .exists();
        Skips skips = Skips.load(resource("skips.txt"));
        Path root = ROOT;
        deleteRecursively(root);
        Path workspace = root.resolve("workspace");
        Files.createDirectories(root.resolve("home"));
        run(root, List.of(TEMPEST, "init", workspace.toString()), root.resolve("init.log"));
        Path accounts = workspace.resolve("etc/accounts.yaml");
        Files.writeString(accounts, resource("accounts.yaml"));
        String config = resource("tempest.conf")
                .replace("@GATEWAY@", LocalSuite.gatewayUrl())
                .replace("@ACCOUNTS@", accounts.toString())
                .replace("@LOG@", workspace.resolve("tempest.log").toString());
        Files.writeString(workspace.resolve("etc/tempest.conf"), skips.withFlags(config));

        // The suite's test ids, so that the ones skips.txt excludes are reported with their reason.
        Path listing = root.resolve("list.log");
        run(workspace, List.of(TEMPEST, "run", "--list-tests", "--regex", SUITE), listing);
        List<String> all = Files.readAllLines(listing).stream()
                .map(String::trim)
                .filter(line -> line.startsWith("tempest.api.image.v2."))
                .toList();
        assertThat(all).as("tempest lists the image v2 tests (%s)", listing).isNotEmpty();
        List<String> excluded =
                all.stream().filter(id -> skips.exclusion(id).isPresent()).toList();
        Path loadList = root.resolve("load-list.txt");
        Files.write(loadList, all.stream().filter(id -> !excluded.contains(id)).toList());

        Path output = root.resolve("run.log");
        int exit = run(workspace, List.of(TEMPEST, "run", "--load-list", loadList.toString(), "--serial"), output);
        Path subunit = root.resolve("last.subunit");
        run(workspace, List.of(PYTHON, "-m", "stestr", "last", "--subunit"), subunit);
        Path resultsFile = root.resolve("results.jsonl");
        runWithInput(root, List.of(PYTHON, writeResultsScript(root).toString()), subunit, resultsFile);
        List<JsonNode> results = new ArrayList<>();
        for (String line : Files.readAllLines(resultsFile)) {
            if (!line.isBlank()) {
                results.add(JSON.readTree(line));
            }
        }
        assertThat(results)
                .as("tempest ran the suite (exit %d, see %s)", exit, output)
                .isNotEmpty();

        Stream<DynamicTest> skipped = excluded.stream()
                .map(id -> DynamicTest.dynamicTest(
                        shortId(id), () -> abort(skips.exclusion(id).orElseThrow())));
        Stream<DynamicTest> ran = results.stream()
                .sorted(Comparator.comparing(result -> result.get("id").asText()))
                .map(result -> DynamicTest.dynamicTest(shortId(result.get("id").asText()), () -> verdict(result)));
        return Stream.concat(ran, skipped);
    }

    private static void verdict(JsonNode result) {
        String status = result.get("status").asText();
        String reason = result.get("reason").asText();
        switch (status) {
            case "success", "xfail" -> {}
            case "skip" -> abort(reason);
            default -> fail("tempest: " + status + "\n" + reason);
        }
    }

    private static String shortId(String id) {
        return id.replaceFirst("^tempest\\.api\\.image\\.v2\\.", "");
    }

    /** skips.txt: tempest feature flags and excluded test patterns, each with its reason. */
    record Skips(Map<String, Map<String, String>> flags, Map<Pattern, String> exclusions) {

        private static final Pattern FLAG = Pattern.compile("^\\[([^]]+)]\\s*(\\S+)\\s*=\\s*(\\S+)$");

        static Skips load(String text) {
            Map<String, Map<String, String>> flags = new java.util.LinkedHashMap<>();
            Map<Pattern, String> exclusions = new java.util.LinkedHashMap<>();
            for (String raw : text.split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] entry = line.split("\\s+--\\s+", 2);
                if (entry.length != 2) {
                    throw new IllegalStateException("skips.txt: no ' -- reason' in: " + line);
                }
                var flag = FLAG.matcher(entry[0].strip());
                if (flag.matches()) {
                    flags.computeIfAbsent(flag.group(1), ignored -> new java.util.LinkedHashMap<>())
                            .put(flag.group(2), flag.group(3));
                } else {
                    exclusions.put(Pattern.compile(entry[0].strip()), entry[1].strip());
                }
            }
            return new Skips(flags, exclusions);
        }

        Optional<String> exclusion(String testId) {
            return exclusions.entrySet().stream()
                    .filter(entry -> entry.getKey().matcher(testId).find())
                    .map(Map.Entry::getValue)
                    .findFirst();
        }

        /** The configuration with each flag set in its section (appended: oslo.config merges sections). */
        String withFlags(String config) {
            StringBuilder result = new StringBuilder(config).append("\n# From skips.txt\n");
            flags.forEach((section, options) -> {
                result.append('[').append(section).append("]\n");
                options.forEach((option, value) ->
                        result.append(option).append(" = ").append(value).append('\n'));
            });
            return result.toString();
        }
    }

    private static int run(Path directory, List<String> command, Path output) throws IOException, InterruptedException {
        return start(directory, command, output, null);
    }

    private static void runWithInput(Path directory, List<String> command, Path input, Path output)
            throws IOException, InterruptedException {
        int exit = start(directory, command, output, input);
        assertThat(exit).as("%s (output in %s)", command, output).isZero();
    }

    private static int start(Path directory, List<String> command, Path output, Path input)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(output.toFile()));
        if (input != null) {
            builder.redirectInput(input.toFile());
        } else {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        // tempest keeps its workspace registry and lock files under HOME: a private one per run.
        builder.environment().put("HOME", ROOT.resolve("home").toString());
        builder.environment().remove("OS_CLOUD");
        Process process = builder.start();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(command + " did not finish within 30 minutes, see " + output);
        }
        return process.exitValue();
    }

    private static Path writeResultsScript(Path root) throws IOException {
        Path script = root.resolve("results.py");
        Files.writeString(script, resource("results.py"));
        return script;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TempestRunTest.class.getResourceAsStream("/tempest/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource tempest/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
