"""The framed channel to the Java runtime: every message is a 4-byte big-endian length, then the body.

A body starts with one kind byte: ``J`` is a UTF-8 JSON object (both ways). To the runtime:
``F`` a block of frames (the header ``>IIIq`` = count, height, width, emit time in
``time.monotonic_ns()``, then the raw uint8 RGB bytes) and ``P`` audio to play (``>QII`` =
request id or 0, sample rate, channels, then little-endian int16 samples). From the runtime, the
input frames this process asked for: ``V`` video (``>QqIIqq`` = request id, sequence, width,
height, capture and receive time in ``time.monotonic_ns()``, then RGB) and ``A`` audio (``>QqIq``
= request id, sequence, channels, capture time, then little-endian int16 at 48 kHz).

Frames travel raw so a 480x640 frame costs one ``sendall`` and no encoding, and an input frame
is read straight from the socket into the bytearray the model's array is a view of (one copy, by
the kernel). Writes are serialised by a lock: the session thread (frames, messages), the command
thread (results) and model threads (input requests) share the socket.
"""

import json
import struct
import threading

_LENGTH = struct.Struct(">I")
FRAME_HEADER = struct.Struct(">IIIq")
KIND_JSON = b"J"
KIND_FRAMES = b"F"
KIND_PCM = b"P"
KIND_VIDEO_INPUT = b"V"
KIND_AUDIO_INPUT = b"A"
PCM_HEADER = struct.Struct(">QII")
VIDEO_INPUT_HEADER = struct.Struct(">QqIIqq")
AUDIO_INPUT_HEADER = struct.Struct(">QqIq")
MAX_BODY = (1 << 31) - 1


class ProtocolError(Exception):
    """The Java side sent something this version does not understand."""


def _json_default(value):
    # numpy scalars and arrays are what models naturally put in messages and command results.
    item = getattr(value, "item", None)
    if callable(item) and getattr(value, "shape", None) == ():
        return item()
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"), default=_json_default, allow_nan=False)


class Channel:
    def __init__(self, sock):
        self._sock = sock
        self._reader = sock.makefile("rb", buffering=1 << 16)
        self._write_lock = threading.Lock()

    def send_json(self, message):
        body = dumps(message).encode("utf-8")
        with self._write_lock:
            self._sock.sendall(_LENGTH.pack(len(body) + 1) + KIND_JSON + body)

    def send_frames(self, block, emit_ns):
        """Sends a C-contiguous uint8 array of shape (N, H, W, 3)."""
        count, height, width, _ = block.shape
        size = 1 + FRAME_HEADER.size + block.nbytes
        if size > MAX_BODY:
            raise ValueError(f"emit_block: a block of {count} frames of {height}x{width} is {block.nbytes} bytes; "
                             f"emit at most {MAX_BODY // max(1, block.nbytes // count)} frames at a time")
        header = _LENGTH.pack(size) + KIND_FRAMES + FRAME_HEADER.pack(count, height, width, emit_ns)
        with self._write_lock:
            self._sock.sendall(header)
            self._sock.sendall(memoryview(block.reshape(-1)))

    def send_pcm(self, samples, sample_rate, channels, request_id=0):
        """Sends a C-contiguous little-endian int16 array of interleaved samples."""
        size = 1 + PCM_HEADER.size + samples.nbytes
        if size > MAX_BODY:
            raise ValueError(f"emit_audio: {samples.size} samples are too many for one call; emit less at a time")
        header = _LENGTH.pack(size) + KIND_PCM + PCM_HEADER.pack(request_id, sample_rate, channels)
        with self._write_lock:
            self._sock.sendall(header)
            self._sock.sendall(memoryview(samples.reshape(-1)).cast("B"))

    def receive(self):
        """The next message as a dict, or None once the Java side closed the channel.

        JSON arrives as it was sent; an input frame as ``{"op": "input_frame", "id", "kind",
        ..., "data": bytearray}`` whose bytearray nobody else holds (the model's array views it)."""
        head = self._reader.read(_LENGTH.size + 1)
        if len(head) < _LENGTH.size + 1:
            return None
        (length,) = _LENGTH.unpack(head[:_LENGTH.size])
        kind = head[_LENGTH.size:]
        if kind == KIND_VIDEO_INPUT:
            fields = self._read_header(VIDEO_INPUT_HEADER)
            if fields is None:
                return None
            request_id, sequence, width, height, capture_ns, received_ns = fields
            data = self._read_bytes(length - 1 - VIDEO_INPUT_HEADER.size)
            return None if data is None else {"op": "input_frame", "kind": "video", "id": request_id,
                                              "sequence": sequence, "width": width, "height": height,
                                              "capture_ns": capture_ns, "received_ns": received_ns, "data": data}
        if kind == KIND_AUDIO_INPUT:
            fields = self._read_header(AUDIO_INPUT_HEADER)
            if fields is None:
                return None
            request_id, sequence, channels, capture_ns = fields
            data = self._read_bytes(length - 1 - AUDIO_INPUT_HEADER.size)
            return None if data is None else {"op": "input_frame", "kind": "audio", "id": request_id,
                                              "sequence": sequence, "channels": channels,
                                              "capture_ns": capture_ns, "data": data}
        if kind != KIND_JSON:
            raise ProtocolError(f"unexpected message kind {kind!r} from the runtime")
        body = self._read_bytes(length - 1)
        if body is None:
            return None
        return json.loads(body.decode("utf-8"))

    def _read_header(self, layout):
        raw = self._reader.read(layout.size)
        return layout.unpack(raw) if len(raw) == layout.size else None

    def _read_bytes(self, size):
        """Exactly ``size`` bytes into a fresh bytearray (large reads go from the socket straight
        into it, past the reader's buffer), or None at the end of the stream."""
        data = bytearray(size)
        view = memoryview(data)
        got = 0
        while got < size:
            n = self._reader.readinto(view[got:])
            if not n:
                return None
            got += n
        return data
