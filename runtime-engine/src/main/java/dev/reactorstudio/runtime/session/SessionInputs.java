package dev.reactorstudio.runtime.session;

import dev.reactorstudio.runtime.api.AudioFrame;
import dev.reactorstudio.runtime.api.InputFrame;
import dev.reactorstudio.runtime.api.InputTrack;
import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.manifest.TrackSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The declared inputs of one session and who publishes each. Transports (the JS SDK peer, a
 * LiveKit participant, the studio) {@link #claim} a track when a client starts sending it — the
 * first publisher wins, a second gets an {@link InputClaimException} naming the holder — then
 * feed frames while they hold it and {@link #release} it when the client stops or leaves.
 * Frames from a publisher that does not hold the track are ignored.
 */
public final class SessionInputs {
    /** About 130 ms of video at 30 fps: enough to ride out a model's hiccup, small enough to stay fresh. */
    static final int VIDEO_CAPACITY = 4;
    /** One second of 10 ms chunks. */
    static final int AUDIO_CAPACITY = 100;

    private final DeclaredTracks declared;
    private final Map<String, InputBuffer<InputFrame>> video = new LinkedHashMap<>();
    private final Map<String, InputBuffer<AudioFrame>> audio = new LinkedHashMap<>();
    private final Map<String, String> publishers = new LinkedHashMap<>();
    private final PcmResampler.Cache resamplers = new PcmResampler.Cache();

    SessionInputs(DeclaredTracks declared) {
        this.declared = declared;
        for (TrackSpec input : declared.inputs()) {
            if (input.isVideo()) {
                video.put(input.name(), new InputBuffer<>(input.name(), VIDEO_CAPACITY));
            } else {
                audio.put(input.name(), new InputBuffer<>(input.name(), AUDIO_CAPACITY));
            }
        }
    }

    /** The declared inputs (name and kind). */
    public DeclaredTracks declared() {
        return declared;
    }

    InputTrack<InputFrame> video(String name) {
        InputBuffer<InputFrame> track = video.get(name);
        if (track == null) {
            throw new IllegalArgumentException(missing(name, TrackKind.VIDEO));
        }
        return track;
    }

    InputTrack<AudioFrame> audio(String name) {
        InputBuffer<AudioFrame> track = audio.get(name);
        if (track == null) {
            throw new IllegalArgumentException(missing(name, TrackKind.AUDIO));
        }
        return track;
    }

    private String missing(String name, TrackKind kind) {
        String list = declared.inputs().stream().map(t -> t.name() + " (" + t.kind().wireName() + ")")
                .collect(Collectors.joining(", "));
        return "no " + kind.wireName() + " input named \"" + name + "\" — the manifest declares "
                + (list.isEmpty() ? "no inputs" : list)
                + "; add {\"name\": \"" + name + "\", \"kind\": \"" + kind.wireName() + "\"} to \"tracks\".\"inputs\"";
    }

    /**
     * Makes {@code publisher} the source of input {@code name}.
     *
     * @throws InputClaimException when the track is not a declared input of {@code kind}, or another publisher holds it
     */
    public synchronized void claim(String name, TrackKind kind, String publisher) throws InputClaimException {
        checkClaim(name, kind, publisher);
        publishers.put(name, publisher);
        buffer(name).live(true);
    }

    /**
     * Whether {@code publisher} could {@link #claim} input {@code name} now, without claiming it:
     * transports that announce a publication before its media (LiveKit's {@code add_track}) refuse
     * it up front with the same reason.
     *
     * @throws InputClaimException when the track is not a declared input of {@code kind}, or another publisher holds it
     */
    public synchronized void checkClaim(String name, TrackKind kind, String publisher) throws InputClaimException {
        Objects.requireNonNull(publisher, "publisher");
        TrackSpec spec = declared.input(name).orElse(null);
        if (spec == null || spec.kind() != kind) {
            throw new InputClaimException(missing(name, kind));
        }
        String holder = publishers.get(name);
        if (holder != null && !holder.equals(publisher)) {
            throw new InputClaimException("input \"" + name + "\" is already published by another client (" + holder
                    + "); the first publisher wins — unpublish it there, or publish under another declared name");
        }
    }

    /** {@code publisher} stopped sending {@code name}; no-op unless it held the track. */
    public synchronized void release(String name, String publisher) {
        if (publisher.equals(publishers.get(name))) {
            publishers.remove(name);
            buffer(name).live(false);
            resamplers.forget(name);
        }
    }

    /** Releases every track {@code publisher} holds (it disconnected). */
    public synchronized void releaseAll(String publisher) {
        for (String name : publishers.entrySet().stream().filter(e -> e.getValue().equals(publisher))
                .map(Map.Entry::getKey).toList()) {
            release(name, publisher);
        }
    }

    /** Whether input {@code name} is published now, as the model sees it ({@code InputTrack.isLive()}); false for an unknown name. */
    public boolean isLive(String name) {
        InputBuffer<?> buffer = buffer(name);
        return buffer != null && buffer.isLive();
    }

    /** Who publishes {@code name}, or null. */
    public synchronized String publisher(String name) {
        return publishers.get(name);
    }

    private synchronized boolean holds(String name, String publisher) {
        return publisher.equals(publishers.get(name));
    }

    private InputBuffer<?> buffer(String name) {
        InputBuffer<?> buffer = video.get(name);
        return buffer != null ? buffer : audio.get(name);
    }

    /**
     * A video frame from {@code publisher}: packed RGB ({@code height*width*3}), handed over (not copied).
     * Ignored unless the publisher holds the track.
     */
    public void offerVideo(String name, String publisher, byte[] rgb, int width, int height, long captureNanos) {
        InputBuffer<InputFrame> track = video.get(name);
        if (track == null || !holds(name, publisher)) {
            return;
        }
        track.offer(new InputFrame(rgb, width, height, track.nextSequence(), captureNanos, System.nanoTime()));
    }

    /** Audio from {@code publisher}: 16-bit PCM at any rate, resampled to 48 kHz here when it is not. */
    public void offerAudio(String name, String publisher, short[] pcm, int sampleRate, int channels, long captureNanos) {
        InputBuffer<AudioFrame> track = audio.get(name);
        if (track == null || !holds(name, publisher)) {
            return;
        }
        short[] at48k = sampleRate == AudioFrame.SAMPLE_RATE ? pcm
                : resamplers.get(name, sampleRate, channels).resample(pcm);
        track.offer(new AudioFrame(at48k, channels, track.nextSequence(), captureNanos));
    }

    /** The session ended: readers stop waiting. */
    void close() {
        video.values().forEach(InputBuffer::close);
        audio.values().forEach(InputBuffer::close);
        synchronized (this) {
            publishers.clear();
        }
    }
}
