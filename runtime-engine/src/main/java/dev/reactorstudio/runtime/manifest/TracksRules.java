package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks {@code tracks}: {@code {"inputs": [{"name": "webcam", "kind": "video"}], "outputs": [...]}}.
 * Names are what clients use in URLs, LiveKit track names and the SDK's {@code track_mapping}, so
 * they are short identifiers, unique across inputs and outputs.
 */
final class TracksRules {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    static final String INPUTS = "inputs";
    static final String OUTPUTS = "outputs";
    private static final String EXAMPLE = "{\"inputs\": [{\"name\": \"webcam\", \"kind\": \"video\"}], "
            + "\"outputs\": [{\"name\": \"main_video\", \"kind\": \"video\"}]}";

    private TracksRules() {
    }

    static void check(JsonNode tracks, ProblemCollector problems) {
        String path = ManifestKeys.TRACKS;
        if (!tracks.isObject()) {
            problems.error(path, "expected an object, got " + JsonValues.describe(tracks) + " — write " + EXAMPLE);
            return;
        }
        Map<String, String> seen = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : tracks.properties()) {
            String key = field.getKey();
            String at = LocatedJson.member(path, key);
            if (!key.equals(INPUTS) && !key.equals(OUTPUTS)) {
                problems.warningAtKey(at, "unknown key, ignored — \"tracks\" holds \"inputs\" and \"outputs\"");
                continue;
            }
            checkList(field.getValue(), at, seen, problems);
        }
        JsonNode outputs = tracks.get(OUTPUTS);
        if (outputs != null && outputs.isArray()) {
            checkOutputs(outputs, LocatedJson.member(path, OUTPUTS), problems);
        }
    }

    private static void checkList(JsonNode list, String at, Map<String, String> seen, ProblemCollector problems) {
        if (!list.isArray()) {
            problems.error(at, "expected an array of tracks like [{\"name\": \"webcam\", \"kind\": \"video\"}], got "
                    + JsonValues.describe(list));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String entryAt = LocatedJson.element(at, i);
            if (!entry.isObject()) {
                problems.error(entryAt, "expected a track like {\"name\": \"webcam\", \"kind\": \"video\"}, got "
                        + JsonValues.describe(entry));
                continue;
            }
            checkName(entry.get("name"), entryAt, seen, problems);
            checkKind(entry.get("kind"), entryAt, problems);
            for (Map.Entry<String, JsonNode> f : entry.properties()) {
                if (!f.getKey().equals("name") && !f.getKey().equals("kind")) {
                    problems.warningAtKey(LocatedJson.member(entryAt, f.getKey()),
                            "unknown key, ignored — a track has \"name\" and \"kind\"");
                }
            }
        }
    }

    private static void checkName(JsonNode name, String entryAt, Map<String, String> seen, ProblemCollector problems) {
        String at = LocatedJson.member(entryAt, "name");
        if (name == null) {
            problems.error(entryAt, "the track has no \"name\" — add one, e.g. \"name\": \"webcam\"");
            return;
        }
        JsonValues.requireString(name, at, "webcam", problems).ifPresent(text -> {
            if (!NAME.matcher(text).matches()) {
                String fixed = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_");
                problems.error(at, JsonValues.quote(text) + " is not a track name — use a lowercase letter, then"
                        + " lowercase letters, digits, _ or - (at most 64), e.g. "
                        + JsonValues.quote(fixed.isEmpty() || !Character.isLetter(fixed.charAt(0)) ? "track_" + fixed : fixed));
                return;
            }
            String first = seen.putIfAbsent(text, at);
            if (first != null) {
                problems.error(at, JsonValues.quote(text) + " is already declared at " + first
                        + " — track names are unique across inputs and outputs; rename one");
            }
        });
    }

    private static void checkKind(JsonNode kind, String entryAt, ProblemCollector problems) {
        String at = LocatedJson.member(entryAt, "kind");
        if (kind == null) {
            problems.error(entryAt, "the track has no \"kind\" — add \"kind\": \"video\" or \"kind\": \"audio\"");
            return;
        }
        JsonValues.requireString(kind, at, "video", problems).ifPresent(text -> {
            if (TrackKind.parse(text).isEmpty()) {
                problems.error(at, JsonValues.quote(text) + " is not a track kind — use \"video\" or \"audio\"");
            }
        });
    }

    private static void checkOutputs(JsonNode outputs, String at, ProblemCollector problems) {
        if (outputs.isEmpty()) {
            problems.error(at, "no outputs — declare what the model sends, e.g. [{\"name\": \"main_video\", \"kind\": \"video\"}]");
            return;
        }
        for (TrackKind kind : TrackKind.values()) {
            int count = 0;
            for (int i = 0; i < outputs.size(); i++) {
                JsonNode entry = outputs.get(i);
                if (entry.isObject() && kind.wireName().equals(entry.path("kind").asText(null)) && ++count == 2) {
                    problems.error(LocatedJson.element(at, i), "a second " + kind.wireName() + " output — a model has one "
                            + (kind == TrackKind.VIDEO ? "video output (emitBlock feeds it)" : "audio output (emitAudio feeds it)")
                            + "; remove this one");
                }
            }
        }
    }

    /** Only called once {@link #check} found no errors. */
    static DeclaredTracks read(JsonNode tracks) {
        if (tracks == null) {
            return DeclaredTracks.DEFAULT;
        }
        // Declaring only inputs keeps the default output.
        List<TrackSpec> outputs = tracks.has(OUTPUTS) ? specs(tracks.get(OUTPUTS)) : DeclaredTracks.DEFAULT.outputs();
        return new DeclaredTracks(specs(tracks.get(INPUTS)), outputs, true);
    }

    private static List<TrackSpec> specs(JsonNode list) {
        List<TrackSpec> specs = new ArrayList<>();
        if (list != null) {
            for (JsonNode entry : list) {
                specs.add(new TrackSpec(entry.get("name").textValue(), TrackKind.parse(entry.get("kind").textValue()).orElseThrow()));
            }
        }
        return specs;
    }
}
