package io.glimpse.gateway.routing;

import io.glimpse.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The local files the gateway sends itself when a service answers with one (ADR 0010): only files under the
 * configured roots, resolved through symbolic links, so an answer can never make the gateway send anything else.
 */
@ApplicationScoped
public class LocalFiles {
    private final List<Path> roots;

    public LocalFiles(GatewayConfig config) {
        this.roots = config.proxy().sendFileRoots().orElse(List.of()).stream()
                .map(root -> root.toAbsolutePath().normalize())
                .toList();
    }

    /** Whether the gateway offers to send files at all. */
    boolean offered() {
        return !roots.isEmpty();
    }

    /**
     * The bytes a service's answer names.
     *
     * @throws IllegalArgumentException when the file is outside the roots or the span is not one of the file
     */
    LocalFile admit(String path, String span) {
        Path file;
        try {
            file = Path.of(path).toRealPath();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("no readable file " + path, e);
        }
        if (roots.stream().map(LocalFiles::real).flatMap(Optional::stream).noneMatch(file::startsWith)) {
            throw new IllegalArgumentException("file outside the send-file roots: " + path);
        }
        String[] parts = span == null ? new String[0] : span.trim().split(" ");
        try {
            long offset = Long.parseLong(parts[0]);
            long length = Long.parseLong(parts[1]);
            if (parts.length != 2 || offset < 0 || length < 0 || offset + length > Files.size(file)) {
                throw new IllegalArgumentException("span " + span + " is not within " + path);
            }
            return new LocalFile(file.toString(), offset, length);
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("bad span " + span + " for " + path, e);
        }
    }

    /** A root as it is now (a store directory may be created after the gateway started). */
    private static Optional<Path> real(Path root) {
        try {
            return Optional.of(root.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A span of a file the gateway was allowed to send. */
    record LocalFile(String path, long offset, long length) {}
}
