package io.glimpse.manifests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rootful podman as it works on these machines: runc, cgroupfs, host networking, and open-file and process limits
 * no higher than the caller's own (runc may not raise them). Every command and its output go to one log.
 */
final class Podman {
    /** Building the images: the first build also makes the base (debootstrap, jlink). */
    private static final Duration BUILD_TIME = Duration.ofMinutes(15);

    private static final Duration COMMAND_TIME = Duration.ofMinutes(2);
    private static final List<String> GLOBAL = List.of("podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs");

    /** One container of a pod, as the manifests describe it. */
    record Spec(
            String name,
            String image,
            String user,
            boolean readOnlyRoot,
            boolean noNewPrivileges,
            boolean dropAllCapabilities,
            String memory,
            Map<String, String> environment,
            List<String> mounts) {}

    private final Path log;

    Podman(Path log) {
        this.log = log;
    }

    /** The five images, from the jars the reactor built, on the base made from Debian packages. */
    void buildImages(Path root) {
        exec(BUILD_TIME, root.resolve("deploy/docker/build-images").toString(), "--base", "local");
    }

    void run(Spec spec) {
        List<String> command = new ArrayList<>(GLOBAL);
        command.addAll(List.of("run", "--detach", "--name", spec.name(), "--network", "host"));
        command.addAll(List.of("--ulimit", "nofile=" + limit("-n"), "--ulimit", "nproc=4096:4096"));
        command.addAll(List.of("--user", spec.user(), "--memory", spec.memory()));
        if (spec.readOnlyRoot()) {
            command.add("--read-only");
        }
        if (spec.noNewPrivileges()) {
            command.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        if (spec.dropAllCapabilities()) {
            command.addAll(List.of("--cap-drop", "ALL"));
        }
        spec.mounts().forEach(mount -> command.addAll(List.of("--volume", mount)));
        spec.environment().forEach((name, value) -> command.addAll(List.of("--env", name + "=" + value)));
        command.add(spec.image());
        exec(COMMAND_TIME, command.toArray(String[]::new));
    }

    boolean running(String name) {
        List<String> command = new ArrayList<>(GLOBAL);
        command.addAll(List.of("inspect", "--format", "{{.State.Running}}", name));
        return output(command).strip().equals("true");
    }

    /** The last lines a container wrote. */
    String tail(String name) {
        List<String> command = new ArrayList<>(GLOBAL);
        command.addAll(List.of("logs", "--tail", "40", name));
        return output(command);
    }

    void saveLogsAndRemove(String name, Path file) {
        List<String> logs = new ArrayList<>(GLOBAL);
        logs.addAll(List.of("logs", name));
        try {
            Files.writeString(file, output(logs));
        } catch (IOException e) {
            append("could not save the logs of " + name + ": " + e);
        }
        List<String> remove = new ArrayList<>(GLOBAL);
        remove.addAll(List.of("rm", "--force", "--time", "10", name));
        output(remove);
    }

    /** Removes every container whose name starts with the prefix (left by an interrupted run). */
    void removeAll(String prefix) {
        List<String> list = new ArrayList<>(GLOBAL);
        list.addAll(List.of("ps", "--all", "--format", "{{.Names}}"));
        for (String name : output(list).split("\n")) {
            if (name.startsWith(prefix)) {
                List<String> remove = new ArrayList<>(GLOBAL);
                remove.addAll(List.of("rm", "--force", name));
                output(remove);
            }
        }
    }

    /** A command on the host (chown, chmod), logged like podman's. */
    void host(String... command) {
        exec(COMMAND_TIME, command);
    }

    private void exec(Duration limit, String... command) {
        append("$ " + String.join(" ", command));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command[0] + " did not finish in " + limit.toMinutes() + " min, see " + log);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(
                        "'" + String.join(" ", command) + "' failed (" + process.exitValue() + "), see " + log);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String output(List<String> command) {
        append("$ " + String.join(" ", command));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(1, TimeUnit.MINUTES);
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    /** The shell's soft:hard limit (runc refuses to set a hard limit above the caller's). */
    private String limit(String option) {
        String soft = output(List.of("sh", "-c", "ulimit -S " + option)).strip();
        String hard = output(List.of("sh", "-c", "ulimit -H " + option)).strip();
        return soft + ":" + hard;
    }

    private void append(String line) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The log is for reading after a failure; a missing line is not a reason to fail the test.
        }
    }
}
