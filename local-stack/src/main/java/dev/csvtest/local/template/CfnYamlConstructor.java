package dev.csvtest.local.template;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation's short-form intrinsic tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, ...) into their
 * long form ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}), so the resolver sees one shape only.
 * Everything else is plain safe YAML.
 */
final class CfnYamlConstructor extends SafeConstructor {

    private static final Map<String, String> SHORT_FORMS = Map.ofEntries(
            Map.entry("!Ref", "Ref"),
            Map.entry("!Condition", "Condition"),
            Map.entry("!Sub", "Fn::Sub"),
            Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!If", "Fn::If"),
            Map.entry("!Join", "Fn::Join"),
            Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"),
            Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!Not", "Fn::Not"),
            Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"),
            Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!Base64", "Fn::Base64"),
            Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!Cidr", "Fn::Cidr"),
            Map.entry("!Transform", "Fn::Transform"));

    CfnYamlConstructor() {
        super(new LoaderOptions());
        SHORT_FORMS.forEach((tag, longForm) -> yamlConstructors.put(new Tag(tag), new Intrinsic(longForm)));
    }

    private final class Intrinsic extends AbstractConstruct {
        private final String name;

        Intrinsic(String name) {
            this.name = name;
        }

        @Override
        public Object construct(Node node) {
            Object value = switch (node) {
                case ScalarNode scalar -> constructScalar(scalar);
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> throw new IllegalArgumentException("unsupported YAML node for " + name);
            };
            if (name.equals("Fn::GetAtt") && value instanceof String dotted) {
                // Short form "!GetAtt Resource.Attribute" means ["Resource", "Attribute"].
                int dot = dotted.indexOf('.');
                value = dot < 0 ? List.of(dotted) : List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
            }
            return Map.of(name, value);
        }
    }
}
