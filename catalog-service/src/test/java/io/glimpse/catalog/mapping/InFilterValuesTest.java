package io.glimpse.catalog.mapping;

import io.glimpse.support.error.GlimpseException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code in:} value syntax of Glance's split_filter_value_for_quotes (§4.4). */
class InFilterValuesTest {

    @Test
    void quotesProtectCommas() {
        assertThat(InFilterValues.split("\"glass, darkly\",share me")).containsExactly("glass, darkly", "share me");
        assertThat(InFilterValues.split("a,b,c")).containsExactly("a", "b", "c");
        assertThat(InFilterValues.split("a,\"b\"")).containsExactly("a", "b");
    }

    @Test
    void misplacedOrUnbalancedQuotesAre400() {
        assertThatThrownBy(() -> InFilterValues.split("\"open"))
                .isInstanceOf(GlimpseException.BadRequest.class)
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> InFilterValues.split("a\"b\"")).hasMessageContaining("no comma before");
        assertThatThrownBy(() -> InFilterValues.split("\"a\"b")).hasMessageContaining("no comma after");
    }
}
