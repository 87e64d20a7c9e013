package dev.reactorstudio.runtime.python;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * The framed channel to one Python child over a Unix domain socket (the child's stdout/stderr stay
 * free for its logs). A message is a 4-byte big-endian length and a body whose first byte is its
 * kind. From the child: {@code J} a UTF-8 JSON object, {@code F} a block of frames — header
 * {@code count, height, width} (u32 each) and the child's {@code time.monotonic_ns()} at emit
 * (i64), then raw RGB bytes — and {@code P} audio to play — header {@code id} (u64, non-zero when
 * the child wants to hear whether it was accepted), {@code sampleRate, channels} (u32), then
 * little-endian int16 samples. To the child: {@code J}, and the input frames it asked for:
 * {@code V} video — {@code id, sequence} (u64/i64), {@code width, height} (u32), {@code
 * captureNanos, receivedNanos} (i64), then RGB — and {@code A} audio — {@code id, sequence},
 * {@code channels} (u32), {@code captureNanos}, then little-endian int16 samples.
 *
 * <p>One thread reads; writers are serialised. Frame bytes are read into one reusable direct
 * buffer, so a frame costs a single copy on this side (into the pacer's frame) after the kernel's.
 */
final class BridgeChannel implements AutoCloseable {
    static final byte KIND_JSON = 'J';
    static final byte KIND_FRAMES = 'F';
    static final byte KIND_PCM = 'P';
    static final byte KIND_VIDEO_INPUT = 'V';
    static final byte KIND_AUDIO_INPUT = 'A';
    private static final int FRAME_HEADER_BYTES = 4 + 4 + 4 + 8;
    private static final int PCM_HEADER_BYTES = 8 + 4 + 4;
    private static final int VIDEO_INPUT_HEADER_BYTES = 8 + 8 + 4 + 4 + 8 + 8;
    private static final int AUDIO_INPUT_HEADER_BYTES = 8 + 8 + 4 + 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketChannel socket;
    private final ByteBuffer head = ByteBuffer.allocateDirect(4 + 1 + FRAME_HEADER_BYTES);
    private final Object writeLock = new Object();
    private ByteBuffer body = ByteBuffer.allocateDirect(1 << 16);

    /** What {@link #receive()} read: a JSON message, or frames whose bytes stay valid until the next receive. */
    sealed interface Message permits Json, Frames, Pcm {}

    record Json(ObjectNode body) implements Message {
        String op() {
            return body.path("op").asText();
        }
    }

    /** {@code pixels} holds {@code count*height*width*3} bytes from its position to its limit. */
    record Frames(int count, int height, int width, long emitNanos, ByteBuffer pixels) implements Message {}

    /** Audio the model emitted: interleaved samples (a fresh array); {@code id} 0 unless the child awaits a verdict. */
    record Pcm(long id, int sampleRate, int channels, short[] samples) implements Message {}

    BridgeChannel(SocketChannel socket) {
        this.socket = socket;
    }

    void send(ObjectNode message) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(message);
        ByteBuffer frame = ByteBuffer.allocate(4 + 1 + bytes.length);
        frame.putInt(1 + bytes.length).put(KIND_JSON).put(bytes).flip();
        synchronized (writeLock) {
            while (frame.hasRemaining()) {
                socket.write(frame);
            }
        }
    }

    /** The next message; throws {@link EOFException} once the child closed its end. */
    Message receive() throws IOException {
        head.clear().limit(5);
        readFully(head);
        int length = head.getInt(0);
        byte kind = head.get(4);
        if (length < 1) {
            throw new IOException("bridge protocol error: message length " + length);
        }
        if (kind == KIND_FRAMES) {
            head.limit(5 + FRAME_HEADER_BYTES);
            readFully(head);
            int count = head.getInt(5);
            int height = head.getInt(9);
            int width = head.getInt(13);
            long emitNanos = head.getLong(17);
            long pixels = (long) count * height * width * 3;
            if (pixels != length - 1 - FRAME_HEADER_BYTES) {
                throw new IOException("bridge protocol error: frame block " + count + "x" + height + "x" + width
                        + " does not match its length " + length);
            }
            return new Frames(count, height, width, emitNanos, readBody((int) pixels));
        }
        if (kind == KIND_PCM) {
            return readPcm(length);
        }
        if (kind != KIND_JSON) {
            throw new IOException("bridge protocol error: unknown message kind " + kind);
        }
        ByteBuffer json = readBody(length - 1);
        byte[] bytes = new byte[json.remaining()];
        json.get(bytes);
        return new Json((ObjectNode) JSON.readTree(bytes));
    }

    private Pcm readPcm(int length) throws IOException {
        int bytes = length - 1 - PCM_HEADER_BYTES;
        if (bytes < 0 || bytes % 2 != 0) {
            throw new IOException("bridge protocol error: audio message of length " + length);
        }
        head.limit(5 + PCM_HEADER_BYTES);
        readFully(head);
        long id = head.getLong(5);
        int sampleRate = head.getInt(13);
        int channels = head.getInt(17);
        short[] samples = new short[bytes / 2];
        readBody(bytes).slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return new Pcm(id, sampleRate, channels, samples);
    }

    /**
     * Sends a video input frame the child asked for with request {@code id}. The RGB array goes out
     * as it is (a gathering write; the JDK stages a heap array through its temporary direct buffer).
     */
    void sendVideoInput(long id, long sequence, int width, int height, long captureNanos, long receivedNanos, byte[] rgb)
            throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4 + 1 + VIDEO_INPUT_HEADER_BYTES);
        header.putInt(1 + VIDEO_INPUT_HEADER_BYTES + rgb.length).put(KIND_VIDEO_INPUT).putLong(id).putLong(sequence)
                .putInt(width).putInt(height).putLong(captureNanos).putLong(receivedNanos).flip();
        writeAll(header, ByteBuffer.wrap(rgb));
    }

    /** Sends an audio input chunk the child asked for with request {@code id}. */
    void sendAudioInput(long id, long sequence, int channels, long captureNanos, short[] pcm) throws IOException {
        ByteBuffer message = ByteBuffer.allocate(4 + 1 + AUDIO_INPUT_HEADER_BYTES + pcm.length * 2);
        message.putInt(1 + AUDIO_INPUT_HEADER_BYTES + pcm.length * 2).put(KIND_AUDIO_INPUT).putLong(id).putLong(sequence)
                .putInt(channels).putLong(captureNanos);
        message.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(pcm);
        message.position(message.position() + pcm.length * 2).flip();
        writeAll(message);
    }

    private void writeAll(ByteBuffer... buffers) throws IOException {
        synchronized (writeLock) {
            while (buffers[buffers.length - 1].hasRemaining()) {
                socket.write(buffers);
            }
        }
    }

    private ByteBuffer readBody(int size) throws IOException {
        if (body.capacity() < size) {
            // Grows to the largest block seen and stays: blocks of one model have one size.
            body = ByteBuffer.allocateDirect(size);
        }
        body.clear().limit(size);
        readFully(body);
        return body.flip();
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (socket.read(buffer) < 0) {
                throw new EOFException("the Python process closed the channel");
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
