package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes manifest JSON the way the seed's example looks: the known keys in the seed's order, then any
 * other keys in their original order (so tools' extra keys survive a round trip through the studio's
 * form editor), 2-space indent, arrays of plain values on one line, a trailing newline. The same tree
 * always gives the same text, so saving an unchanged manifest leaves no diff.
 */
public final class ManifestWriter {

    private static final String INDENT = "  ";

    private ManifestWriter() {
    }

    /** The manifest as JSON text; {@code manifest} may hold keys this runtime does not know. */
    public static String toJson(ObjectNode manifest) {
        StringBuilder out = new StringBuilder();
        writeObject(inManifestOrder(manifest), 0, out);
        return out.append('\n').toString();
    }

    /** The manifest as JSON text ({@code folder} and the parsed class reference are not part of the file). */
    public static String toJson(Manifest manifest) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(ManifestKeys.REACTOR_RUNTIME, manifest.reactorRuntime());
        node.put(ManifestKeys.CLASS, manifest.modelClass());
        node.put(ManifestKeys.MODEL_NAME, manifest.modelName());
        node.put(ManifestKeys.MODEL_VERSION, manifest.modelVersion());
        node.set(ManifestKeys.ARGS, manifest.args());
        manifest.weights().forEach(node.putArray(ManifestKeys.WEIGHTS)::add);
        if (manifest.tracks().explicit()) {
            ObjectNode tracks = node.putObject(ManifestKeys.TRACKS);
            var inputs = tracks.putArray(TracksRules.INPUTS);
            manifest.tracks().inputs().forEach(t -> inputs.addObject().put("name", t.name()).put("kind", t.kind().wireName()));
            var outputs = tracks.putArray(TracksRules.OUTPUTS);
            manifest.tracks().outputs().forEach(t -> outputs.addObject().put("name", t.name()).put("kind", t.kind().wireName()));
        }
        return toJson(node);
    }

    private static ObjectNode inManifestOrder(ObjectNode manifest) {
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        for (String key : ManifestKeys.ALL) {
            if (manifest.has(key)) {
                ordered.set(key, manifest.get(key));
            }
        }
        for (Map.Entry<String, JsonNode> field : manifest.properties()) {
            if (!ordered.has(field.getKey())) {
                ordered.set(field.getKey(), field.getValue());
            }
        }
        return ordered;
    }

    private static void write(JsonNode node, int depth, StringBuilder out) {
        if (node.isObject()) {
            writeObject(node, depth, out);
        } else if (node.isArray()) {
            writeArray(node, depth, out);
        } else {
            out.append(node); // Jackson renders scalars as valid JSON, escapes included
        }
    }

    private static void writeObject(JsonNode node, int depth, StringBuilder out) {
        if (node.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
        out.append("{\n");
        for (int i = 0; i < fields.size(); i++) {
            indent(depth + 1, out);
            out.append(JsonNodeFactory.instance.textNode(fields.get(i).getKey())).append(": ");
            write(fields.get(i).getValue(), depth + 1, out);
            out.append(i < fields.size() - 1 ? ",\n" : "\n");
        }
        indent(depth, out);
        out.append('}');
    }

    // ["LongLive", "Wan2_1_VAE"] reads best on one line; nested containers get one item per line.
    private static void writeArray(JsonNode node, int depth, StringBuilder out) {
        boolean flat = true;
        for (JsonNode item : node) {
            flat &= item.isValueNode();
        }
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (!flat) {
                out.append('\n');
                indent(depth + 1, out);
            }
            write(node.get(i), depth + 1, out);
            if (i < node.size() - 1) {
                out.append(flat ? ", " : ",");
            }
        }
        if (!flat && !node.isEmpty()) {
            out.append('\n');
            indent(depth, out);
        }
        out.append(']');
    }

    private static void indent(int depth, StringBuilder out) {
        out.append(INDENT.repeat(depth));
    }
}
