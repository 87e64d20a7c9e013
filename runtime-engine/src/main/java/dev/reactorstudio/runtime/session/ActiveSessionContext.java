package dev.reactorstudio.runtime.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ai.djl.ndarray.NDArray;
import dev.reactorstudio.runtime.api.AudioFrame;
import dev.reactorstudio.runtime.api.InputFrame;
import dev.reactorstudio.runtime.api.InputTrack;
import dev.reactorstudio.runtime.api.Pacing;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.djl.NdArrayFrames;
import dev.reactorstudio.runtime.frame.FrameBlock;
import dev.reactorstudio.runtime.frame.FrameConverter;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Map;

/** The {@link SessionContext} a model sees during one session. */
final class ActiveSessionContext implements SessionContext {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Session session;
    /** When the model last returned from emitBlock (or the session started); compute time is measured from here. */
    private volatile long lastEmitReturn = System.nanoTime();
    private volatile boolean monitoring = true;
    /**
     * After a pause with monitoring off, the next gap is not a measurement of the model's speed.
     * Nor is the first one: it spans thread start and the model's per-session setup.
     */
    private volatile boolean skipNextSample = true;
    /** When the latest emitBlock began (0 before the first): sound emitted after it plays with its frames. */
    private volatile long lastEmitStart;
    /**
     * The thread whose last emitBlock still owes its just-in-time hold (sessions with an audio
     * output), taken when that thread emits the block's sound; null when none is owed.
     */
    private volatile Thread holdOwedBy;
    private volatile int width;
    private volatile int height;

    ActiveSessionContext(Session session, int defaultWidth, int defaultHeight) {
        this.session = session;
        this.width = defaultWidth;
        this.height = defaultHeight;
    }

    @Override
    public void emitBlock(byte[] rgb, int... shape) {
        emit(FrameConverter.fromBytes(rgb, shape));
    }

    @Override
    public void emitBlock(ByteBuffer rgb, int... shape) {
        emit(FrameConverter.fromBuffer(rgb, shape));
    }

    @Override
    public void emitBlock(float[] rgb, int... shape) {
        emit(FrameConverter.fromFloats(rgb, shape));
    }

    /** Resolving {@link NdArrayFrames} here, on first use, is what keeps DJL unloaded for plain models. */
    @Override
    public void emitBlock(NDArray frames) {
        emit(NdArrayFrames.toBlock(frames));
    }

    @Override
    public void emitBlock(BufferedImage... frames) {
        // emitBlock((BufferedImage[]) null) arrives as a null array; emitBlock((BufferedImage) null) as one null element.
        boolean black = frames == null || (frames.length == 1 && frames[0] == null);
        emit(black ? FrameBlock.black(width, height) : FrameConverter.fromImages(frames));
    }

    private void emit(FrameBlock block) {
        long start = System.nanoTime();
        if (session.stopRequested()) {
            // Nobody will watch these: drop them instead of blocking a model that is winding down.
            session.stats().framesDropped.add(block.size());
            lastEmitReturn = System.nanoTime();
            return;
        }
        width = block.width();
        height = block.height();
        lastEmitStart = start;
        boolean measure = monitoring && !skipNextSample;
        skipNextSample = false;
        // With an audio output the just-in-time hold waits for the block's sound: taken in emitAudio
        // (same thread), so the sound is queued before its frame is released and plays with it. A
        // model that emitted no sound after its previous block is held here, after queuing, as without audio.
        boolean soundOwed = holdOwedBy != null;
        holdOwedBy = null;
        boolean holdNow = session.audio() == null || soundOwed;
        try {
            session.pacer().offer(block, start - lastEmitReturn, measure, holdNow);
            if (!holdNow) {
                holdOwedBy = Thread.currentThread();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lastEmitReturn = System.nanoTime();
        }
    }

    @Override
    public void setPacing(Pacing pacing) {
        if (pacing == null) {
            throw new IllegalArgumentException("setPacing: pacing is null — pass Pacing.SMOOTH or Pacing.LATEST");
        }
        session.pacer().pacing(pacing);
    }

    @Override
    public Pacing pacing() {
        return session.pacer().pacing();
    }

    @Override
    public void flush() {
        session.pacer().flush();
    }

    @Override
    public void send(Map<String, ?> message) {
        if (message == null) {
            throw new IllegalArgumentException("send: message is null — pass a Map such as Map.of(\"type\", \"progress\")");
        }
        ObjectNode json;
        try {
            json = JSON.valueToTree(message);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("send: message is not JSON-serialisable: " + e.getMessage(), e);
        }
        session.publishMessage(json);
    }

    @Override
    public boolean shouldStop() {
        return session.stopRequested();
    }

    @Override
    public void disableMonitoring() {
        monitoring = false;
    }

    @Override
    public void enableMonitoring() {
        if (!monitoring) {
            skipNextSample = true;
        }
        monitoring = true;
    }

    @Override
    public String sessionId() {
        return session.id();
    }

    @Override
    public InputTrack<InputFrame> videoInput(String name) {
        return session.inputs().video(name);
    }

    @Override
    public InputTrack<AudioFrame> audioInput(String name) {
        return session.inputs().audio(name);
    }

    @Override
    public void emitAudio(short[] pcm, int sampleRate, int channels) {
        if (pcm == null) {
            throw new IllegalArgumentException("emitAudio: pcm is null — pass 16-bit samples, channels interleaved");
        }
        AudioPlayout audio = session.audio();
        if (audio == null) {
            throw new IllegalStateException("emitAudio: the manifest declares no audio output — add "
                    + "{\"name\": \"main_audio\", \"kind\": \"audio\"} to \"tracks\".\"outputs\"");
        }
        if (session.stopRequested()) {
            return;
        }
        audio.emit(pcm, sampleRate, channels, lastEmitStart);
        if (holdOwedBy == Thread.currentThread()) {
            holdOwedBy = null;
            try {
                session.pacer().holdUntilTurn();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lastEmitReturn = System.nanoTime();
            }
        }
    }

    @Override
    public void emitAudio(float[] pcm, int sampleRate, int channels) {
        if (pcm == null) {
            throw new IllegalArgumentException("emitAudio: pcm is null — pass samples in -1..1, channels interleaved");
        }
        emitAudio(PcmResampler.toShorts(pcm), sampleRate, channels);
    }
}
