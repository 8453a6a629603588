package io.glimpse.systemtests;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Image search through the gateway with real tokens (ADR 0014): found by its owner, never by another project. */
class ImageSearchTest extends ThroughTheGateway {

    @Test
    void ownerFindsItsImageByATypoOfAWordAndOthersNeverSeeIt() {
        StringBuilder word = new StringBuilder("glimpsesearch");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        String id = createImage(
                        "alice",
                        Map.of(
                                "name",
                                "Fedora " + word + " workstation",
                                "visibility",
                                "private",
                                "os_distro",
                                "fedora"))
                .jsonPath()
                .getString("id");
        // The first letters kept, two later ones swapped: a typo.
        String typo = word.substring(0, 14) + word.charAt(15) + word.charAt(14) + word.substring(16);

        Response found = as("alice").queryParam("q", "fedora " + typo).get("/v2/search/images");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.jsonPath().getList("results.image.id")).containsExactly(id);
        assertThat(found.jsonPath().getString("results[0].image.os_distro")).isEqualTo("fedora");

        Response elsewhere = as("bob").queryParam("q", word.toString()).get("/v2/search/images");
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        assertThat(elsewhere.jsonPath().getInt("total")).isZero();
        assertThat(elsewhere.jsonPath().getList("results")).isEqualTo(List.of());

        assertThat(as("alice").get("/v2/search/images").statusCode()).isEqualTo(400);
    }
}
