package dev.reactorstudio.studio.preview.media;

import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/** The default microphone through Java Sound: 48 kHz mono 16-bit, read and sent 10 ms at a time. */
final class MicrophonePump implements MediaPump {
    static final AudioFormat FORMAT = new AudioFormat(48_000f, 16, 1, true, false);
    private static final int CHUNK_BYTES = 480 * 2;

    private final TargetDataLine line;
    private final byte[] buffer = new byte[CHUNK_BYTES];

    private MicrophonePump(TargetDataLine line) {
        this.line = line;
    }

    /** Empty when Java Sound has a capture line for {@link #FORMAT}, else what to do instead. */
    static Optional<String> problem() {
        try {
            return AudioSystem.isLineSupported(new DataLine.Info(TargetDataLine.class, FORMAT)) ? Optional.empty()
                    : Optional.of(NO_MICROPHONE);
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(NO_MICROPHONE);
        }
    }

    private static final String NO_MICROPHONE = "No microphone found: Java Sound sees no capture device for 48 kHz 16-bit mono"
            + " (on Linux check `arecord -l`). Feed an Audio file instead.";

    static MicrophonePump open() throws SourceException {
        Optional<String> problem = problem();
        if (problem.isPresent()) {
            throw new SourceException(problem.get());
        }
        TargetDataLine line = null;
        try {
            line = AudioSystem.getTargetDataLine(FORMAT);
            line.open(FORMAT, CHUNK_BYTES * 10);
            line.start();
            return new MicrophonePump(line);
        } catch (LineUnavailableException | RuntimeException e) {
            if (line != null) {
                line.close();
            }
            throw new SourceException("Could not open the microphone: " + e.getMessage()
                    + " (another program may hold it exclusively)", e);
        }
    }

    @Override
    public void pump(FeedTarget target) throws SourceException {
        int read = 0;
        while (read < buffer.length) {
            int n = line.read(buffer, read, buffer.length - read);
            if (n <= 0) {
                throw new SourceException("The microphone stopped delivering sound (unplugged?)");
            }
            read += n;
        }
        short[] pcm = new short[buffer.length / 2];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) ((buffer[2 * i] & 0xff) | (buffer[2 * i + 1] << 8));
        }
        target.audio(pcm, (int) FORMAT.getSampleRate(), 1);
    }

    @Override
    public String describe() {
        return "Microphone · 48 kHz mono";
    }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
