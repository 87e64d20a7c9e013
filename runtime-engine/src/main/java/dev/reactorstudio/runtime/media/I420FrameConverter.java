package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import dev.reactorstudio.runtime.frame.Frame;
import java.nio.ByteBuffer;

/**
 * Converts between the runtime's packed R,G,B frames and I420 with libyuv: model frames to native
 * I420 buffers for the encoders, decoded client frames back to R,G,B for a model's input. The
 * R,G,B bytes pass through one direct buffer reused across frames; libyuv reads and writes R,G,B
 * order itself ({@link LibyuvRaw}), so no Java pass touches the pixels. Only if that path is
 * unavailable are red and blue swapped in Java around libyuv's B,G,R format ({@link FourCC#BG24}).
 *
 * <p>Not thread-safe: one instance per frame producer (a session source, a remote input).
 */
final class I420FrameConverter {
    private final boolean nativeRaw;
    private ByteBuffer direct = ByteBuffer.allocateDirect(0);
    private byte[] swapped = new byte[0];

    I420FrameConverter() {
        this(LibyuvRaw.available());
    }

    /** {@code nativeRaw} false forces the Java swap (tests compare both paths). */
    I420FrameConverter(boolean nativeRaw) {
        if (nativeRaw && !LibyuvRaw.available()) {
            throw new IllegalStateException("libyuv RAW conversion is not available");
        }
        this.nativeRaw = nativeRaw;
    }

    /** Whether this converter leaves the pixels to libyuv alone. */
    boolean nativeRaw() {
        return nativeRaw;
    }

    /** A new native buffer holding {@code frame}; the caller owns it and must release it. */
    NativeI420Buffer convert(Frame frame) {
        byte[] rgb = frame.rgb();
        ByteBuffer src = direct(rgb.length);
        if (nativeRaw) {
            src.put(0, rgb);
        } else {
            src.put(0, swapRedBlue(rgb, scratch(rgb.length)));
        }
        NativeI420Buffer buffer = NativeI420Buffer.allocate(frame.width(), frame.height());
        try {
            if (nativeRaw) {
                LibyuvRaw.toI420(src, frame.width(), frame.height(), buffer);
            } else {
                VideoBufferConverter.convertToI420(src, buffer, FourCC.BG24);
            }
        } catch (Exception e) {
            buffer.release();
            throw new IllegalStateException("libyuv could not convert a " + frame.width() + "x" + frame.height()
                    + " RGB frame to I420", e);
        }
        return buffer;
    }

    /**
     * {@code frame} as a new packed R,G,B array (the caller's to keep). The buffer stays the
     * caller's: it is neither retained nor released here.
     */
    byte[] toRgb(VideoFrameBuffer frame) throws Exception {
        I420Buffer i420 = frame.toI420();
        int size = i420.getWidth() * i420.getHeight() * 3;
        ByteBuffer dst = direct(size);
        byte[] rgb = new byte[size];
        if (nativeRaw) {
            LibyuvRaw.fromI420(i420, dst);
            dst.get(0, rgb);
        } else {
            VideoBufferConverter.convertFromI420(i420, dst, FourCC.BG24);
            dst.get(0, rgb);
            swapRedBlue(rgb, rgb);
        }
        return rgb;
    }

    private ByteBuffer direct(int size) {
        if (direct.capacity() != size) {
            direct = ByteBuffer.allocateDirect(size);
        }
        return direct;
    }

    private byte[] scratch(int size) {
        if (swapped.length != size) {
            swapped = new byte[size];
        }
        return swapped;
    }

    /** Reverses each 3-byte pixel of {@code from} into {@code to} (which may be {@code from}). */
    private static byte[] swapRedBlue(byte[] from, byte[] to) {
        for (int i = 0; i < from.length; i += 3) {
            byte first = from[i];
            to[i] = from[i + 2];
            to[i + 1] = from[i + 1];
            to[i + 2] = first;
        }
        return to;
    }
}
