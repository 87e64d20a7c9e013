package dev.reactorstudio.runtime.djl;

import ai.djl.ndarray.types.DataType;

/**
 * How the values of an emitted tensor map to 0..255. Only uint8 and floating types have an
 * unambiguous meaning; an int32 tensor could hold 0..255 or 0..1, so we ask the author to say.
 */
enum FramePixels {
    /** uint8, copied as is. */
    BYTES,
    /** float16/bfloat16/float32/float64 in 0..1, scaled and rounded in native code. */
    UNIT_FLOATS;

    static FramePixels of(DataType type) {
        return switch (type) {
            case UINT8 -> BYTES;
            case FLOAT16, BFLOAT16, FLOAT32, FLOAT64 -> UNIT_FLOATS;
            case INT8, INT16, INT32, INT64, UINT16, UINT32, UINT64 -> throw new IllegalArgumentException(
                    "emitBlock: NDArray of " + type + " is ambiguous — pass uint8 0..255 "
                            + "(array.toType(DataType.UINT8, false)) or float32 0..1 (array.div(255f))");
            default -> throw new IllegalArgumentException("emitBlock: NDArray of " + type
                    + " cannot be a frame — pass uint8 0..255 or float32 0..1");
        };
    }
}
