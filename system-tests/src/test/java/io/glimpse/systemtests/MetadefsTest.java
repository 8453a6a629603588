package io.glimpse.systemtests;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.MetadefEventData;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.Tokens;
import io.glimpse.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.glimpse.systemtests.GlanceCliTest.field;
import static io.glimpse.systemtests.GlanceCliTest.glance;
import static io.glimpse.systemtests.GlanceCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata definitions catalog through the gateway with Debian's {@code glance md-*} commands, as an operator
 * (admin) writes it and a user reads it, and the events each change leaves on {@code glimpse.metadefs}.
 */
class MetadefsTest extends ThroughTheGateway {

    @Test
    void operatorDefinesANamespaceWithTheGlanceCliAndUsersReadIt() throws Exception {
        String admin = Tokens.forUser("admin");
        String alice = Tokens.forUser("alice");
        String ns = uniqueName("OS::Test::Cli");

        String created = glance(admin, "md-namespace-create", ns, "--visibility", "public", "--description", "cli");
        assertThat(field(created, "namespace")).isEqualTo(ns);
        assertThat(field(created, "owner")).isEqualTo("admin-project");
        glance(
                admin,
                "md-property-create",
                ns,
                "--name",
                "cpu_policy",
                "--title",
                "CPU policy",
                "--schema",
                "{\"type\": \"string\", \"enum\": [\"shared\", \"dedicated\"]}");
        glance(
                admin,
                "md-object-create",
                ns,
                "--name",
                "CPU",
                "--schema",
                "{\"description\": \"pinning\", \"properties\": {\"threads\": {\"title\": \"T\", \"type\": \"integer\"}}}");
        glance(admin, "md-tag-create-multiple", ns, "--names", "fast,pinned", "--delim", ",");
        glance(admin, "md-resource-type-associate", ns, "--name", "OS::Glance::Image", "--prefix", "hw_");

        // A user sees the public namespace, with the image prefix applied when it asks for images.
        assertThat(glance(alice, "md-namespace-list")).contains(ns);
        String shown = glance(alice, "md-namespace-show", ns, "--resource-type", "OS::Glance::Image");
        assertThat(field(shown, "properties")).isEqualTo("[\"hw_cpu_policy\"]");
        assertThat(field(shown, "objects")).isEqualTo("[\"CPU\"]");
        assertThat(glance(alice, "md-tag-list", ns)).contains("fast").contains("pinned");
        assertThat(field(glance(alice, "md-property-show", ns, "cpu_policy"), "enum"))
                .isEqualTo("[\"shared\", \"dedicated\"]");
        assertThat(glance(alice, "md-namespace-resource-type-list", ns)).contains("OS::Glance::Image");
        assertThat(glance(alice, "md-resource-type-list")).contains("OS::Glance::Image");
        // But may not change it.
        GlanceCliTest.CliResult refused = run(alice, "md-tag-create", ns, "--name", "mine");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("403");

        // Made private, the admin project's namespace is gone for everyone else.
        glance(admin, "md-namespace-update", ns, "--visibility", "private");
        GlanceCliTest.CliResult hidden = run(alice, "md-namespace-show", ns);
        assertThat(hidden.exitCode()).isNotZero();
        assertThat(hidden.output()).contains("404");

        glance(admin, "md-namespace-delete", ns);
        assertThat(run(admin, "md-namespace-show", ns).output()).contains("404");
    }

    @Test
    void everyChangeIsAnEventKeyedByNamespace() {
        String ns = uniqueName("OS::Test::Events");
        var created = as("admin")
                .contentType("application/json")
                .body("{\"namespace\": \"" + ns + "\", \"visibility\": \"public\"}")
                .post("/v2/metadefs/namespaces");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(as("admin")
                        .post("/v2/metadefs/namespaces/" + ns + "/tags/t1")
                        .statusCode())
                .isEqualTo(201);
        assertThat(as("admin").delete("/v2/metadefs/namespaces/" + ns).statusCode())
                .isEqualTo(204);

        try (TopicReader metadefs = new TopicReader(Topics.METADEFS)) {
            List<ConsumerRecord<String, String>> records =
                    metadefs.awaitRecords(ns, seen -> seen.size() >= 3, Duration.ofSeconds(30));
            assertThat(records)
                    .extracting(record -> TopicReader.cloudEventHeaders(record).get("ce_type"))
                    .containsExactly("metadef_namespace.create", "metadef_tag.create", "metadef_namespace.delete");
            MetadefEventData create = EventJson.read(records.getFirst().value(), MetadefEventData.class);
            assertThat(create.namespace()).isEqualTo(ns);
            assertThat(create.actor().projectId()).isEqualTo("admin-project");
            assertThat(create.requestId()).isEqualTo(created.header("x-openstack-request-id"));
            assertThat(create.resource()).containsEntry("visibility", "public");
            MetadefEventData tag = EventJson.read(records.get(1).value(), MetadefEventData.class);
            assertThat(tag.name()).isEqualTo("t1");
        }
    }
}
