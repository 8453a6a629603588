package io.glimpse.gateway.policy;

import io.glimpse.gateway.support.Stubs;
import io.glimpse.gateway.support.UpstreamStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.glimpse.gateway.support.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Route-level rules with the demo users' real tokens and Glance's default policy (§14). */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class RoutePolicyTest {

    @Test
    void aReaderMayNotCreateImagesAndNothingIsForwarded() {
        Stubs.forgetSeen("catalog");

        as("carol")
                .accept("application/json")
                .contentType("application/json")
                .body("{\"name\":\"x\"}")
                .post("/v2/images")
                .then()
                .statusCode(403)
                .body("code", equalTo("403 Forbidden"))
                .body("message", containsString("add_image"));

        assertThat(Stubs.seenBy("catalog")).isEmpty();
    }

    @Test
    void projectMembersAndAdminsMayCreateImages() {
        for (String user : new String[] {"alice", "bob", "admin"}) {
            as(user).contentType("application/json")
                    .body("{\"name\":\"x\"}")
                    .post("/v2/images")
                    .then()
                    .statusCode(200)
                    .body("upstream", equalTo("catalog"));
        }
    }

    @Test
    void readersMayListImagesButAServiceAccountWithoutReaderMayNot() {
        as("carol").get("/v2/images").then().statusCode(200).body("upstream", equalTo("catalog"));
        as("svc")
                .accept("application/json")
                .get("/v2/images")
                .then()
                .statusCode(403)
                .body("message", containsString("get_images"));
    }

    @Test
    void theTasksApiIsForAdminsOnly() {
        as("alice")
                .accept("application/json")
                .get("/v2/tasks")
                .then()
                .statusCode(403)
                .body("message", containsString("tasks_api_access"));
        as("alice").accept("application/json").get("/v2/tasks/task-1").then().statusCode(403);
        as("alice")
                .accept("application/json")
                .contentType("application/json")
                .body("{}")
                .post("/v2/tasks")
                .then()
                .statusCode(403);

        as("admin").get("/v2/tasks").then().statusCode(200).body("upstream", equalTo("import"));
        as("admin")
                .contentType("application/json")
                .body("{\"type\":\"import\"}")
                .post("/v2/tasks")
                .then()
                .statusCode(200)
                .body("upstream", equalTo("import"));
    }

    @Test
    void rulesNeedingTheImageAreLeftToTheServices() {
        // get_image / modify_image need the owner: the gateway forwards, the catalog decides.
        as("carol").get("/v2/images/someone-elses").then().statusCode(200).body("upstream", equalTo("catalog"));
        as("carol").delete("/v2/images/someone-elses").then().statusCode(200).body("upstream", equalTo("catalog"));
    }
}
