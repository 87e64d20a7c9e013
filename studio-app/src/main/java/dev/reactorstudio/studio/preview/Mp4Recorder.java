package dev.reactorstudio.studio.preview;

import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.frame.FrameSink;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the preview's frames to an H.264 MP4 with FFmpeg (LGPL build, OpenH264 encoder). The
 * pacer thread only offers frames to a small queue — a slow encoder drops frames instead of
 * stalling playout — and one owned thread ({@code studio-recorder}) encodes. Frames are placed
 * at their release time, so the file plays at the speed the author watched.
 */
final class Mp4Recorder implements FrameSink {
    private static final Logger LOG = LoggerFactory.getLogger(Mp4Recorder.class);
    private static final Frame END = new Frame("", -1, 0, 0, new byte[0], 0, 0);

    /** What a finished recording holds. */
    record Result(Path file, long frames, long dropped, int width, int height) {}

    private final BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(16);
    private final LongAdder dropped = new LongAdder();
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private final Path file;
    private final int width;
    private final int height;
    private final double fps;
    private final Thread thread;

    private Mp4Recorder(Path file, int width, int height, double fps) {
        this.file = file;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.thread = new Thread(this::encode, "studio-recorder");
        this.thread.setDaemon(true);
    }

    /**
     * Loads the FFmpeg natives (unpacking them on first use takes about a second), so the first
     * recording does not drop its opening frames while the encoder is still loading.
     */
    static void preload() {
        try {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("FFmpeg natives could not be loaded; recording will fail: {}", e.toString());
        }
    }

    /** Starts recording frames of {@code width}x{@code height}; frames of another size are skipped. */
    static Mp4Recorder start(Path file, int width, int height, double fps) {
        Mp4Recorder recorder = new Mp4Recorder(file, width, height, fps);
        recorder.thread.start();
        return recorder;
    }

    @Override
    public void onFrame(Frame frame) {
        if (frame.width() != width || frame.height() != height || !queue.offer(frame)) {
            dropped.increment();
        }
    }

    /** Finishes the file; completes once it is closed (or failed). */
    CompletableFuture<Result> stop() {
        while (!queue.offer(END)) {
            queue.poll(); // make room: stopping matters more than the last queued frame
        }
        return done;
    }

    Path file() {
        return file;
    }

    // frame != END: END is the sentinel object that ends the queue, compared by identity on purpose.
    @SuppressWarnings("ReferenceEquality")
    private void encode() {
        long frames = 0;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
                recorder.setFormat("mp4");
                recorder.setVideoCodecName("libopenh264");
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(fps);
                recorder.setVideoBitrate(4_000_000);
                recorder.start();
                long firstNanos = -1;
                for (Frame frame = queue.poll(1, TimeUnit.DAYS); frame != END; frame = queue.poll(1, TimeUnit.DAYS)) {
                    if (frame == null) {
                        continue;
                    }
                    firstNanos = firstNanos < 0 ? frame.releasedNanos() : firstNanos;
                    long slot = Math.round((frame.releasedNanos() - firstNanos) / 1e9 * fps);
                    if (slot > recorder.getFrameNumber()) {
                        recorder.setFrameNumber((int) slot);
                    }
                    recorder.recordImage(width, height, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3, width * 3,
                            avutil.AV_PIX_FMT_RGB24, ByteBuffer.wrap(frame.rgb()));
                    frames++;
                }
                recorder.stop();
            }
            LOG.info("Recorded {} frames to {} ({} dropped)", frames, file, dropped.sum());
            done.complete(new Result(file, frames, dropped.sum(), width, height));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        } catch (Exception | LinkageError e) {
            LOG.error("Recording to {} failed", file, e);
            done.completeExceptionally(e);
        }
    }
}
