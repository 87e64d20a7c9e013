package dev.reactorstudio.runtime.djl;

import ai.djl.ndarray.types.Shape;
import dev.reactorstudio.runtime.frame.FrameShape;

/**
 * Checks a tensor's shape before any native work. The common mistakes of tensor code get a
 * message with the exact fix: channel-first layouts (PyTorch's own convention) and RGBA.
 */
final class NdArrayShapes {
    private NdArrayShapes() {}

    static FrameShape check(Shape shape) {
        long[] dims = shape.getShape();
        String got = shape.toString().replace(" ", "");
        if (dims.length != 3 && dims.length != 4) {
            throw new IllegalArgumentException("emitBlock: expected an NDArray of shape (H,W,3) or (N,H,W,3); got "
                    + got + (dims.length == 2 ? " — grey frames: stack them to 3 channels first" : ""));
        }
        boolean batch = dims.length == 4;
        long channelsLast = dims[dims.length - 1];
        long channelFirst = dims[dims.length - 3];
        String expected = batch ? "(N,H,W,3)" : "(H,W,3)";
        if (channelsLast != 3 && channelFirst == 3) {
            throw new IllegalArgumentException("emitBlock: expected " + expected + "; got " + got + " — "
                    + (batch ? "transpose(0,2,3,1)" : "transpose(1,2,0)") + " first");
        }
        if (channelsLast == 4) {
            throw new IllegalArgumentException("emitBlock: expected " + expected + "; got " + got
                    + " — RGBA: drop alpha first, e.g. array.get(\"" + (batch ? ":,:,:," : ":,:,") + ":3\")");
        }
        int[] ints = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("emitBlock: NDArray shape " + got + " is out of range");
            }
            ints[i] = (int) dims[i];
        }
        return FrameShape.of(ints);
    }
}
