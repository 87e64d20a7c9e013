package dev.reactorstudio.runtime.livekit;

import java.util.HashMap;
import java.util.Map;

/**
 * Which client track each m-section of an offer carries. A LiveKit client names a track it
 * publishes by its {@code cid} (the browser's {@code MediaStreamTrack.id}) in {@code add_track};
 * the offer that follows carries the same id in the section's {@code a=msid:<stream> <track>}
 * line. The mid joins the two: libwebrtc reports the arriving track by its transceiver, whose mid
 * is known, while the receiving track's own id is generated locally.
 *
 * <p>Only sections that send count: when the client unpublishes it keeps the section (and its
 * {@code a=msid}) but turns it {@code inactive} (or {@code recvonly}), so a track missing from a
 * later offer's map is one the client stopped publishing (as is one whose section was stopped, port 0).
 */
final class SdpTracks {
    private SdpTracks() {
    }

    /** mid → the msid track id, for every section that names one and may send (not recvonly/inactive). */
    static Map<String, String> byMid(String sdp) {
        Map<String, String> tracks = new HashMap<>();
        Section section = new Section();
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                section.putInto(tracks);
                section = new Section();
                String[] fields = line.split("\\s+");
                section.sending = fields.length < 2 || !"0".equals(fields[1]); // port 0: a stopped section
            } else if (line.equals("a=recvonly") || line.equals("a=inactive")) {
                section.sending = false;
            } else if (line.startsWith("a=mid:")) {
                section.mid = line.substring("a=mid:".length()).strip();
            } else if (line.startsWith("a=msid:")) {
                String[] parts = line.substring("a=msid:".length()).strip().split("\\s+");
                if (parts.length >= 2 && !parts[1].isEmpty()) {
                    section.track = parts[1];
                }
            }
        }
        section.putInto(tracks);
        return tracks;
    }

    /** What one m-section says so far; a section without a direction attribute is sendrecv. */
    private static final class Section {
        private String mid;
        private String track;
        private boolean sending = true;

        void putInto(Map<String, String> tracks) {
            if (mid != null && track != null && sending) {
                tracks.put(mid, track);
            }
        }
    }
}
