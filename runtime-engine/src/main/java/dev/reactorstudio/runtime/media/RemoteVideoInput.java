package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
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
 * I420 → packed RGB with libyuv (its 24-bit output is B,G,R in memory, so red and blue are
 * swapped in the same pass that makes the model's array), and offered to the session's input.
 * Runs on libwebrtc's decoder thread; the frame is released here, as libwebrtc expects of a sink.
 */
final class RemoteVideoInput extends RemoteInput implements VideoTrackSink {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteVideoInput.class);
    private final VideoTrack track;
    private byte[] bgr = new byte[0];

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
            int width = frame.buffer.getWidth();
            int height = frame.buffer.getHeight();
            int size = width * height * 3;
            if (bgr.length != size) {
                bgr = new byte[size];
            }
            VideoBufferConverter.convertFromI420(frame.buffer, bgr, FourCC.BG24);
            byte[] rgb = new byte[size];
            for (int i = 0; i < size; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
            inputs.offerVideo(name, publisher, rgb, width, height, frame.timestampNs);
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
