package io.glimpse.policy.rule;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TargetTemplateTest {

    @Test
    void rendersPlaceholdersAndText() throws Exception {
        TargetTemplate template = TargetTemplate.parse("%(owner)s/%(id)s-x");
        assertThat(template.parts())
                .containsExactly(
                        new TargetTemplate.Placeholder("owner"),
                        new TargetTemplate.Text("/"),
                        new TargetTemplate.Placeholder("id"),
                        new TargetTemplate.Text("-x"));
        assertThat(template.render(Map.of("owner", "p", "id", 7))).contains("p/7-x");
    }

    @Test
    void missingKeyRendersNothing() throws Exception {
        assertThat(TargetTemplate.parse("%(owner)s").render(Map.of("visibility", "public")))
                .isEmpty();
    }

    @Test
    void valuesRenderLikePythonStr() throws Exception {
        Map<String, Object> target = new HashMap<>();
        target.put("owner", null);
        target.put("flag", true);
        target.put("off", false);
        target.put("tags", List.of("a", "b"));
        assertThat(TargetTemplate.parse("%(owner)s %(flag)s %(off)s %(tags)s").render(target))
                .contains("None True False ['a', 'b']");
    }

    @Test
    void doublePercentIsALiteralPercent() throws Exception {
        TargetTemplate template = TargetTemplate.parse("100%%");
        assertThat(template.render(Map.of())).contains("100%");
        assertThat(template).hasToString("100%%");
    }

    @Test
    void textWithoutPlaceholdersIgnoresTheTarget() throws Exception {
        assertThat(TargetTemplate.parse("admin").render(Map.of())).contains("admin");
        assertThat(TargetTemplate.parse("").render(Map.of())).contains("");
    }
}
