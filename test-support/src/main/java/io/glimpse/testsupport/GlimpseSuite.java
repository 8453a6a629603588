package io.glimpse.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole suite for black-box tests: the five services started from the jars this build produced,
 * once per test JVM, through {@code deploy/local/glimpse}. The components (PostgreSQL, Kafka,
 * Keycloak, S3) must already run: the test command starts them once for the whole run.
 */
public final class GlimpseSuite {
    private static boolean started;

    private GlimpseSuite() {}

    /** Starts the services unless the suite already answers; stops what it started when the JVM ends. */
    public static synchronized void ensureRunning() {
        if (started || readyAt(LocalSuite.gatewayUrl())) {
            started = true;
            return;
        }
        glimpse("services-up");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> glimpse("services-down")));
        started = true;
    }

    /** Runs a launcher command, e.g. {@code glimpse("stop", "kafka")}, and fails the test if it fails. */
    public static void glimpse(String... arguments) {
        glimpseWith(Map.of(), arguments);
    }

    /**
     * Runs a launcher command with extra environment variables, which a service it starts inherits: e.g.
     * {@code GLIMPSE_SIGNATURE_ENFORCE_TRUSTED_CA=true} with {@code start signature-service}.
     */
    public static void glimpseWith(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(logFile())));
            builder.environment().putAll(environment);
            Process process = builder.start();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(
                        "'" + String.join(" ", command) + "' failed with " + exit + ", see " + logFile());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a launcher command that prints something, e.g. {@code glimpseOutput("events", "--image", id)}, and returns
     * what it wrote to standard output; its standard error goes to the launcher log. Fails the test if it fails.
     */
    public static String glimpseOutput(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.appendTo(new File(logFile())))
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(
                        "'" + String.join(" ", command) + "' failed with " + exit + ", see " + logFile());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Restarts one service of the suite with extra environment variables (an operator's configuration for a test
     * class); with none, it gets its defaults back.
     */
    public static void restartWith(String service, Map<String, String> environment) {
        glimpse("stop", service);
        glimpseWith(environment, "start", service);
    }

    /** The repository's launcher, found by walking up from the module being tested. */
    public static Path launcher() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/local/glimpse");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "deploy/local/glimpse not found above " + Path.of("").toAbsolutePath());
    }

    /** Where the launcher keeps its state ({@code GLIMPSE_HOME}, else {@code .glimpse} beside deploy/). */
    public static Path home() {
        String configured = System.getenv("GLIMPSE_HOME");
        return configured != null
                ? Path.of(configured)
                : launcher().getParent().getParent().getParent().resolve(".glimpse");
    }

    /** Whether a service answers its readiness probe with 200 now. */
    public static boolean ready(String service) {
        return readyAt(LocalSuite.serviceUrl(service));
    }

    private static String logFile() {
        return Path.of("target", "glimpse-launcher.log").toAbsolutePath().toString();
    }

    private static boolean readyAt(String baseUrl) {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
