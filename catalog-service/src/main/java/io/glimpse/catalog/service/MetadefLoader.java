package io.glimpse.catalog.service;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.MetadefInput;
import io.glimpse.catalog.mapping.MetadefBodies;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.support.security.Caller;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the operator's metadata definition files at start (Glance's {@code glance-manage db_load_metadefs}). Each
 * file is one namespace, checked like a {@code POST /v2/metadefs/namespaces} body and written in one transaction:
 * an invalid file is reported and nothing of it is written; a namespace that exists already is kept as it is, so
 * loading again (or from several instances at once) changes nothing.
 */
@ApplicationScoped
public class MetadefLoader {
    private static final Logger LOG = Logger.getLogger(MetadefLoader.class);
    private static final Caller OPERATOR = new Caller("glimpse-metadef-loader", "", Set.of("admin"), "startup");

    private final CatalogConfig config;
    private final MetadefBodies bodies;
    private final MetadefNamespaceService namespaces;

    public MetadefLoader(CatalogConfig config, MetadefBodies bodies, MetadefNamespaceService namespaces) {
        this.config = config;
        this.bodies = bodies;
        this.namespaces = namespaces;
    }

    /** What one load did: the namespaces written, those already there, and each refused file with its reason. */
    public record Report(List<String> loaded, List<String> kept, List<String> refused) {}

    void onStart(@Observes StartupEvent start) throws Throwable {
        if (config.metadefs().loadDirectory().isEmpty()) {
            return;
        }
        Path directory = config.metadefs().loadDirectory().get();
        Report report = VertxContextSupport.subscribeAndAwait(() -> load(directory));
        LOG.infof(
                "metadefs from %s: %d namespaces loaded, %d already present, %d files refused",
                directory,
                report.loaded().size(),
                report.kept().size(),
                report.refused().size());
    }

    /** Loads every {@code *.json} file of the directory, in name order. */
    public Uni<Report> load(Path directory) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            LOG.warnf("metadefs: cannot list %s: %s", directory, e.getMessage());
            return Uni.createFrom().item(new Report(List.of(), List.of(), List.of(directory + ": " + e.getMessage())));
        }
        Report report = new Report(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Path file : files) {
            all = all.chain(() -> loadFile(file, report));
        }
        return all.replaceWith(report);
    }

    private Uni<Void> loadFile(Path file, Report report) {
        MetadefInput.Namespace input;
        try {
            input = bodies.namespace(EventJson.read(Files.readString(file), Object.class));
        } catch (IOException | RuntimeException e) {
            return refused(file, e, report);
        }
        return namespaces
                .load(OPERATOR, input, config.metadefs().owner())
                .map(loaded -> (loaded ? report.loaded() : report.kept()).add(input.namespace()))
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(e -> refused(file, e, report));
    }

    private static Uni<Void> refused(Path file, Throwable e, Report report) {
        String reason = file.getFileName() + ": " + e.getMessage();
        LOG.warnf("metadefs: %s not loaded: %s", file, e.getMessage());
        report.refused().add(reason);
        return Uni.createFrom().voidItem();
    }
}
