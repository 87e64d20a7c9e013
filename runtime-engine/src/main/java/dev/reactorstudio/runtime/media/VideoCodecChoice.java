package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.RTCRtpCodecCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the video codec of an answer: VP8 by default (every browser decodes it), H.264 when the
 * offer has it and the client prefers it — i.e. lists H.264 before VP8 on the m-line, which is
 * what {@code setCodecPreferences} on the browser side produces. The server can also force a
 * preference. The choice is applied with {@code setCodecPreferences} before the answer is made.
 */
public final class VideoCodecChoice {
    public static final String VP8 = "VP8";
    public static final String H264 = "H264";

    private VideoCodecChoice() {
    }

    /**
     * The codec name to send for the video m-line {@code mid} of {@code offerSdp}.
     *
     * @param forced {@code VP8}, {@code H264}, or null to follow the client's order
     */
    public static String choose(String offerSdp, String mid, String forced) {
        List<String> offered = offeredCodecs(offerSdp, mid);
        if (forced != null && offered.contains(forced.toUpperCase(Locale.ROOT))) {
            return forced.toUpperCase(Locale.ROOT);
        }
        for (String codec : offered) {
            if (codec.equals(VP8) || codec.equals(H264)) {
                return codec;
            }
        }
        return VP8;
    }

    /** Codec names of the video m-line with {@code mid} (any video m-line when mid is null), in offer order. */
    static List<String> offeredCodecs(String sdp, String mid) {
        List<String> names = new ArrayList<>();
        String[] sections = sdp.split("\r?\nm=");
        Pattern rtpmap = Pattern.compile("a=rtpmap:\\d+ ([A-Za-z0-9-]+)/");
        for (int i = 1; i < sections.length; i++) {
            String section = sections[i];
            if (!section.startsWith("video")) {
                continue;
            }
            if (mid != null && !section.contains("a=mid:" + mid + "\n") && !section.contains("a=mid:" + mid + "\r")) {
                continue;
            }
            Matcher m = rtpmap.matcher(section);
            while (m.find()) {
                String name = m.group(1).toUpperCase(Locale.ROOT);
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
            break;
        }
        return names;
    }

    /**
     * The sender's codec capabilities reordered so {@code codec} (all its profiles) comes
     * first, followed by the repair formats; other primary codecs are left out so the answer
     * cannot fall back to them.
     */
    static List<RTCRtpCodecCapability> preferences(List<RTCRtpCodecCapability> capabilities, String codec) {
        List<RTCRtpCodecCapability> chosen = new ArrayList<>();
        List<RTCRtpCodecCapability> repair = new ArrayList<>();
        for (RTCRtpCodecCapability c : capabilities) {
            String name = c.getName().toUpperCase(Locale.ROOT);
            if (name.equals(codec)) {
                chosen.add(c);
            } else if (name.equals("RTX") || name.equals("RED") || name.equals("ULPFEC")) {
                repair.add(c);
            }
        }
        chosen.addAll(repair);
        return chosen;
    }
}
