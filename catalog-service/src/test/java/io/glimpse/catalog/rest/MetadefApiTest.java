package io.glimpse.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.glimpse.catalog.Api.as;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** The metadata definitions API (§13.3) with Glance's policies (§14.2): admin writes, readers see public and own. */
@QuarkusTest
class MetadefApiTest {

    @Test
    void namespaceWithContentsIsCreatedShownAndListed() {
        String ns = unique("NS");
        Response created = post(
                "admin",
                "/v2/metadefs/namespaces",
                Map.of(
                        "namespace", ns,
                        "display_name", "Test",
                        "visibility", "public",
                        "resource_type_associations", List.of(Map.of("name", "OS::Glance::Image", "prefix", "hw_")),
                        "properties",
                                Map.of("cpu", Map.of("title", "CPU", "type", "string", "enum", List.of("a", "b"))),
                        "objects",
                                List.of(Map.of(
                                        "name", "obj1",
                                        "required", List.of("p1"),
                                        "properties",
                                                Map.of("p1", Map.of("title", "P1", "type", "integer", "minimum", 1)))),
                        "tags", List.of(Map.of("name", "t1"))));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/v2/metadefs/namespaces/" + ns);
        assertThat(created.jsonPath().getString("owner")).isEqualTo("admin-project");
        assertThat(created.jsonPath().getString("self")).isEqualTo("/v2/metadefs/namespaces/" + ns);

        Response shown =
                as("alice").queryParam("resource_type", "OS::Glance::Image").get("/v2/metadefs/namespaces/" + ns);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.jsonPath().getMap("properties")).containsOnlyKeys("hw_cpu");
        assertThat(shown.jsonPath().getList("objects[0].required")).containsExactly("hw_p1");
        assertThat(shown.jsonPath().getString("objects[0].self"))
                .isEqualTo("/v2/metadefs/namespaces/" + ns + "/objects/obj1");
        assertThat(shown.jsonPath().getList("tags.name")).containsExactly("t1");

