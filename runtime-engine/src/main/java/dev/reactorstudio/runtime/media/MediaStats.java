package dev.reactorstudio.runtime.media;

/**
 * A snapshot of the media engine.
 *
 * @param peers                 peers opened and not yet closed
 * @param nativePeers           native peer connections alive
 * @param framesConverted       frames converted to I420 and pushed (all sessions)
 * @param framesDropped         frames dropped because conversion fell behind
 * @param meanConvertMicros     mean cost of converting and pushing one frame
 */
public record MediaStats(int peers, int nativePeers, long framesConverted, long framesDropped,
                         double meanConvertMicros) {
}
