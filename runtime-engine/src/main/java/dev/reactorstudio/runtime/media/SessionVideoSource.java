package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.reactorstudio.runtime.frame.Frame;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The video of one session: one {@link CustomVideoSource} and the one {@link VideoTrack} that
 * every viewer peer of the session sends. Frames are converted once here, so N viewers cost N
 * encoders but a single RGB→I420 conversion. Created, fed and disposed only on the engine's
 * video thread, so pushing and disposing never race; disposed after the session ended and its
 * peers were closed (a track still attached to a sender cannot be deleted).
 */
public final class SessionVideoSource {
    private final String sessionId;
    private final CustomVideoSource source;
    private final VideoTrack track;
    private final I420FrameConverter converter = new I420FrameConverter();
    private final AtomicLong framesPushed = new AtomicLong();
    private boolean disposed;
    private volatile int width;
    private volatile int height;

    private SessionVideoSource(String sessionId, CustomVideoSource source, VideoTrack track) {
        this.sessionId = sessionId;
        this.source = source;
        this.track = track;
    }

    static SessionVideoSource create(PeerConnectionFactory factory, String sessionId) {
        CustomVideoSource source = new CustomVideoSource();
        VideoTrack track = factory.createVideoTrack("main_video", source);
        return new SessionVideoSource(sessionId, source, track);
    }

    /** Converts and pushes one frame (on the engine's video thread). */
    void push(Frame frame) {
        if (disposed) {
            return;
        }
        NativeI420Buffer buffer = converter.convert(frame);
        // The frame holds the only reference to the buffer: releasing it frees the buffer once
        // every encoder is done with it (forgetting this leaks ~13 MB/s at VGA 30 fps).
        VideoFrame videoFrame = new VideoFrame(buffer, System.nanoTime());
        try {
            source.pushFrame(videoFrame);
        } finally {
            videoFrame.release();
        }
        width = frame.width();
        height = frame.height();
        framesPushed.incrementAndGet();
    }

    public String sessionId() {
        return sessionId;
    }

    /** The shared track; add it to a peer with {@link ViewerPeer#sendVideo}. */
    public VideoTrack track() {
        return track;
    }

    public long framesPushed() {
        return framesPushed.get();
    }

    /** Size of the last frame pushed, {@code 0x0} before the first. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        track.dispose();
        source.dispose();
    }
}
