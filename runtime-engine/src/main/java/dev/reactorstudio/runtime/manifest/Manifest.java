package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's {@code manifest.json}, already checked by {@link ManifestValidator}: every field here
 * is valid, so loaders can use it without re-checking.
 *
 * @param folder         the model folder (where {@code manifest.json} lives)
 * @param reactorRuntime the runtime version the model needs, e.g. {@code "0.1.0"}
 * @param modelClass     the {@code class} field as written; {@code classReference} is it parsed
 * @param args           passed to the model's constructor; empty when the manifest has none
 * @param weights        weight folder names (or local paths during development); empty when none
 * @param tracks         declared inputs and outputs; {@link DeclaredTracks#DEFAULT} (one {@code main_video}) when none
 */
public record Manifest(Path folder, String reactorRuntime, String modelClass, ClassReference classReference,
                       String modelName, String modelVersion, ObjectNode args, List<String> weights,
                       DeclaredTracks tracks) {

    /** The frame rate a model gets when its manifest does not say. */
    public static final double DEFAULT_FPS = 30;

    public Manifest {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(reactorRuntime, "reactorRuntime");
        Objects.requireNonNull(modelClass, "modelClass");
        Objects.requireNonNull(classReference, "classReference");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelVersion, "modelVersion");
        // Copied because ObjectNode is mutable and a manifest is shared by loader, server and studio.
        args = args == null ? JsonNodeFactory.instance.objectNode() : args.deepCopy();
        weights = weights == null ? List.of() : List.copyOf(weights);
        tracks = tracks == null ? DeclaredTracks.DEFAULT : tracks;
    }

    /** A manifest with the default tracks (one {@code main_video} output), as every seed manifest has. */
    public Manifest(Path folder, String reactorRuntime, String modelClass, ClassReference classReference,
                    String modelName, String modelVersion, ObjectNode args, List<String> weights) {
        this(folder, reactorRuntime, modelClass, classReference, modelName, modelVersion, args, weights, null);
    }

    /** A copy of the constructor arguments, so callers cannot change this manifest. */
    @Override
    public ObjectNode args() {
        return args.deepCopy();
    }

    /** {@code args.fps} when it is a positive number, else {@value #DEFAULT_FPS}. */
    public double fps() {
        JsonNode fps = args.get(ManifestKeys.FPS);
        return fps != null && fps.isNumber() && fps.doubleValue() > 0 ? fps.doubleValue() : DEFAULT_FPS;
    }

    /** {@code args.size} as {@code [height, width]} when it is an array of two whole numbers. */
    public Optional<int[]> size() {
        JsonNode size = args.get(ManifestKeys.SIZE);
        if (size == null || !size.isArray() || size.size() != 2) {
            return Optional.empty();
        }
        JsonNode h = size.get(0);
        JsonNode w = size.get(1);
        if (!isInt(h) || !isInt(w)) {
            return Optional.empty();
        }
        return Optional.of(new int[] {h.intValue(), w.intValue()});
    }

    private static boolean isInt(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt();
    }
}
