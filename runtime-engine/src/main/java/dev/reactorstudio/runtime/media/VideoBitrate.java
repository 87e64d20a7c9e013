package dev.reactorstudio.runtime.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The video bitrate the encoder starts at and stays within. libwebrtc starts every stream at
 * 300 kbps and ramps up slowly; hard-to-encode content (noise, fast motion) then makes the
 * encoder drop most frames, so a viewer on the same machine or LAN sees a few frames per
 * second. webrtc-java 0.14.0 exposes no start bitrate (nor a degradation preference — for a
 * camera-like track libwebrtc already keeps the frame rate and lowers resolution under CPU
 * load), but libwebrtc takes a sender's start/min/max bitrate from the codec parameters of the
 * remote description: {@link #apply} adds {@code x-google-start-bitrate}, {@code
 * x-google-min-bitrate} and {@code x-google-max-bitrate} to each video codec's {@code a=fmtp}
 * line before the description is applied. Bandwidth estimation still adapts within the range.
 *
 * @param startKbps where the encoder starts (libwebrtc: 300)
 * @param minKbps   the floor bandwidth estimation may not go below
 * @param maxKbps   the ceiling
 */
public record VideoBitrate(int startKbps, int minKbps, int maxKbps) {
    /**
     * Suited to a viewer on this machine or the LAN: 640×480 noise needs several Mbit/s to keep
     * its frame rate. Over a thin link bandwidth estimation still lowers the rate, down to the floor.
     */
    public static final VideoBitrate LOCAL_DEFAULT = new VideoBitrate(10_000, 300, 30_000);
    /** Leaves libwebrtc's own defaults (300 kbps start) untouched. */
    public static final VideoBitrate LIBWEBRTC = new VideoBitrate(0, 0, 0);

    private static final Pattern RTPMAP = Pattern.compile("^a=rtpmap:(\\d+) ([A-Za-z0-9-]+)/", Pattern.MULTILINE);
    private static final List<String> VIDEO_CODECS = List.of("VP8", "VP9", "H264", "AV1", "H265");

    public VideoBitrate {
        boolean off = startKbps == 0 && minKbps == 0 && maxKbps == 0;
        if (!off && (minKbps < 1 || startKbps < minKbps || maxKbps < startKbps)) {
            throw new IllegalArgumentException("video bitrate needs 0 < min <= start <= max kbps, got min "
                    + minKbps + ", start " + startKbps + ", max " + maxKbps);
        }
    }

    boolean isDefault() {
        return maxKbps == 0;
    }

    /** {@code sdp} with the bitrate parameters on every video codec's fmtp line (added where missing). */
    public String apply(String sdp) {
        if (isDefault() || sdp == null) {
            return sdp;
        }
        String newline = sdp.contains("\r\n") ? "\r\n" : "\n";
        String[] sections = sdp.split("(?=" + Pattern.quote(newline) + "m=)");
        StringBuilder out = new StringBuilder(sdp.length() + 512);
        for (String section : sections) {
            out.append(section.startsWith(newline + "m=video") ? videoSection(section, newline) : section);
        }
        return out.toString();
    }

    private String videoSection(String section, String newline) {
        Map<String, String> codecByPayload = new HashMap<>();
        Matcher m = RTPMAP.matcher(section.replace("\r\n", "\n"));
        while (m.find()) {
            codecByPayload.put(m.group(1), m.group(2).toUpperCase(Locale.ROOT));
        }
        String params = "x-google-start-bitrate=" + startKbps + ";x-google-min-bitrate=" + minKbps
                + ";x-google-max-bitrate=" + maxKbps;
        List<String> lines = new ArrayList<>(List.of(section.split(Pattern.quote(newline), -1)));
        List<String> withFmtp = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("a=fmtp:")) {
                String payload = line.substring(7, line.indexOf(' ') > 0 ? line.indexOf(' ') : line.length());
                if (VIDEO_CODECS.contains(codecByPayload.get(payload)) && !line.contains("x-google-")) {
                    lines.set(i, line + (line.indexOf(' ') > 0 ? ";" : " ") + params);
                }
                withFmtp.add(payload);
            }
        }
        // Codecs without an fmtp line (VP8 usually has none): add one right after their rtpmap.
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher rtpmap = RTPMAP.matcher(lines.get(i));
            if (rtpmap.find() && VIDEO_CODECS.contains(rtpmap.group(2).toUpperCase(Locale.ROOT))
                    && !withFmtp.contains(rtpmap.group(1))) {
                lines.add(i + 1, "a=fmtp:" + rtpmap.group(1) + " " + params);
            }
        }
        return String.join(newline, lines);
    }
}
