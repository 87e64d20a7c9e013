package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.session.SessionInputs;
import java.util.function.Consumer;

/**
 * A client's audio track feeding a declared audio input. libwebrtc's mixer pulls every receive
 * stream every 10 ms, also before the client published anything or after it stopped, and then
 * hands the sink digital silence. So only chunks with a non-zero sample count as media (decoded
 * Opus of a live microphone is never exactly zero for long); all chunks are offered while the
 * input is held, so the model hears real pauses. 16-bit PCM at whatever rate the decoder
 * delivers (48 kHz for Opus) goes to the session, which resamples anything else.
 */
final class RemoteAudioInput extends RemoteInput implements AudioTrackSink {
    private final AudioTrack track;

    RemoteAudioInput(String name, String publisher, SessionInputs inputs, AudioTrack track, Consumer<String> onRefused) {
        super(name, TrackKind.AUDIO, publisher, inputs, onRefused);
        this.track = track;
    }

    void attach() {
        track.addSink(this);
    }

    @Override
    public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        if (bitsPerSample != 16 || channels < 1 || channels > 2 || isClosed()) {
            return;
        }
        int samples = Math.min(frames * channels, data.length / 2);
        short[] pcm = new short[samples];
        boolean sound = false;
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) ((data[2 * i] & 0xff) | (data[2 * i + 1] << 8));
            sound |= pcm[i] != 0;
        }
        boolean held = sound ? mediaArrived() : publisher.equals(inputs.publisher(name));
        if (held) {
            inputs.offerAudio(name, publisher, pcm, sampleRate, channels, System.nanoTime());
        }
    }

    @Override
    void detach() {
        track.removeSink(this);
    }
}
