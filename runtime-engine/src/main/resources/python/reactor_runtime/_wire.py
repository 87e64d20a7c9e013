"""The framed channel to the Java runtime: every message is a 4-byte big-endian length, then the body.

A body starts with one kind byte: ``J`` is a UTF-8 JSON object, ``F`` a block of frames (the
header ``>IIIq`` = count, height, width, emit time in ``time.monotonic_ns()``, then the raw
uint8 RGB bytes). Frames travel raw so a 480x640 frame costs one ``sendall`` and no encoding.
Writes are serialised by a lock: the session thread (frames, messages) and the command thread
(results) share the socket.
"""

import json
import struct
import threading

_LENGTH = struct.Struct(">I")
FRAME_HEADER = struct.Struct(">IIIq")
KIND_JSON = b"J"
KIND_FRAMES = b"F"
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

    def receive(self):
        """The next JSON message, or None once the Java side closed the channel."""
        head = self._reader.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            return None
        (length,) = _LENGTH.unpack(head)
        body = self._reader.read(length)
        if len(body) < length:
            return None
        if body[:1] != KIND_JSON:
            raise ProtocolError(f"unexpected message kind {body[:1]!r} from the runtime")
        return json.loads(body[1:].decode("utf-8"))
