package io.glimpse.policy.protection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IniFileTest {

    private static IniFile parse(String text) {
        return IniFile.parse("test.conf", text.lines().toList());
    }

    @Test
    void keepsSectionsInFileOrderWithTheirLines() {
        IniFile ini = parse("# c\n[b]\nx = 1\n\n[a]\n; c\ny = 2\n");
        assertThat(ini.sections()).extracting(IniFile.Section::name).containsExactly("b", "a");
        assertThat(ini.sections()).extracting(IniFile.Section::line).containsExactly(2, 5);
        assertThat(ini.sections().get(1).options()).containsEntry("y", new IniFile.Value("2", 7));
    }

    @Test
    void sectionNameIsEverythingUpToTheLastBracket() {
        assertThat(parse("[^x_[a-z]+]\n").sections())
                .extracting(IniFile.Section::name)
                .containsExactly("^x_[a-z]+");
    }

    @Test
    void valuesMayContainDelimitersAndInlineHashes() {
        IniFile ini = parse("[s]\na = b = c\nd: e:f\ng = h # not a comment\n");
        IniFile.Section s = ini.sections().getFirst();
        assertThat(ini.get(s, "a")).contains(new IniFile.Value("b = c", 2));
        assertThat(ini.get(s, "d")).contains(new IniFile.Value("e:f", 3));
        assertThat(ini.get(s, "g")).contains(new IniFile.Value("h # not a comment", 4));
    }

    @Test
    void defaultsAreInheritedButNotASection() {
        IniFile ini = parse("[DEFAULT]\nread = @\n[s]\ncreate = x\n");
        IniFile.Section s = ini.sections().getFirst();
        assertThat(ini.sections()).hasSize(1);
        assertThat(ini.get(s, "read")).contains(new IniFile.Value("@", 2));
        assertThat(ini.get(s, "create")).contains(new IniFile.Value("x", 4));
        assertThat(ini.get(s, "delete")).isEmpty();
    }

    @Test
    void indentedLinesContinueTheValue() {
        IniFile ini = parse("[s]\n  create = a,\n      b\n  read = c\n");
        IniFile.Section s = ini.sections().getFirst();
        assertThat(ini.get(s, "create")).contains(new IniFile.Value("a,\nb", 2));
        assertThat(ini.get(s, "read")).contains(new IniFile.Value("c", 4));
    }

    @Test
    void doublePercentIsAPercent() {
        IniFile ini = parse("[s]\na = 100%%\n");
        assertThat(ini.get(ini.sections().getFirst(), "a")).contains(new IniFile.Value("100%", 2));
    }

    @Test
    void emptyFileHasNoSections() {
        assertThat(IniFile.parse("empty.conf", List.of()).sections()).isEmpty();
    }
}