        Response listed = as("bob")
                .queryParam("resource_types", "OS::Glance::Image")
                .queryParam("limit", 1000)
                .get("/v2/metadefs/namespaces");
        assertThat(listed.jsonPath().getList("namespaces.namespace")).contains(ns);
        assertThat(as("bob")
                        .queryParam("resource_types", "OS::Nova::Flavor")
                        .queryParam("limit", 1000)
                        .get("/v2/metadefs/namespaces")
                        .jsonPath()
                        .getList("namespaces.namespace"))
                .doesNotContain(ns);
        assertThat(as("alice").get("/v2/metadefs/resource_types").jsonPath().getList("resource_types.name"))
                .contains("OS::Glance::Image");
    }

    @Test
    void privateNamespacesAreInvisibleToOtherProjectsAndWritesNeedAdmin() {
        String ns = unique("Private");
        assertThat(post("admin", "/v2/metadefs/namespaces", Map.of("namespace", ns))
                        .statusCode())
                .isEqualTo(201);

        // Another project's private namespace does not exist for a reader, whatever it asks.
        assertThat(as("alice").get("/v2/metadefs/namespaces/" + ns).statusCode())
                .isEqualTo(404);
        assertThat(as("alice").get("/v2/metadefs/namespaces/" + ns + "/tags").statusCode())
                .isEqualTo(404);
        assertThat(as("alice").delete("/v2/metadefs/namespaces/" + ns).statusCode())
                .isEqualTo(404);
        assertThat(as("alice")
                        .queryParam("limit", 1000)
                        .get("/v2/metadefs/namespaces")
                        .jsonPath()
                        .getList("namespaces.namespace"))
                .doesNotContain(ns);
        // A member may read a public namespace but not write it (metadef_admin).
        String open = unique("Public");
        post("admin", "/v2/metadefs/namespaces", Map.of("namespace", open, "visibility", "public"));
        assertThat(post("alice", "/v2/metadefs/namespaces/" + open + "/tags/x", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("alice", "/v2/metadefs/namespaces", Map.of("namespace", unique("Mine")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(as("alice").delete("/v2/metadefs/namespaces/" + open).statusCode())
                .isEqualTo(403);
    }

    @Test
    void protectedNamespaceAndItsContentsCannotBeDeletedUntilUnprotected() {
        String ns = unique("Protected");
        post(
                "admin",
                "/v2/metadefs/namespaces",
                Map.of(
                        "namespace",
                        ns,
                        "protected",
                        true,
                        "visibility",
                        "public",
                        "tags",
                        List.of(Map.of("name", "t"))));

        assertThat(as("admin").delete("/v2/metadefs/namespaces/" + ns).statusCode())
                .isEqualTo(403);
        assertThat(as("admin").delete("/v2/metadefs/namespaces/" + ns + "/tags").statusCode())
                .isEqualTo(403);
        assertThat(as("admin")
                        .delete("/v2/metadefs/namespaces/" + ns + "/tags/t")
                        .statusCode())
                .isEqualTo(403);

        Response updated = put(
                "admin",
                "/v2/metadefs/namespaces/" + ns,
                Map.of("namespace", ns, "visibility", "private", "protected", false));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.jsonPath().getBoolean("protected")).isFalse();
        assertThat(as("admin").delete("/v2/metadefs/namespaces/" + ns).statusCode())
                .isEqualTo(204);
        assertThat(as("admin").get("/v2/metadefs/namespaces/" + ns).statusCode())
                .isEqualTo(404);
    }

    @Test
    void objectsPropertiesAndTagsHaveTheirFullLifecycle() {
        String ns = unique("Contents");
        String base = "/v2/metadefs/namespaces/" + ns;
        post("admin", "/v2/metadefs/namespaces", Map.of("namespace", ns));

        assertThat(post("admin", base + "/objects", Map.of("name", "o1", "description", "d"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(post("admin", base + "/objects", Map.of("name", "o1")).statusCode())
                .isEqualTo(409);
        Response renamed = put("admin", base + "/objects/o1", Map.of("name", "o2"));
        assertThat(renamed.jsonPath().getString("self")).isEqualTo(base + "/objects/o2");
        assertThat(as("admin").get(base + "/objects/o1").statusCode()).isEqualTo(404);
        assertThat(as("admin").delete(base + "/objects/o2").statusCode()).isEqualTo(204);
        assertThat(as("admin").get(base + "/objects").jsonPath().getList("objects"))
                .isEmpty();

        Response property = post(
                "admin",
                base + "/properties",
                Map.of("name", "p", "title", "P", "type", "string", "enum", List.of("x", "y")));
        assertThat(property.statusCode()).isEqualTo(201);
        assertThat(property.jsonPath().getList("enum")).containsExactly("x", "y");
        assertThat(put("admin", base + "/properties/p", Map.of("name", "p", "title", "P2", "type", "string"))
                        .jsonPath()
                        .getString("title"))
                .isEqualTo("P2");
        assertThat(as("admin").get(base + "/properties").jsonPath().getString("properties.p.title"))
                .isEqualTo("P2");
        assertThat(as("admin").delete(base + "/properties/p").statusCode()).isEqualTo(204);
        assertThat(as("admin").get(base + "/properties/p").statusCode()).isEqualTo(404);

        assertThat(post("admin", base + "/tags", Map.of("tags", List.of(Map.of("name", "a"), Map.of("name", "b"))))
                        .statusCode())
                .isEqualTo(201);
        // Without X-Openstack-Append the bulk create replaces; with it, it adds.
        post("admin", base + "/tags", Map.of("tags", List.of(Map.of("name", "c"))));
        assertThat(tags(base)).containsExactlyInAnyOrder("c");
        as("admin")
                .header("X-Openstack-Append", "true")
                .contentType(ContentType.JSON)
                .body(Map.of("tags", List.of(Map.of("name", "d"))))
                .post(base + "/tags");
        assertThat(tags(base)).containsExactlyInAnyOrder("c", "d");
        // Tag names are unique regardless of case.
        assertThat(post("admin", base + "/tags/C", null).statusCode()).isEqualTo(409);
        assertThat(put("admin", base + "/tags/d", Map.of("name", "e"))
                        .jsonPath()
                        .getString("name"))
                .isEqualTo("e");
        assertThat(as("admin")
                        .queryParam("sort_key", "name")
                        .queryParam("sort_dir", "asc")
                        .queryParam("limit", 1)
                        .queryParam("marker", "c")
                        .get(base + "/tags")
                        .jsonPath()
                        .getList("tags.name"))
                .containsExactly("e");
        assertThat(as("admin").delete(base + "/tags").statusCode()).isEqualTo(204);
        assertThat(tags(base)).isEmpty();
    }

    @Test
    void resourceTypeAssociationsAreAddedListedAndRemoved() {
        String ns = unique("Assoc");
        String base = "/v2/metadefs/namespaces/" + ns;
        post("admin", "/v2/metadefs/namespaces", Map.of("namespace", ns));

        Response associated = post(
                "admin",
                base + "/resource_types",
                Map.of("name", "OS::Cinder::Volume", "prefix", "x_", "properties_target", "image"));
        assertThat(associated.statusCode()).isEqualTo(201);
        assertThat(associated.jsonPath().getString("properties_target")).isEqualTo("image");
        assertThat(post("admin", base + "/resource_types", Map.of("name", "OS::Cinder::Volume"))
                        .statusCode())
                .isEqualTo(409);
        assertThat(as("admin").get(base + "/resource_types").jsonPath().getList("resource_type_associations.name"))
                .containsExactly("OS::Cinder::Volume");
        assertThat(as("admin")
                        .delete(base + "/resource_types/OS::Cinder::Volume")
                        .statusCode())
                .isEqualTo(204);
        assertThat(as("admin")
                        .delete(base + "/resource_types/OS::Cinder::Volume")
                        .statusCode())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"namespace\": \"\"}",
                "{\"namespace\": 7}",
                "{\"namespace\": \"n\", \"visibility\": \"shared\"}",
                "{\"namespace\": \"n\", \"protected\": \"yes\"}",
                "{\"namespace\": \"n\", \"unknown\": 1}",
                "{\"namespace\": \"n\", \"properties\": {\"p\": {\"title\": \"P\"}}}",
                "{\"namespace\": \"n\", \"properties\": {\"p\": {\"title\": \"P\", \"type\": \"strung\"}}}",
                "{\"namespace\": \"n\", \"properties\": {\"p\": {\"title\": \"P\", \"type\": \"string\", \"pattern\": \"(\"}}}",
                "{\"namespace\": \"n\", \"objects\": [{\"description\": \"no name\"}]}",
                "{\"namespace\": \"n\", \"tags\": \"t\"}",
                "[]"
            })
    void invalidNamespaceBodiesAre400(String body) {
        Response response = as("admin").contentType(ContentType.JSON).body(body).post("/v2/metadefs/namespaces");
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(response.jsonPath().getString("message")).isNotBlank();
    }

    /** What glance md-namespace-update does: GET, change a field, PUT it back without the read-only fields. */
    @Test
    void namespaceReadWithItsContentsCanBePutBack() {
        String ns = unique("RoundTrip");
        post(
                "admin",
                "/v2/metadefs/namespaces",
                Map.of(
                        "namespace", ns,
                        "resource_type_associations", List.of(Map.of("name", "OS::Glance::Image")),
                        "objects",
                                List.of(Map.of(
                                        "name",
                                        "o",
                                        "properties",
                                        Map.of("p", Map.of("title", "P", "type", "string")))),
                        "tags", List.of(Map.of("name", "t"))));
        Map<String, Object> read = new java.util.LinkedHashMap<>(
                as("admin").get("/v2/metadefs/namespaces/" + ns).jsonPath().getMap(""));
        read.keySet().removeAll(List.of("created_at", "updated_at", "schema", "self"));
        read.put("visibility", "public");

        Response updated = put("admin", "/v2/metadefs/namespaces/" + ns, read);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.jsonPath().getString("visibility")).isEqualTo("public");
        // PUT changes the namespace alone; its contents stay as they were.
        assertThat(as("admin").get("/v2/metadefs/namespaces/" + ns).jsonPath().getList("objects.name"))
                .containsExactly("o");
    }

    @Test
    void readOnlyAttributesAre403AndBadListParameters400() {
        assertThat(post("admin", "/v2/metadefs/namespaces", Map.of("namespace", unique("R"), "created_at", "x"))
                        .statusCode())
                .isEqualTo(403);
        for (String query : List.of("limit=abc", "limit=-1", "sort_dir=up", "sort_key=owner", "visibility=shared")) {
            assertThat(as("alice").get("/v2/metadefs/namespaces?" + query).statusCode())
                    .as(query)
                    .isEqualTo(400);
        }
        assertThat(as("alice")
                        .get("/v2/metadefs/namespaces?marker=" + unique("none"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(as("alice").get("/v2/metadefs/namespaces?limit=0").jsonPath().getList("namespaces"))
                .isEmpty();
    }

    @Test
    void namespacesArePagedWithMarkers() {
        String prefix = unique("Page");
        for (int i = 0; i < 3; i++) {
            post("admin", "/v2/metadefs/namespaces", Map.of("namespace", prefix + i, "visibility", "public"));
        }
        Response first = as("admin")
                .queryParam("sort_key", "namespace")
                .queryParam("sort_dir", "asc")
                .queryParam("limit", 2)
                .queryParam("marker", prefix + "0")
                .get("/v2/metadefs/namespaces");
        assertThat(first.jsonPath().getList("namespaces.namespace")).startsWith(prefix + "1", prefix + "2");
        assertThat(first.jsonPath().getString("next")).isEqualTo("/v2/metadefs/namespaces?marker=" + prefix + "2");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "namespace",
                "namespaces",
                "resource_type",
                "resource_types",
                "object",
                "objects",
                "property",
                "properties",
                "tag",
                "tags"
            })
    void metadefSchemasNameThemselves(String name) {
        Response schema = as("carol").get("/v2/schemas/metadefs/" + name);
        assertThat(schema.statusCode()).isEqualTo(200);
        String expected = name.equals("resource_type")
                ? "resource_type_association"
                : name.equals("resource_types") ? "resource_type_associations" : name;
        assertThat(schema.jsonPath().getString("name")).isEqualTo(expected);
    }

    @Test
    void namespacesCreatedInARaceAreOne201AndThe409s() throws Exception {
        String ns = unique("RACE");
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post("admin", "/v2/metadefs/namespaces", Map.of("namespace", ns))
                            .statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            // The losers are told the namespace exists, whether the duplicate check or the unique key caught them.
            assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> tags(String base) {
        return as("admin").get(base + "/tags").jsonPath().getList("tags.name");
    }

    private static Response post(String user, String path, Object body) {
        return body == null
                ? as(user).post(path)
                : as(user).contentType(ContentType.JSON).body(body).post(path);
    }

    private static Response put(String user, String path, Object body) {
        return as(user).contentType(ContentType.JSON).body(body).put(path);
    }
}
