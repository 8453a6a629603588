package io.glimpse.imports.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * image_conversion: {@code qemu-img convert} of the image's data to the configured output format, as Glance's plugin
 * does, with what Glance leaves out: qemu-img runs under CPU and address-space limits (prlimit) and a wall-clock
 * bound, its progress ({@code -p}) is the task's, and its output is inspected again before any store sees it.
 *
 * <p>Before converting, as Glance: {@code qemu-img info} must agree with the image's disk_format, and a backing file,
 * a data file or a VMDK create-type not allowed refuses the data (the format gate of {@link FormatStep} has refused
 * those already; this is the second lock). Data already in the output format, and formats qemu-img does not convert
 * from here (iso, ploop, aki, ari, ami), are kept as they are and the task says so — Glance fails those.
 */
@ApplicationScoped
public class Conversion {
    private static final Logger LOG = Logger.getLogger(Conversion.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PERCENT = Pattern.compile("\\((\\d+(?:\\.\\d+)?)/100%\\)");

    /** Glance's disk formats qemu-img converts between, by qemu-img's names for them. */
    static final Map<String, String> QEMU_FORMATS =
            Map.of("raw", "raw", "qcow2", "qcow2", "vmdk", "vmdk", "vhd", "vpc", "vhdx", "vhdx", "vdi", "vdi");

    /** The output formats Glance allows for conversion. */
    static final List<String> OUTPUT_FORMATS = List.of("raw", "qcow2", "vmdk");

    private final ImportConfig.Conversion config;

    public Conversion(ImportConfig config) {
        this.config = config.conversion();
    }

    /** Checked at start when the plugin is enabled: a wrong output format or a missing qemu-img stops the service. */
    void validate() {
        if (!OUTPUT_FORMATS.contains(config.outputFormat())) {
            throw new IllegalStateException("glimpse.import.conversion.output-format is " + config.outputFormat()
                    + "; it must be one of " + OUTPUT_FORMATS);
        }
        try {
            Process version = new ProcessBuilder(config.qemuImg(), "--version")
                    .redirectErrorStream(true)
                    .start();
            version.getInputStream().readAllBytes();
            if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
                throw new IllegalStateException(config.qemuImg() + " --version failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "image_conversion is enabled but " + config.qemuImg() + " cannot be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + config.qemuImg(), e);
        }
    }

    /** The converted data, staged and checked, or empty when the data stays as it is. */
    Optional<StagedData> convert(ImportRun run, StagedData data, ImageSnapshot image, ImportPlugins plugins) {
        String source = image.diskFormat();
        String target = config.outputFormat();
        if (source == null || source.equals(target)) {
            return Optional.empty();
        }
        String qemuSource = QEMU_FORMATS.get(source);
        if (qemuSource == null) {
            run.progress().say("Not converted: qemu-img does not convert from " + source);
            return Optional.empty();
        }
        Path directory = workDirectory(run);
        try {
            Path input = directory.resolve("input." + source);
            copyIn(run, plugins, data, input);
            checkBeforeConverting(run, input, source, qemuSource);
            Path output = directory.resolve("output." + target);
            runConvert(run, input, qemuSource, QEMU_FORMATS.get(target), output);
            Files.delete(input);
            Progress.Phase phase = run.progress().phase("stage-converted", null, Files.size(output));
            phase.running();
            StagedData converted;
            try (InputStream bytes = Files.newInputStream(output)) {
                converted = plugins.stage(
                        run,
                        image,
                        "converted",
                        bytes,
                        Files.size(output),
                        "bare",
                        target,
                        phase,
                        ImportPlugins.ByteLimit.NONE);
            }
            phase.done();
            if (converted.formatRejection != null) {
                throw new ImportFailure("The converted data fails its inspection: " + converted.formatRejection);
            }
            run.progress().say("Converted " + source + " to " + target + ": " + converted.size + " bytes");
            return Optional.of(converted);
        } catch (IOException | StoreException e) {
            throw new ImportFailure(
                    "Converting image " + image.id() + " to " + target + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(directory);
        }
    }

    private Path workDirectory(ImportRun run) {
        try {
            Path base = Path.of(config.workDirectory().orElse(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "glimpse-convert-" + run.taskId() + "-");
        } catch (IOException e) {
            throw new ImportFailure("No room to convert image " + run.task().imageId + ": " + e.getMessage(), e);
        }
    }

    private static void copyIn(ImportRun run, ImportPlugins plugins, StagedData data, Path input) throws IOException {
        try (InputStream in = plugins.read(data);
                OutputStream out = Files.newOutputStream(input)) {
            byte[] buffer = new byte[1024 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                run.checkGoingOn();
                out.write(buffer, 0, n);
            }
        }
    }

    /** Glance's checks with {@code qemu-img info}, before anything is converted. */
    private void checkBeforeConverting(ImportRun run, Path input, String source, String qemuSource) throws IOException {
        Result info = run(run, List.of(config.qemuImg(), "info", "-f", qemuSource, "--output=json", input.toString()));
        if (info.exit() != 0) {
            throw new ImportFailure("qemu-img cannot read the data as " + source + ": " + info.errors());
        }
        JsonNode metadata = JSON.readTree(info.output());
        if (!qemuSource.equals(metadata.path("format").asText())) {
            throw new ImportFailure("Image metadata disagrees about format: qemu-img reads "
                    + metadata.path("format").asText() + " data, the image says " + source + ".");
        }
        if (metadata.has("backing-filename")) {
            throw new ImportFailure("Images with backing files are not allowed.");
        }
        JsonNode specific = metadata.path("format-specific").path("data");
        if (specific.hasNonNull("data-file")) {
            throw new ImportFailure("QCOW images with data-file set are not allowed.");
        }
        if ("vmdk".equals(qemuSource)) {
            String createType = specific.path("create-type").asText("");
            if (createType.isEmpty()) {
                throw new ImportFailure("Unable to determine VMDK create-type.");
            }
            if (!config.vmdkAllowedTypes().contains(createType)) {
                throw new ImportFailure("Invalid VMDK create-type specified: " + createType + " is not one of "
                        + config.vmdkAllowedTypes() + ".");
            }
        }
    }

    private void runConvert(ImportRun run, Path input, String from, String to, Path output) {
        Progress.Phase phase = run.progress().phase("convert", null, 100L);
        phase.running();
        run.progress().say("Converting " + from + " to " + to);
        Result converted = run(
                run,
                List.of(config.qemuImg(), "convert", "-p", "-f", from, "-O", to, input.toString(), output.toString()),
                percent -> phase.set(percent));
        if (converted.exit() != 0) {
            phase.failed();
            throw new ImportFailure("qemu-img convert failed: " + converted.errors());
        }
        phase.done();
    }

    private Result run(ImportRun run, List<String> command) {
        return run(run, command, percent -> {});
    }

    /**
     * Runs qemu-img under prlimit (CPU seconds, address space) and the wall-clock bound, watching the import: a
     * deletion or a lost lease kills it. Output is read as it comes (progress lines end in a carriage return).
     */
    private Result run(ImportRun run, List<String> command, LongConsumer percent) {
        List<String> limited = new ArrayList<>(
                List.of("prlimit", "--cpu=" + config.cpuSeconds(), "--as=" + config.addressSpace(), "--"));
        limited.addAll(command);
        Process process;
        Path errors;
        try {
            errors = Files.createTempFile("qemu-img-", ".err");
            process = new ProcessBuilder(limited)
                    .redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new ImportFailure("qemu-img cannot be run: " + e.getMessage(), e);
        }
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> readOutput(process, output, percent));
        long deadline = System.nanoTime() + config.timeout().toNanos();
        try {
            while (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                run.checkGoingOn();
                if (System.nanoTime() > deadline) {
                    throw new ImportFailure("qemu-img ran longer than " + config.timeout() + " and was stopped.");
                }
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            String stderr = Files.readString(errors, StandardCharsets.UTF_8).strip();
            int exit = process.exitValue();
            if (exit == 128 + 24 || exit == 128 + 9) {
                stderr = "it exceeded its limits (" + config.cpuSeconds() + " CPU seconds, " + config.addressSpace()
                        + " bytes of address space)" + (stderr.isEmpty() ? "" : ": " + stderr);
            }
            synchronized (output) {
                return new Result(exit, output.toString(), abbreviate(stderr));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportStopped("interrupted");
        } catch (IOException e) {
            throw new ImportFailure("qemu-img's answer cannot be read: " + e.getMessage(), e);
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteQuietly(errors);
        }
    }

    private static void readOutput(Process process, StringBuilder output, LongConsumer percent) {
        try (Reader in = process.inputReader(StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\r' || c == '\n') {
                    Matcher matcher = PERCENT.matcher(line);
                    if (matcher.find()) {
                        percent.accept((long) Double.parseDouble(matcher.group(1)));
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
                synchronized (output) {
                    if (output.length() < 1024 * 1024) {
                        output.append((char) c);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debugf("qemu-img output ended: %s", e.toString());
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

    private static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(each -> {
                try {
                    Files.deleteIfExists(each);
                } catch (IOException e) {
                    LOG.warnf("conversion leftover %s not deleted: %s", each, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warnf("conversion leftovers in %s not deleted: %s", path, e.toString());
        }
    }

    /** What a qemu-img run answered. */
    private record Result(int exit, String output, String errors) {}
}
