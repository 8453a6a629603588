package io.glimpse.imports.rest;

import io.glimpse.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * import-service's own answers, with real Keycloak tokens, against its real database and Kafka: discovery, the
 * schemas, every refusal made before catalog is asked, the deprecated tasks API and its policy. No catalog runs beside
 * these tests: where one would be asked, the answer is 503 (the black-box tests in system-tests run the whole suite).
 */
@QuarkusTest
class ImportApiTest {
    private static final String IMAGE = "11111111-2222-3333-4444-555555555555";

    @Test
    void infoImportListsTheEnabledMethods() {
        Map<String, Object> methods = as("alice")
                .get("/v2/info/import")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("'import-methods'");
        assertThat(methods)
                .containsEntry("description", "Import methods available.")
                .containsEntry("type", "array")
                .containsEntry("value", java.util.List.of("glance-direct", "web-download", "copy-image"));
    }

    @Test
    void theTaskSchemasAreGlancesWithProgress() {
        Response task = as("alice").get("/v2/schemas/task");
        assertThat(task.statusCode()).isEqualTo(200);
        assertThat(task.jsonPath().getString("name")).isEqualTo("task");
        assertThat(task.jsonPath().getMap("properties")).containsKeys("id", "input", "result", "message", "progress");
        assertThat(as("alice").get("/v2/schemas/tasks").jsonPath().getString("name"))
                .isEqualTo("tasks");
    }

    @Test
    void malformedImportsAreRefusedBeforeAnythingElse() {
        expect(importBody(""), 400, "Body expected in request.");
        expect(importBody("{"), 400, "Malformed JSON in request body.");
        expect(importBody("{}"), 400, "Import request requires a 'method' field.");
        expect(importBody("{\"method\": {\"name\": \"glance-download\"}}"), 400, "Unknown import method name");
        expect(
                importBody("{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": 1}"),
                400,
                "'all_stores' must be boolean value only");
        expect(
                importBody("{\"method\": {\"name\": \"web-download\", \"uri\": \"http://10.0.0.1:22/x\"}}"),
                400,
                "does not pass filtering");
    }

    @Test
    void whenCatalogCannotBeAskedTheAnswerIs503() {
        expect(importBody("{\"method\": {\"name\": \"glance-direct\"}}"), 503, "try again later");
        expect(
                as("alice").contentType(ContentType.BINARY).body(new byte[] {1}).put("/v2/images/" + IMAGE + "/stage"),
                503,
                "try again later");
    }

    @Test
    void stageRefusesOtherMediaTypesAndBadSizes() {
        expect(as("alice").contentType(ContentType.TEXT).body("x").put("/v2/images/" + IMAGE + "/stage"), 415, "");
        expect(
                as("alice")
                        .contentType(ContentType.BINARY)
                        .header("x-openstack-image-size", "-3")
                        .body(new byte[] {1})
                        .put("/v2/images/" + IMAGE + "/stage"),
                400,
                "x-openstack-image-size");
    }

    @Test
    void theTasksApiIsForAdminsAndValidatesItsParameters() {
        expect(as("alice").get("/v2/tasks"), 403, "tasks_api_access");
        expect(as("alice").contentType(ContentType.JSON).body("{}").post("/v2/tasks"), 403, "tasks_api_access");
        as("admin").get("/v2/tasks").then().statusCode(200);
        expect(as("admin").queryParam("limit", "-1").get("/v2/tasks"), 400, "limit param must be positive");
        // limit=0 is no task at all, not a failure (the gateway fuzz found a 500 here).
        as("admin")
                .queryParam("limit", "0")
                .get("/v2/tasks")
                .then()
                .statusCode(200)
                .body("tasks", org.hamcrest.Matchers.empty());
        expect(as("admin").queryParam("marker", "abc").get("/v2/tasks"), 400, "Invalid marker format");
        expect(as("admin").queryParam("marker", IMAGE).get("/v2/tasks"), 400, "was not found");
        expect(as("admin").queryParam("sort_key", "name").get("/v2/tasks"), 400, "Sort key supplied was not valid.");
        expect(as("admin").queryParam("sort_dir", "up").get("/v2/tasks"), 400, "Invalid sort direction: up");
        expect(as("admin").queryParam("status", "bogus").get("/v2/tasks"), 400, "Invalid status value: bogus");
        expect(as("admin").get("/v2/tasks/" + IMAGE), 404, "Could not find task");
    }

    @Test
    void creatingTasksFollowsGlance() {
        expect(newTask(""), 400, "Body expected in request.");
        expect(newTask("{}"), 400, "Task 'type' is required");
        expect(newTask("{\"type\": \"bogus\", \"input\": {}}"), 400, "does not match schema");
        expect(newTask("{\"type\": \"import\"}"), 400, "Task 'input' is required");
        expect(
                newTask("{\"type\": \"import\", \"input\": {\"import_from\": \"ftp://x/y\"}}"),
                400,
                "The given uri is not valid");

        Response created = newTask("{\"type\": \"api_image_import\", \"input\": {}}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.jsonPath().getString("id");
        assertThat(created.header("Location")).endsWith("/v2/tasks/" + id);
        assertThat(created.jsonPath().getString("status")).isEqualTo("failure");
        assertThat(created.jsonPath().getString("message")).isEqualTo("Input to api_image_import task is empty.");

        Map<String, Object> shown = as("admin")
                .get("/v2/tasks/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
        assertThat(shown)
                .containsKeys(
                        "id",
                        "input",
                        "type",
                        "status",
                        "owner",
                        "message",
                        "result",
                        "created_at",
                        "updated_at",
                        "self",
                        "schema",
                        "expires_at");
        assertThat(as("admin")
                        .queryParam("status", "failure")
                        .queryParam("limit", 1000)
                        .get("/v2/tasks")
                        .jsonPath()
                        .getList("tasks.id"))
                .contains(id);
    }

    @Test
    void aLegacyImportTaskEndsWithAClearReason() {
        Response created = newTask("{\"type\": \"import\", \"input\": {\"import_from\": \"http://example.com/x\","
                + " \"import_from_format\": \"raw\", \"image_properties\": {\"disk_format\": \"raw\"}}}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.jsonPath().getString("id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String status = created.jsonPath().getString("status");
        while (!"failure".equals(status) && Instant.now().isBefore(deadline)) {
            sleep();
            status = as("admin").get("/v2/tasks/" + id).jsonPath().getString("status");
        }
        assertThat(status).isEqualTo("failure");
    }

    private static Response importBody(String body) {
        return as("alice").contentType(ContentType.JSON).body(body).post("/v2/images/" + IMAGE + "/import");
    }

    private static Response newTask(String body) {
        return as("admin").contentType(ContentType.JSON).body(body).post("/v2/tasks");
    }

    private static RequestSpecification as(String user) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.forUser(user))
                .accept(ContentType.JSON);
    }

    private static void expect(Response response, int status, String words) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("message")).contains(words);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
