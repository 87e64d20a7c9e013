package dev.reactorstudio.studio.preview.media;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Video through FFmpeg: a file, looped at its own frame rate (pictures placed at their timestamps),
 * or a V4L2 webcam ({@code video4linux2} on {@code /dev/videoN}), which delivers at its own rate.
 * Pictures arrive as RGB24 and are copied out at once (the grabber reuses its frame).
 */
final class GrabberVideoPump implements MediaPump {
    static final int WEBCAM_WIDTH = 640;
    static final int WEBCAM_HEIGHT = 480;
    static final int WEBCAM_FPS = 30;

    private final FFmpegFrameGrabber grabber;
    private final String name;
    /** Null for a webcam: it paces itself. */
    private final FeedTarget.Clock clock;
    private long loopStartNanos = -1;
    private long firstMicros = -1;
    private long lastDueNanos;

    private GrabberVideoPump(FFmpegFrameGrabber grabber, String name, FeedTarget.Clock clock) {
        this.grabber = grabber;
        this.name = name;
        this.clock = clock;
    }

    static GrabberVideoPump openFile(InputSource source, FeedTarget.Clock clock) throws SourceException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.location());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        start(grabber, () -> "Cannot play " + source.shortName());
        if (grabber.getImageWidth() <= 0) {
            Grabbers.release(grabber);
            throw new SourceException(source.shortName() + " has no video stream — choose a video file (MP4, WebM, MKV…)");
        }
        return new GrabberVideoPump(grabber, source.shortName(), clock);
    }

    static GrabberVideoPump openWebcam(InputSource source) throws SourceException {
        String device = source.location();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(device);
        grabber.setFormat("video4linux2");
        grabber.setImageWidth(WEBCAM_WIDTH);
        grabber.setImageHeight(WEBCAM_HEIGHT);
        grabber.setFrameRate(WEBCAM_FPS);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        start(grabber, () -> "Could not open webcam " + device);
        return new GrabberVideoPump(grabber, device, null);
    }

    private interface Message {
        String get();
    }

    private static void start(FFmpegFrameGrabber grabber, Message what) throws SourceException {
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException | LinkageError e) {
            Grabbers.release(grabber);
            throw new SourceException(what.get() + ": " + Grabbers.explain(e), e);
        }
    }

    @Override
    public void pump(FeedTarget target) throws Exception {
        Frame frame = grabber.grabImage();
        if (frame == null) {
            if (clock == null) {
                throw new SourceException("Webcam " + name + " stopped delivering pictures (unplugged?)");
            }
            Grabbers.rewind(grabber); // the end of the file: play it again
            loopStartNanos = lastDueNanos + (long) (1e9 / frameRate());
            firstMicros = -1;
            frame = grabber.grabImage();
            if (frame == null) {
                throw new SourceException(name + " holds no pictures");
            }
        }
        byte[] rgb = Rgb.of((ByteBuffer) frame.image[0], frame.imageWidth, frame.imageHeight, frame.imageStride);
        if (clock != null) {
            if (loopStartNanos < 0) {
                loopStartNanos = System.nanoTime();
            }
            if (firstMicros < 0) {
                firstMicros = frame.timestamp;
            }
            lastDueNanos = loopStartNanos + (frame.timestamp - firstMicros) * 1000;
            if (System.nanoTime() - lastDueNanos > 1_000_000_000L) {
                loopStartNanos = System.nanoTime() - (frame.timestamp - firstMicros) * 1000; // fell far behind: no burst
                lastDueNanos = System.nanoTime();
            }
            if (!clock.waitUntil(lastDueNanos)) {
                return;
            }
        }
        target.video(rgb, frame.imageWidth, frame.imageHeight);
    }

    private double frameRate() {
        double rate = grabber.getFrameRate();
        return rate > 0 && rate < 1000 ? rate : 30;
    }

    @Override
    public String describe() {
        return name + " · " + grabber.getImageWidth() + "×" + grabber.getImageHeight() + " · "
                + String.format("%.0f fps", frameRate()) + (clock == null ? "" : " · looped");
    }

    @Override
    public void close() {
        Grabbers.release(grabber);
    }
}
