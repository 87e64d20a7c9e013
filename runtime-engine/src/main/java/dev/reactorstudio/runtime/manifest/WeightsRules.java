package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks {@code weights}: an array of unique weight folder names from the registry, or local paths
 * during development. Names become cache folder names, so they are restricted to a safe alphabet.
 */
final class WeightsRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern ONLY_DOTS = Pattern.compile("\\.+");
    // Local paths: "/abs", "./rel", "../rel", "~/home", and Windows "C:\..." / ".\rel" since the studio runs there too.
    private static final Pattern LOCAL_PATH = Pattern.compile("(/|\\./|\\.\\./|~|\\.\\\\|\\.\\.\\\\|[A-Za-z]:[\\\\/]).*");

    private WeightsRules() {
    }

    static void check(JsonNode weights, ProblemCollector problems) {
        String path = ManifestKeys.WEIGHTS;
        if (!weights.isArray()) {
            String fix = weights.isTextual() ? " — put it in a list: [" + JsonValues.quote(weights.textValue()) + "]"
                    : " — use a list of weight folder names like [\"LongLive\", \"Wan2_1_VAE\"]";
            problems.error(path, "expected an array, got " + JsonValues.describe(weights) + fix);
            return;
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            JsonNode entry = weights.get(i);
            String at = LocatedJson.element(path, i);
            if (!entry.isTextual()) {
                problems.error(at, "expected a weight folder name (a string), got " + JsonValues.describe(entry));
                continue;
            }
            String name = entry.textValue();
            Integer first = firstIndex.putIfAbsent(name, i);
            if (first != null) {
                problems.error(at, JsonValues.quote(name) + " is already listed at " + LocatedJson.element(path, first)
                        + " — remove this one");
            } else {
                checkName(name, at, problems);
            }
        }
    }

    private static void checkName(String name, String at, ProblemCollector problems) {
        if (name.isBlank()) {
            problems.error(at, "is empty — write a weight folder name like \"LongLive\", or remove the entry");
        } else if (LOCAL_PATH.matcher(name).matches()) {
            return; // a development path; whether it exists is checked when weights are resolved
        } else if (ONLY_DOTS.matcher(name).matches()) {
            problems.error(at, JsonValues.quote(name) + " is not a weight folder name — for a local folder write"
                    + " a path like \"./weights/foo\"");
        } else if (!NAME.matcher(name).matches()) {
            problems.error(at, JsonValues.quote(name) + " is not a weight folder name — use letters, digits, _, -"
                    + " or . (e.g. \"" + name.strip().replaceAll("[^A-Za-z0-9_.-]+", "_") + "\"), or a local path"
                    + " starting with /, ./, ../ or ~");
        }
    }
}
