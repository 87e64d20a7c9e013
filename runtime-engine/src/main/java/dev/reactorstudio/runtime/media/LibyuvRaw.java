package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.internal.NativeLoader;
import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libyuv's conversions between I420 and its "RAW" layout (24-bit R,G,B in memory: the runtime's
 * frame layout), through webrtc-java's own JNI entry points. webrtc-java's public {@link FourCC}
 * offers only libyuv "RGB24" ({@link FourCC#BG24}, B,G,R in memory), although its natives hand any
 * FourCC code straight to libyuv's {@code ConvertToI420}/{@code ConvertFromI420}; so the two
 * private natives behind {@link VideoBufferConverter}'s direct-buffer methods are looked up once
 * and called with libyuv's RAW code. That saves a Java red/blue swap per frame, which was most of
 * the conversion's cost.
 *
 * <p>If a webrtc-java version renames them (or the jar sits on the module path, closed to us),
 * {@link #available()} is false and callers fall back to {@link FourCC#BG24} plus a Java swap.
 * {@code I420FrameConverterTest} fails when the pinned version loses the native path.
 */
final class LibyuvRaw {
    private static final Logger LOG = LoggerFactory.getLogger(LibyuvRaw.class);
    /** libyuv's FOURCC_RAW, {@code FOURCC('r','a','w',' ')}. */
    static final int FOURCC_RAW = 'r' | 'a' << 8 | 'w' << 16 | ' ' << 24;
    private static final MethodHandle TO_I420;
    private static final MethodHandle FROM_I420;

    static {
        MethodHandle toI420 = null;
        MethodHandle fromI420 = null;
        try {
            // The converter's natives live in the library the peer-connection factory loads;
            // loading is idempotent and makes a converter usable before any factory exists.
            NativeLoader.loadLibrary("webrtc-java");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(VideoBufferConverter.class, MethodHandles.lookup());
            toI420 = lookup.findStatic(VideoBufferConverter.class, "directBufferToI420", MethodType.methodType(void.class,
                    ByteBuffer.class, int.class, int.class,
                    ByteBuffer.class, int.class, ByteBuffer.class, int.class, ByteBuffer.class, int.class, int.class));
            fromI420 = lookup.findStatic(VideoBufferConverter.class, "I420toDirectBuffer", MethodType.methodType(void.class,
                    ByteBuffer.class, int.class, ByteBuffer.class, int.class, ByteBuffer.class, int.class,
                    ByteBuffer.class, int.class, int.class, int.class));
        } catch (Exception | LinkageError e) {
            LOG.warn("webrtc-java's libyuv entry points are not reachable ({}); converting R,G,B frames with a Java"
                    + " red/blue swap instead, several times slower", e.toString());
            toI420 = null;
            fromI420 = null;
        }
        TO_I420 = toI420;
        FROM_I420 = fromI420;
    }

    /** Whether R,G,B frames convert natively (false: use {@link FourCC#BG24} and swap red and blue). */
    static boolean available() {
        return TO_I420 != null;
    }

    /** Packed R,G,B ({@code width*height*3} bytes from index 0 of a direct buffer) into {@code dst}. */
    static void toI420(ByteBuffer rgb, int width, int height, I420Buffer dst) throws Exception {
        // The native side checks sizes only for the FourCCs webrtc-java knows, so check here.
        requireDirect(rgb, width, height);
        if (dst.getWidth() != width || dst.getHeight() != height) {
            throw new IllegalArgumentException("I420 buffer is " + dst.getWidth() + "x" + dst.getHeight()
                    + ", frame is " + width + "x" + height);
        }
        try {
            TO_I420.invokeExact(rgb, width, height, dst.getDataY(), dst.getStrideY(), dst.getDataU(), dst.getStrideU(),
                    dst.getDataV(), dst.getStrideV(), FOURCC_RAW);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code src} as packed R,G,B into index 0 of a direct buffer of at least {@code width*height*3} bytes. */
    static void fromI420(I420Buffer src, ByteBuffer rgb) throws Exception {
        requireDirect(rgb, src.getWidth(), src.getHeight());
        try {
            FROM_I420.invokeExact(src.getDataY(), src.getStrideY(), src.getDataU(), src.getStrideU(),
                    src.getDataV(), src.getStrideV(), rgb, src.getWidth(), src.getHeight(), FOURCC_RAW);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireDirect(ByteBuffer rgb, int width, int height) {
        if (!available()) {
            throw new IllegalStateException("libyuv RAW conversion is not available; check available() first");
        }
        if (!rgb.isDirect() || rgb.capacity() < (long) width * height * 3) {
            throw new IllegalArgumentException("need a direct buffer of " + (long) width * height * 3
                    + " bytes for " + width + "x" + height + " R,G,B, got " + rgb);
        }
    }

    private LibyuvRaw() {
    }
}
