package dev.reactorstudio.runtime.python;

import dev.reactorstudio.runtime.session.SessionManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a model's audio output played, collected from the sessions' audio sink, and how loud it was. */
final class PlayedAudio {
    private final List<short[]> chunks = new CopyOnWriteArrayList<>();

    /** Starts collecting every chunk {@code sessions} play from now on. */
    static PlayedAudio collect(SessionManager sessions) {
        PlayedAudio played = new PlayedAudio();
        sessions.addAudioSink((id, pcm, channels, playNanos) -> played.chunks.add(pcm));
        return played;
    }

    int chunks() {
        return chunks.size();
    }

    void clear() {
        chunks.clear();
    }

    /** Root mean square over every sample collected, 0..1 of full scale (0 before any). */
    double rms() {
        double sum = 0;
        long n = 0;
        for (short[] pcm : chunks) {
            for (short s : pcm) {
                double v = s / 32768.0;
                sum += v * v;
            }
            n += pcm.length;
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }
}
