package io.glimpse.catalog.mapping;

import io.glimpse.support.error.GlimpseException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Glance's limited JSON pointers (§3.3). */
class PatchPointerTest {

    @Test
    void escapesDecode() {
        assertThat(PatchParser.decode("/a~1b~0c")).containsExactly("a/b~c");
        assertThat(PatchParser.decode("/locations/-")).containsExactly("locations", "-");
    }

    @Test
    void malformedPointersAre400() {
        for (String pointer : List.of("name", "/x//y", "/x/", "/", "/a~2", "/a~")) {
            assertThatThrownBy(() -> PatchParser.decode(pointer))
                    .as(pointer)
                    .isInstanceOf(GlimpseException.BadRequest.class);
        }
    }
}
