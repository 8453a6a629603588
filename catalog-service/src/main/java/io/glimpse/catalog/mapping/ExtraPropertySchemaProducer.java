package io.glimpse.catalog.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.catalog.config.CatalogConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads the typed additional properties once, at start, so a broken file stops the service early. */
public class ExtraPropertySchemaProducer {
    static final String BUNDLED = "/io/glimpse/catalog/schema-image.json";

    @Produces
    @Singleton
    @Startup
    ExtraPropertySchema extraPropertySchema(CatalogConfig config) {
        String file = config.schemaFile().orElse("");
        if (file.equals("none")) {
            return ExtraPropertySchema.none();
        }
        try (InputStream in = file.isEmpty()
                ? ExtraPropertySchemaProducer.class.getResourceAsStream(BUNDLED)
                : Files.newInputStream(Path.of(file))) {
            return ExtraPropertySchema.of(
                    new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image schema file " + (file.isEmpty() ? BUNDLED : file), e);
        }
    }
}
