package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.reactorstudio.runtime.frame.Frame;
import java.nio.ByteBuffer;

/**
 * Converts packed RGB frames to native I420 buffers with libyuv (webrtc-java's
 * {@link VideoBufferConverter}). libyuv's 24-bit input ({@link FourCC#BG24}, libyuv "RGB24") is
 * B,G,R in memory, and webrtc-java exposes no R,G,B ("RAW") variant, so the red and blue bytes
 * are swapped into a reused direct buffer first — measured cheaper than packing to 32-bit RGBA.
 *
 * <p>Not thread-safe: one instance per frame producer (one per session source).
 */
final class I420FrameConverter {
    private byte[] bgr = new byte[0];
    private ByteBuffer direct = ByteBuffer.allocateDirect(0);

    /** A new native buffer holding {@code frame}; the caller owns it and must release it. */
    NativeI420Buffer convert(Frame frame) {
        byte[] rgb = frame.rgb();
        if (bgr.length != rgb.length) {
            bgr = new byte[rgb.length];
            direct = ByteBuffer.allocateDirect(rgb.length);
        }
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        direct.clear();
        direct.put(bgr).flip();
        NativeI420Buffer buffer = NativeI420Buffer.allocate(frame.width(), frame.height());
        try {
            VideoBufferConverter.convertToI420(direct, buffer, FourCC.BG24);
        } catch (Exception e) {
            buffer.release();
            throw new IllegalStateException("libyuv could not convert a " + frame.width() + "x" + frame.height()
                    + " RGB frame to I420", e);
        }
        return buffer;
    }
}
