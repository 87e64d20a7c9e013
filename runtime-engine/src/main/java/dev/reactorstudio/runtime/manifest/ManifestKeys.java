package dev.reactorstudio.runtime.manifest;

import java.util.List;

/** The manifest's top-level keys, in the seed's order (which is also the order the writer uses). */
final class ManifestKeys {

    static final String REACTOR_RUNTIME = "reactor-runtime";
    static final String CLASS = "class";
    static final String MODEL_NAME = "model_name";
    static final String MODEL_VERSION = "model_version";
    static final String ARGS = "args";
    static final String WEIGHTS = "weights";
    static final String TRACKS = "tracks";

    static final List<String> ALL = List.of(REACTOR_RUNTIME, CLASS, MODEL_NAME, MODEL_VERSION, ARGS, WEIGHTS, TRACKS);
    static final List<String> REQUIRED = List.of(REACTOR_RUNTIME, CLASS, MODEL_NAME, MODEL_VERSION);

    /** Keys inside {@code args} that the runtime itself reads. */
    static final String FPS = "fps";
    static final String SIZE = "size";

    private ManifestKeys() {
    }
}
