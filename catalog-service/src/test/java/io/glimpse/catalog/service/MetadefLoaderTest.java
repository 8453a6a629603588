package io.glimpse.catalog.service;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static io.glimpse.catalog.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** Loading Glance-format definition files (glance-manage db_load_metadefs): idempotent, all of a file or none. */
@QuarkusTest
class MetadefLoaderTest {

    @Inject
    MetadefLoader loader;

    @Test
    void loadsGlanceFilesOnceAndRefusesInvalidFilesWhole() throws Throwable {
        MetadefLoader.Report first = load("valid");
        assertThat(first.loaded()).containsExactly("OS::Compute::CPUPinning", "OS::Software::WebServers");
        assertThat(first.refused()).isEmpty();

        var pinning = as("carol").get("/v2/metadefs/namespaces/OS::Compute::CPUPinning");
        assertThat(pinning.statusCode()).isEqualTo(200);
        assertThat(pinning.jsonPath().getString("owner")).isEqualTo("admin");
        assertThat(pinning.jsonPath().getBoolean("protected")).isTrue();
        assertThat(pinning.jsonPath().getList("resource_type_associations.name"))
                .contains("OS::Glance::Image", "OS::Nova::Flavor");
        assertThat(pinning.jsonPath().getMap("properties")).containsKeys("cpu_policy", "cpu_thread_policy");
        assertThat(pinning.jsonPath().getList("properties.cpu_policy.enum")).contains("shared", "dedicated");
        // The prefix of the asked resource type's association is applied to every property name.
        assertThat(as("carol")
                        .queryParam("resource_type", "OS::Glance::Image")
                        .get("/v2/metadefs/namespaces/OS::Compute::CPUPinning")
                        .jsonPath()
                        .getMap("properties"))
                .containsKeys("hw_cpu_policy", "hw_cpu_thread_policy");

        // Again, with a broken file and a truncated one beside the same two: nothing changes, both are reported.
        MetadefLoader.Report second = load("with-invalid");
        assertThat(second.loaded()).isEmpty();
        assertThat(second.kept()).containsExactly("OS::Compute::CPUPinning", "OS::Software::WebServers");
        assertThat(second.refused()).hasSize(2);
        assertThat(second.refused().getFirst())
                .startsWith("broken-watchdog.json: ")
                .contains("'type'");
        assertThat(second.refused().get(1)).startsWith("not-json.json: ");
        assertThat(as("admin")
                        .get("/v2/metadefs/namespaces/Test::Invalid::Watchdog")
                        .statusCode())
                .isEqualTo(404);
    }

    private MetadefLoader.Report load(String directory) throws Throwable {
        Path path = fixtures().resolve(directory);
        return VertxContextSupport.subscribeAndAwait(() -> loader.load(path));
    }

    private static Path fixtures() throws URISyntaxException {
        return Path.of(MetadefLoaderTest.class
                        .getResource("/metadefs/README.md")
                        .toURI())
                .getParent();
    }
}
