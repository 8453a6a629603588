package io.glimpse.sharing.client;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageState;
import io.glimpse.contracts.event.MemberEventData;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Arrays;
import java.util.List;

/** The test's handle on {@link FakeCatalog}, found through the REST client's configured URL. */
public final class FakeCatalogControl {
    private FakeCatalogControl() {}

    public static void knows(ImageState state) {
        RestAssured.given()
                .body(EventJson.write(state))
                .put(url("/fake/images/" + state.image().id()))
                .then()
                .statusCode(204);
    }

    public static int lookups(String imageId) {
        return Integer.parseInt(RestAssured.get(url("/fake/lookups/" + imageId)).asString());
    }

    /** Every membership push received so far, oldest first. */
    public static List<MemberEventData> pushes() {
        String json = RestAssured.get(url("/fake/memberships")).asString();
        return Arrays.asList(EventJson.read(json, MemberEventData[].class));
    }

    /** What catalog answers to membership pushes from now on (204 normally). */
    public static void answerPushesWith(int status) {
        RestAssured.given()
                .body(String.valueOf(status))
                .put(url("/fake/push-status"))
                .then()
                .statusCode(204);
    }

    /** What catalog answers to image lookups from now on (200/404 normally; e.g. 503 for an outage). */
    public static void answerLookupsWith(int status) {
        RestAssured.given()
                .body(String.valueOf(status))
                .put(url("/fake/lookup-status"))
                .then()
                .statusCode(204);
    }

    private static String url(String path) {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.catalog.url", String.class) + path;
    }
}
