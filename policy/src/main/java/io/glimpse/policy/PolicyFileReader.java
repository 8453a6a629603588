package io.glimpse.policy;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an oslo.policy YAML file: a single mapping of rule name to check string. We work on the
 * YAML node tree rather than constructed Java objects so that a non-string value is reported with
 * its line and YAML type, and an unquoted {@code 123} or {@code yes} is not silently coerced.
 */
final class PolicyFileReader {

    private PolicyFileReader() {}

    static List<RawRule> read(String source, Reader reader) {
        Node root = compose(source, reader);
        if (root == null) {
            return List.of(); // empty file: nothing overridden
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new PolicyConfigurationException("Invalid policy file " + source + " (line "
                    + line(root.getStartMark())
                    + "): the top level must be a mapping of rule name to check string, found " + describe(root));
        }
        List<RawRule> rules = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            Node key = entry.getKeyNode();
            int line = line(key.getStartMark());
            if (!isString(key)) {
                throw new PolicyConfigurationException("Invalid policy file " + source + " (line " + line
                        + "): rule name must be a string, found " + describe(key));
            }
            String name = ((ScalarNode) key).getValue();
            Integer previous = seen.putIfAbsent(name, line);
            if (previous != null) {
                throw new PolicyConfigurationException("Invalid policy file " + source + ": rule '" + name + "' (line "
                        + line + "): defined twice (first at line " + previous + ")");
            }
            Node value = entry.getValueNode();
            if (!isString(value)) {
                throw new PolicyConfigurationException("Invalid policy file " + source + ": rule '" + name + "' (line "
                        + line + "): check string must be a string, found " + describe(value)
                        + " (quote it; write \"\" to allow everyone)");
            }
            rules.add(new RawRule(name, ((ScalarNode) value).getValue(), line));
        }
        return rules;
    }

    private static Node compose(String source, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        Yaml yaml = new Yaml(
                new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options);
        try {
            return yaml.compose(reader);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null
                    ? ""
                    : " (line " + line(e.getProblemMark()) + ", column "
                            + (e.getProblemMark().getColumn() + 1) + ")";
            throw new PolicyConfigurationException(
                    "Invalid policy file " + source + ": not valid YAML" + where + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new PolicyConfigurationException(
                    "Invalid policy file " + source + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private static boolean isString(Node node) {
        return node instanceof ScalarNode && Tag.STR.equals(node.getTag());
    }

    private static String describe(Node node) {
        return switch (node.getNodeId()) {
            case scalar ->
                Tag.NULL.equals(node.getTag())
                        ? "null"
                        : node.getTag().getValue().replace(Tag.PREFIX, "") + " '" + ((ScalarNode) node).getValue()
                                + "'";
            case sequence -> "a list";
            case mapping -> "a mapping";
            case anchor -> "an alias";
        };
    }

    private static int line(Mark mark) {
        return mark.getLine() + 1;
    }
}
