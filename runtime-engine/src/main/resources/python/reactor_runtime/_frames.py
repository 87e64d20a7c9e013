"""Validation and conversion of what models pass to ``emit_block``: the checks happen here, in the
model's own process, so a wrong shape fails at the model's line with a message naming the shape."""

_SHAPES = "(H, W, 3) for one frame or (N, H, W, 3) for a block"
# The Java runtime's limits (FrameShape): checked here so the error points at the model's line.
_MAX_SIDE = 8192
_MAX_BLOCK = 1024


def to_block(frames):
    """A C-contiguous uint8 array of shape (N, H, W, 3) from an ndarray (or tensor / nested list)."""
    import numpy as np  # imported here so the package imports without numpy; the child checks it first

    array = _as_array(frames, np)
    if array.ndim == 3:
        array = array[np.newaxis]
    elif array.ndim != 4:
        raise ValueError(f"emit_block: expected shape {_SHAPES}, got {tuple(array.shape)}")
    if array.shape[-1] != 3:
        hint = " — channels-first data needs frame.transpose(1, 2, 0)" if array.shape[1] == 3 else ""
        raise ValueError(f"emit_block: the last dimension must be 3 (RGB); got shape {tuple(array.shape)}{hint}")
    count, height, width = array.shape[:3]
    if not (1 <= count <= _MAX_BLOCK and 1 <= height <= _MAX_SIDE and 1 <= width <= _MAX_SIDE):
        raise ValueError(f"emit_block: shape {tuple(array.shape)} is out of range — need 1 <= N <= {_MAX_BLOCK} "
                         f"and 1 <= H, W <= {_MAX_SIDE}")
    if array.dtype == np.uint8:
        return np.ascontiguousarray(array)
    if array.dtype.kind == "f":
        return _floats_to_uint8(array, np)
    raise TypeError(f"emit_block: frames must be np.uint8 (0..255) or float (0..1), got {array.dtype} — "
                    f"convert with frame.astype(np.uint8) or frame / 255.0")


def _as_array(frames, np):
    if isinstance(frames, np.ndarray):
        return frames
    # PyTorch tensors (and look-alikes) without importing torch: the seed's models emit them.
    if hasattr(frames, "detach") and hasattr(frames, "cpu") and hasattr(frames, "numpy"):
        return frames.detach().cpu().numpy()
    try:
        return np.asarray(frames)
    except Exception as e:  # a ragged list, an object numpy cannot read
        raise TypeError(f"emit_block: expected a numpy array of shape {_SHAPES}, got {type(frames).__name__}") from e


def _floats_to_uint8(array, np):
    low = array.min()
    high = array.max()
    # The negated test also catches NaN, which min/max propagate.
    if not (low >= 0 and high <= 1):
        raise ValueError(f"emit_block: float frames must be in 0..1, got values from {low} to {high} — "
                         f"divide 0..255 data by 255.0 or pass it as np.uint8")
    # float32 halves the memory traffic of float64 frames; rounding matches the Java runtime's.
    scaled = np.multiply(array, np.float32(255.0), dtype=np.float32)
    scaled += np.float32(0.5)
    return scaled.astype(np.uint8)
