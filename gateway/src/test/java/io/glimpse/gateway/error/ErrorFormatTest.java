package io.glimpse.gateway.error;

import io.glimpse.contracts.error.ErrorBody;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorFormatTest {

    @ParameterizedTest(name = "Accept: {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                  | HTML",
                "*/*                                 | HTML",
                "text/*                              | HTML",
                "application/json                    | JSON",
                "application/json, */*               | JSON",
                "application/json;q=0.9, text/html   | HTML",
                "text/plain                          | PLAIN_TEXT",
                "application/xml                     | PLAIN_TEXT",
                "application/vnd.openstack.images-v2.1 | PLAIN_TEXT",
                "text/html;q=0, application/json;q=0 | PLAIN_TEXT",
            })
    void negotiatesLikeWebob(String accept, ErrorFormat expected) {
        assertThat(ErrorFormat.negotiate(accept)).isEqualTo(expected);
    }

    @Test
    void noAcceptHeaderMeansHtml() {
        assertThat(ErrorFormat.negotiate(null)).isEqualTo(ErrorFormat.HTML);
    }

    @Test
    void jsonRendersTheContractsBody() {
        ErrorBody body = ErrorBody.of(404, "No image found with ID x");
        JsonObject json = new JsonObject(ErrorFormat.JSON.render(body));
        assertThat(json.fieldNames()).containsExactly("message", "code", "title");
        assertThat(json.getString("message")).isEqualTo(body.message());
        assertThat(json.getString("code")).isEqualTo("404 Not Found");
    }
}
