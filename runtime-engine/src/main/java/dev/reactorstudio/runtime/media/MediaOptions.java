package dev.reactorstudio.runtime.media;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the WebRTC engine.
 *
 * @param iceServers    STUN/TURN URLs handed to every peer; empty means host candidates only (enough on one machine)
 * @param minPort       lowest UDP port for ICE; 0 with {@code maxPort} 0 lets the OS choose
 * @param maxPort       highest UDP port for ICE
 * @param gatherTimeout longest a non-trickle answer waits for ICE gathering before it goes out with what it has
 *                      (the JS SDK gives up on an answer after about 6 s)
 * @param videoBitrate  start/min/max bitrate of the video encoder ({@link VideoBitrate#LOCAL_DEFAULT})
 * @param encoderBackpressure hold a model to what the fastest viewer's encoder takes when the encoder
 *                      drops frames for lack of time ({@link EncoderFeedback}); on by default
 */
public record MediaOptions(List<String> iceServers, int minPort, int maxPort, Duration gatherTimeout,
                           VideoBitrate videoBitrate, boolean encoderBackpressure) {

    public MediaOptions(List<String> iceServers, int minPort, int maxPort, Duration gatherTimeout) {
        this(iceServers, minPort, maxPort, gatherTimeout, VideoBitrate.LOCAL_DEFAULT);
    }

    public MediaOptions(List<String> iceServers, int minPort, int maxPort, Duration gatherTimeout,
                        VideoBitrate videoBitrate) {
        this(iceServers, minPort, maxPort, gatherTimeout, videoBitrate, true);
    }

    public MediaOptions {
        iceServers = List.copyOf(iceServers);
        if (minPort < 0 || maxPort < minPort) {
            throw new IllegalArgumentException("bad ICE port range " + minPort + ":" + maxPort);
        }
        if (videoBitrate == null) {
            videoBitrate = VideoBitrate.LOCAL_DEFAULT;
        }
    }

    public static MediaOptions defaults() {
        return new MediaOptions(List.of(), 0, 0, Duration.ofSeconds(3));
    }

    public MediaOptions withPortRange(int min, int max) {
        return new MediaOptions(iceServers, min, max, gatherTimeout, videoBitrate, encoderBackpressure);
    }

    public MediaOptions withIceServers(List<String> urls) {
        return new MediaOptions(urls, minPort, maxPort, gatherTimeout, videoBitrate, encoderBackpressure);
    }

    public MediaOptions withVideoBitrate(VideoBitrate bitrate) {
        return new MediaOptions(iceServers, minPort, maxPort, gatherTimeout, bitrate, encoderBackpressure);
    }

    /** With or without {@link EncoderFeedback} (benchmarks compare both; {@code --no-encoder-backpressure}). */
    public MediaOptions withEncoderBackpressure(boolean on) {
        return new MediaOptions(iceServers, minPort, maxPort, gatherTimeout, videoBitrate, on);
    }
}
