"""Validation and conversion of what models pass to ``emit_audio``, in the model's process so a wrong
argument fails at the model's line (the same limits the Java runtime applies)."""

_MIN_RATE = 8000
_MAX_RATE = 192000


def to_pcm(samples, sample_rate, channels):
    """A C-contiguous little-endian int16 array of interleaved samples."""
    import numpy as np  # the child checked numpy before loading the model

    if isinstance(channels, bool) or not isinstance(channels, (int, np.integer)) or channels not in (1, 2):
        raise ValueError(f"emit_audio: channels must be 1 or 2, got {channels!r}")
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, (int, np.integer)) \
            or not _MIN_RATE <= sample_rate <= _MAX_RATE:
        raise ValueError(f"emit_audio: sample_rate must be an int from {_MIN_RATE} to {_MAX_RATE} Hz, got {sample_rate!r}")
    if hasattr(samples, "detach") and hasattr(samples, "cpu") and hasattr(samples, "numpy"):
        samples = samples.detach().cpu().numpy()
    array = np.asarray(samples)
    if array.ndim == 2:
        if array.shape[1] != channels:
            raise ValueError(f"emit_audio: samples of shape {array.shape} have {array.shape[1]} channels, "
                             f"but channels={channels}")
    elif array.ndim != 1:
        raise ValueError(f"emit_audio: expected a 1-D interleaved array or shape (samples, channels), "
                         f"got shape {array.shape}")
    if array.size % channels:
        raise ValueError(f"emit_audio: {array.size} samples are not whole frames of {channels} channels")
    if array.dtype == np.int16:
        pcm = array
    elif array.dtype.kind == "f":
        # As the Java runtime's float path: clipped to -1..1, scaled by 32767, rounded; NaN is silence.
        scaled = np.nan_to_num(array.astype(np.float32, copy=False), nan=0.0)
        pcm = np.rint(np.clip(scaled, -1.0, 1.0) * np.float32(32767.0)).astype(np.int16)
    else:
        raise TypeError(f"emit_audio: samples must be np.int16 or float (-1..1), got {array.dtype} — "
                        f"convert with samples.astype(np.int16) or samples / 32768.0")
    return np.ascontiguousarray(pcm, dtype="<i2")
