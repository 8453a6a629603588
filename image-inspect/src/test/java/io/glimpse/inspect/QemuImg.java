package io.glimpse.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real qemu-img to build test images. A missing qemu-img fails the test (CI installs
 * qemu-utils); it is never a reason to skip.
 */
final class QemuImg {

    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\":\\s*(\\d+)");

    private QemuImg() {}

    /** {@code qemu-img create -f format [args...] file size}. */
    static Path create(Path file, String format, long size, String... args) {
        List<String> command = new ArrayList<>(List.of("create", "-q", "-f", format));
        command.addAll(List.of(args));
        command.add(file.toString());
        command.add(Long.toString(size));
        run(command);
        return file;
    }

    /** {@code qemu-img convert -f from -O to [args...] source target}. */
    static Path convert(Path source, String from, Path target, String to, String... args) {
        List<String> command = new ArrayList<>(List.of("convert", "-q", "-f", from, "-O", to));
        command.addAll(List.of(args));
        command.add(source.toString());
        command.add(target.toString());
        run(command);
        return target;
    }

    /** The virtual size qemu-img itself reports, to cross-check the inspector. */
    static long virtualSize(Path file, String format) {
        String json = run(List.of("info", "--output=json", "-f", format, file.toString()));
        Matcher m = VIRTUAL_SIZE.matcher(json);
        if (!m.find()) {
            throw new AssertionError("no virtual-size in qemu-img info output: " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private static String run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("qemu-img");
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("qemu-img is required by these tests: apt-get install -y qemu-utils", e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("qemu-img timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("qemu-img failed (" + process.exitValue() + "): " + command + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("could not read qemu-img output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
