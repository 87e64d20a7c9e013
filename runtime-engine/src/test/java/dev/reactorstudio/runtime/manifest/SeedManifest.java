package dev.reactorstudio.runtime.manifest;

/** The example manifest.json of the original runtime documentation, character for character. */
final class SeedManifest {

    static final String TEXT = """
            {
              "reactor-runtime": "0.0.0",
              "class": "model_longlive:LongLiveVideoModel",
              "model_name": "longlive",
              "model_version": "1.0.0",
              "args": {
                "fps": 30,
                "size": [480, 640]
              },
              "weights": ["LongLive", "Wan2_1_VAE", "WanVideo_comfy"]
            }
            """;

    private SeedManifest() {
    }
}
