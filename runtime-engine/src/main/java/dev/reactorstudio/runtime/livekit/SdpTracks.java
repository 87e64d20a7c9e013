package dev.reactorstudio.runtime.livekit;

import java.util.HashMap;
import java.util.Map;

/**
 * Which client track each m-section of an offer carries. A LiveKit client names a track it
 * publishes by its {@code cid} (the browser's {@code MediaStreamTrack.id}) in {@code add_track};
 * the offer that follows carries the same id in the section's {@code a=msid:<stream> <track>}
 * line. The mid joins the two: libwebrtc reports the arriving track by its transceiver, whose mid
 * is known, while the receiving track's own id is generated locally.
 */
final class SdpTracks {
    private SdpTracks() {
    }

    /** mid → the msid track id, for every section that names one. */
    static Map<String, String> byMid(String sdp) {
        Map<String, String> tracks = new HashMap<>();
        String mid = null;
        String track = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                put(tracks, mid, track);
                mid = null;
                track = null;
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring("a=mid:".length()).strip();
            } else if (line.startsWith("a=msid:")) {
                String[] parts = line.substring("a=msid:".length()).strip().split("\\s+");
                if (parts.length >= 2 && !parts[1].isEmpty()) {
                    track = parts[1];
                }
            }
        }
        put(tracks, mid, track);
        return tracks;
    }

    private static void put(Map<String, String> tracks, String mid, String track) {
        if (mid != null && track != null) {
            tracks.put(mid, track);
        }
    }
}
