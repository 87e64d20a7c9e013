package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks {@code args}: an object passed to the model's constructor. Only the two keys the runtime
 * itself reads are checked — {@code fps} (pacing) and {@code size} (video encoding); the rest
 * belongs to the model, which validates them when its arguments are bound.
 */
final class ArgsRules {

    static final double MAX_FPS = 240;

    private static final String FPS_PATH = LocatedJson.member(ManifestKeys.ARGS, ManifestKeys.FPS);
    private static final String SIZE_PATH = LocatedJson.member(ManifestKeys.ARGS, ManifestKeys.SIZE);
    private static final String SIZE_EXAMPLE = "[480, 640]";

    private ArgsRules() {
    }

    static void check(JsonNode args, ProblemCollector problems) {
        if (!args.isObject()) {
            problems.error(ManifestKeys.ARGS, "expected an object like {\"fps\": 30, \"size\": " + SIZE_EXAMPLE
                    + "}, got " + JsonValues.describe(args) + " — write the constructor arguments as \"name\": value"
                    + " pairs in {...}, or remove \"args\"");
            return;
        }
        JsonNode fps = args.get(ManifestKeys.FPS);
        if (fps != null) {
            checkFps(fps, problems);
        }
        JsonNode size = args.get(ManifestKeys.SIZE);
        if (size != null) {
            checkSize(size, problems);
        }
    }

    private static void checkFps(JsonNode fps, ProblemCollector problems) {
        if (!fps.isNumber()) {
            String fix = fps.isTextual() ? " — remove the quotes" : " — use a number like 30";
            problems.error(FPS_PATH, "expected a number of frames per second, got " + JsonValues.describe(fps) + fix);
        } else if (fps.doubleValue() <= 0) {
            problems.error(FPS_PATH, fps + " is not a frame rate — use a positive number like 30");
        } else if (fps.doubleValue() > MAX_FPS) {
            problems.error(FPS_PATH, fps + " fps is more than the runtime paces (at most " + (int) MAX_FPS
                    + ") — use " + (int) MAX_FPS + " or less");
        }
    }

    private static void checkSize(JsonNode size, ProblemCollector problems) {
        if (!size.isArray()) {
            problems.error(SIZE_PATH, "expected [height, width] like " + SIZE_EXAMPLE + ", got "
                    + JsonValues.describe(size));
            return;
        }
        if (size.size() != 2) {
            problems.error(SIZE_PATH, "has " + size.size() + (size.size() == 1 ? " item" : " items")
                    + ", expected exactly 2: [height, width] like " + SIZE_EXAMPLE);
            return;
        }
        String[] names = {"height", "width"};
        for (int i = 0; i < 2; i++) {
            checkDimension(size.get(i), names[i], LocatedJson.element(SIZE_PATH, i), problems);
        }
    }

    private static void checkDimension(JsonNode n, String name, String path, ProblemCollector problems) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            problems.error(path, "the " + name + " must be a whole number of pixels, got " + JsonValues.describe(n));
        } else if (n.intValue() <= 0) {
            problems.error(path, "the " + name + " must be positive, got " + n.intValue());
        } else if (n.intValue() % 2 != 0) {
            problems.warning(path, "the " + name + " " + n.intValue() + " is odd; odd sizes are padded by video"
                    + " encoders — use " + (n.intValue() + 1) + " or " + (n.intValue() - 1));
        }
    }
}
