package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audio output of one session: one {@link CustomAudioSource} fed with the 10 ms PCM chunks
 * the session's audio thread plays, and the one {@link AudioTrack} every viewer peer sends
 * (libwebrtc encodes Opus per peer). Pushing and disposing are serialised on this object: the
 * session's audio thread pushes, the engine's video thread disposes after the session ended and
 * its peers closed.
 */
public final class SessionAudioSource {
    private final String sessionId;
    private final CustomAudioSource source;
    private final AudioTrack track;
    private final AtomicLong chunksPushed = new AtomicLong();
    private byte[] bytes = new byte[0];
    private boolean disposed;

    private SessionAudioSource(String sessionId, CustomAudioSource source, AudioTrack track) {
        this.sessionId = sessionId;
        this.source = source;
        this.track = track;
    }

    static SessionAudioSource create(PeerConnectionFactory factory, String sessionId) {
        CustomAudioSource source = new CustomAudioSource();
        AudioTrack track = factory.createAudioTrack("main_audio", source);
        return new SessionAudioSource(sessionId, source, track);
    }

    /** 48 kHz 16-bit PCM, {@code channels} interleaved; libwebrtc wants 10 ms per push. */
    synchronized void push(short[] pcm, int channels) {
        if (disposed) {
            return;
        }
        if (bytes.length != pcm.length * 2) {
            bytes = new byte[pcm.length * 2];
        }
        for (int i = 0; i < pcm.length; i++) {
            bytes[2 * i] = (byte) pcm[i];
            bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        source.pushAudio(bytes, 16, 48_000, channels, pcm.length / channels);
        chunksPushed.incrementAndGet();
    }

    public String sessionId() {
        return sessionId;
    }

    public AudioTrack track() {
        return track;
    }

    public long chunksPushed() {
        return chunksPushed.get();
    }

    synchronized void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        track.dispose();
        source.dispose();
    }
}
