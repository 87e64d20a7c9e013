package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.session.SessionInputs;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's video track feeding a declared video input: each decoded frame is converted once,
 * I420 → packed R,G,B by libyuv into the array the model gets ({@link I420FrameConverter}), and
 * offered to the session's input.
 * Runs on libwebrtc's decoder thread; the frame is released here, as libwebrtc expects of a sink.
 */
final class RemoteVideoInput extends RemoteInput implements VideoTrackSink {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteVideoInput.class);
    private final VideoTrack track;
    private final I420FrameConverter converter = new I420FrameConverter();

    RemoteVideoInput(String name, String publisher, SessionInputs inputs, VideoTrack track, Consumer<String> onRefused) {
        super(name, TrackKind.VIDEO, publisher, inputs, onRefused);
        this.track = track;
    }

    void attach() {
        track.addSink(this);
    }

    @Override
    public void onVideoFrame(VideoFrame frame) {
        try {
            if (!mediaArrived()) {
                return;
            }
            byte[] rgb = converter.toRgb(frame.buffer);
            inputs.offerVideo(name, publisher, rgb, frame.buffer.getWidth(), frame.buffer.getHeight(), frame.timestampNs);
        } catch (Exception e) {
            LOG.warn("Input {}: could not convert a frame", name, e);
        } finally {
            frame.release();
        }
    }

    @Override
    void detach() {
        track.removeSink(this);
    }
}
