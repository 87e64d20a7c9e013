package dev.reactorstudio.runtime.media;

/**
 * Decides, from libwebrtc's encoder statistics, how many frames a second one session should
 * generate. libwebrtc's encoder never queues: of the frames waiting for it when it finishes one, it
 * encodes the newest and drops the rest. At 720p an uncapped model outruns it, and the frames it
 * drops were generated, copied and converted for nothing, on the same cores the encoder needs. So
 * when the encoder drops for lack of time (it takes clearly fewer frames than it is given, and it is
 * either busy nearly all the time or, its thread waiting for a core, spends well under the bitrate
 * it may) the session is limited to a little more than the encoder takes, the headroom keeping the
 * encoder fed; when the encoder keeps up, the limit grows each round and is lifted once the model no
 * longer reaches it. Drops by rate control (hard content: the encoder spends its whole bitrate and
 * skips frames to stay within it) never limit the model, since holding it would only feed the
 * encoder less.
 *
 * <p>Not thread-safe: one instance per viewer's encoder, fed by one thread.
 */
final class EncoderBackpressure {
    /** Encoder busy at least this fraction of the time: its drops are for lack of time, not bits. */
    static final double BUSY = 0.8;
    /** Sending less than this share of its target bitrate, the encoder is not short of bits. */
    static final double UNDER_TARGET = 0.8;
    /** The encoder takes less than this share of the frames it is given: it drops. */
    static final double DROPPING = 0.95;
    /** A limit this much above what the encoder takes, so it never waits for a frame. */
    static final double HEADROOM = 1.15;
    /** A limit the encoder keeps up with grows by this factor each round. */
    static final double GROWTH = 1.25;
    /** Never hold a model below this rate (an encoder stalled for a moment must not stall the model). */
    static final double MIN_FPS = 10;

    /**
     * One reading: frames pushed into the session's source and, of one viewer's encoder, frames
     * encoded, seconds spent encoding, bytes sent and the current target bitrate (outbound-rtp
     * {@code framesEncoded}, {@code totalEncodeTime}, {@code bytesSent}, {@code targetBitrate}; 0 when absent).
     */
    record Reading(long nanos, long pushed, long encoded, double encodeSeconds, long bytesSent, double targetBps) {
        Reading(long nanos, long pushed, long encoded, double encodeSeconds) {
            this(nanos, pushed, encoded, encodeSeconds, 0, 0);
        }
    }

    private Reading last;
    private double limit;

    /** The limit after {@code now}, in frames per second; 0 = none. */
    double next(Reading now) {
        Reading before = last;
        last = now;
        if (before == null || now.nanos() <= before.nanos()
                || now.encoded() < before.encoded() || now.pushed() < before.pushed()) {
            limit = 0; // the first reading (a new viewer): measure before holding anyone
            return limit;
        }
        double seconds = (now.nanos() - before.nanos()) / 1e9;
        double pushed = (now.pushed() - before.pushed()) / seconds;
        double encoded = (now.encoded() - before.encoded()) / seconds;
        double busy = (now.encodeSeconds() - before.encodeSeconds()) / seconds;
        double sentBps = (now.bytesSent() - before.bytesSent()) * 8 / seconds;
        boolean shortOfTime = busy >= BUSY || (now.targetBps() > 0 && sentBps < UNDER_TARGET * now.targetBps());
        if (encoded < 1) {
            limit = 0; // nothing encoded: no viewer is being served, hold nobody
        } else if (shortOfTime && encoded < DROPPING * pushed) {
            limit = Math.max(MIN_FPS, encoded * HEADROOM);
        } else if (limit > 0) {
            limit *= GROWTH;
            if (limit > GROWTH * pushed * HEADROOM) {
                limit = 0; // the model no longer reaches the limit: lift it
            }
        }
        return limit;
    }
}
