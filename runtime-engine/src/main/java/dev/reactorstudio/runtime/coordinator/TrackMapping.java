package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which m-line carries which declared track in one offer: the SDK's {@code track_mapping}
 * ({@code [{mid, name, kind, direction}]}) read against the capabilities this viewer was given.
 * m-lines are matched by mid, never by order (reactor-js-sdk-protocol §4.4).
 *
 * @param videoMid mid of the model's video output, or null (then the first video m-line is used)
 * @param audioMid mid of the model's audio output, or null when none is declared or offered
 * @param inputs   mid → declared input name, for the client's sendonly m-lines
 */
record TrackMapping(String videoMid, String audioMid, Map<String, String> inputs) {

    static TrackMapping read(JsonNode offerBody, JsonNode capabilities) {
        Map<String, String> outputs = new LinkedHashMap<>();
        Map<String, String> inputNames = new LinkedHashMap<>();
        for (JsonNode track : capabilities.path("tracks")) {
            String name = track.path("name").asText();
            if ("recvonly".equals(track.path("direction").asText())) {
                outputs.putIfAbsent(track.path("kind").asText(), name);
            } else {
                inputNames.put(name, track.path("kind").asText());
            }
        }
        String videoName = outputs.getOrDefault("video", SdkJson.VIDEO_TRACK);
        String audioName = outputs.get("audio");
        String videoMid = null;
        String audioMid = null;
        Map<String, String> inputs = new LinkedHashMap<>();
        for (JsonNode entry : offerBody.path("track_mapping")) {
            String name = entry.path("name").asText();
            String mid = entry.path("mid").asText(null);
            if (mid == null) {
                continue;
            }
            if (name.equals(videoName)) {
                videoMid = mid;
            } else if (name.equals(audioName)) {
                audioMid = mid;
            } else if (inputNames.containsKey(name)) {
                inputs.put(mid, name);
            }
        }
        return new TrackMapping(videoMid, audioMid, Map.copyOf(inputs));
    }
}
