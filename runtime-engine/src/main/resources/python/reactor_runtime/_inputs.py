"""What clients publish to the model (a webcam, a microphone), as ``get_ctx().video_input(name)`` and
``get_ctx().audio_input(name)`` give it.

The frames stay in the Java runtime until the model asks: ``latest()`` and ``next(timeout)`` each
send one request and receive one frame, so a model slower than the camera never builds a backlog
in the socket, and a ``latest()`` that would return the frame the model already holds crosses as
a short "same" answer, not as pixels. The semantics are those of the Java ``InputTrack``.
"""

import itertools
import threading
import time

SAMPLE_RATE = 48000
# How long a request may outlive a stop: the runtime answers at once when a session stops, so this
# only matters if it is gone.
_STOP_GRACE_S = 1.0
_NEXT_SLACK_S = 5.0


class InputFrame:
    """One video frame from a client.

    ``rgb`` is a ``numpy.ndarray`` of shape ``(height, width, 3)``, ``uint8`` RGB — the layout
    ``emit_block`` takes, so it can be emitted as it is. It is the model's own (writable; nobody
    else holds it). ``capture_ns`` is when the client captured it and ``received_ns`` when the
    runtime received it, both on the ``time.monotonic_ns()`` clock, so ``time.monotonic_ns() -
    frame.capture_ns`` is the frame's age. ``sequence`` counts the track's frames this session.
    """

    __slots__ = ("rgb", "width", "height", "sequence", "capture_ns", "received_ns")

    def __init__(self, rgb, width, height, sequence, capture_ns, received_ns):
        self.rgb = rgb
        self.width = width
        self.height = height
        self.sequence = sequence
        self.capture_ns = capture_ns
        self.received_ns = received_ns

    def mean_rgb(self):
        """The mean of each channel over the frame, 0..255: ``[r, g, b]`` as floats."""
        return [float(v) for v in self.rgb.reshape(-1, 3).mean(axis=0)]

    def __repr__(self):
        return f"InputFrame({self.width}x{self.height}, sequence={self.sequence})"


class AudioFrame:
    """A chunk of a client's audio: ``pcm`` is ``numpy.int16`` of shape ``(samples, channels)`` at
    48 kHz (usually 10 ms: 480 samples). ``capture_ns`` is on the ``time.monotonic_ns()`` clock."""

    __slots__ = ("pcm", "channels", "sequence", "capture_ns")
    sample_rate = SAMPLE_RATE

    def __init__(self, pcm, channels, sequence, capture_ns):
        self.pcm = pcm
        self.channels = channels
        self.sequence = sequence
        self.capture_ns = capture_ns

    @property
    def frames(self):
        """Samples per channel."""
        return self.pcm.shape[0]

    def as_float(self):
        """The samples as ``float32`` in -1..1, same shape."""
        import numpy as np

        return self.pcm.astype(np.float32) / np.float32(32768.0)

    def rms(self):
        """Root mean square of all samples, 0..1 (a full-scale square wave is 1)."""
        import numpy as np

        if self.pcm.size == 0:
            return 0.0
        return float(np.sqrt(np.mean(np.square(self.pcm.astype(np.float64) / 32768.0))))

    def __repr__(self):
        return f"AudioFrame({self.frames} samples x {self.channels}, sequence={self.sequence})"


class Requests:
    """Requests this process makes to the runtime and their answers, matched by id. The reader
    thread delivers answers; any thread may ask. Process-wide, so an answer that arrives after its
    session ended finds nobody and is dropped."""

    def __init__(self, channel):
        self._channel = channel
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._waiting = {}

    def new_id(self):
        with self._lock:
            request_id = next(self._ids)
            self._waiting[request_id] = [threading.Event()]
            return request_id

    def ask(self, context, message, wait_s):
        """Sends ``message`` (its ``id`` set) and returns the answer, or None when the session
        stopped and no answer came within a grace period."""
        request_id = self.new_id()
        message["id"] = request_id
        try:
            self._channel.send_json(message)
            return self.await_answer(context, request_id, wait_s)
        finally:
            self.forget(request_id)

    def await_answer(self, context, request_id, wait_s):
        with self._lock:
            slot = self._waiting.get(request_id)
        deadline = time.monotonic() + wait_s + _NEXT_SLACK_S
        stopped_at = None
        while not slot[0].wait(0.05):
            now = time.monotonic()
            if context._ended:
                return None
            if context._stop_evt.is_set():
                stopped_at = stopped_at or now
                if now - stopped_at > _STOP_GRACE_S:
                    return None
            if now > deadline:
                raise RuntimeError("the runtime did not answer an input request in time")
        return slot[1]

    def forget(self, request_id):
        with self._lock:
            self._waiting.pop(request_id, None)

    def answer(self, message):
        """Reader thread: the answer to request ``message["id"]``."""
        with self._lock:
            slot = self._waiting.get(message.get("id"))
            if slot is None or len(slot) > 1:
                return
            slot.append(message)
        slot[0].set()


class InputTrack:
    """A declared input (``tracks.inputs`` in the manifest) of the current session.

    ``latest()`` never waits for a frame: it returns the newest one (older unread frames are
    dropped), or None before the first. After the client stopped publishing it keeps returning
    the last frame: check ``is_live()``. ``next(timeout)`` returns the next unread frame in order,
    waiting up to ``timeout`` seconds; None when none came in time, when the client unpublished or
    when the session is stopping — it never hangs past either. The runtime keeps 4 unread video
    frames and 1 s of audio; a slower reader loses the oldest. Safe from any thread.
    """

    def __init__(self, context, requests, name, kind):
        self.name = name
        self.kind = kind
        self._context = context
        self._requests = requests
        self._lock = threading.Lock()
        self._last = None
        self._live = False
        self._received = 0

    def _open(self):
        reply = self._ask("open", 0)
        if reply is not None and reply.get("error"):
            raise ValueError(reply["error"])

    def latest(self):
        """The newest frame (``InputFrame`` / ``AudioFrame``), without waiting; None before the first."""
        with self._lock:
            have = -1 if self._last is None else self._last.sequence
        reply = self._ask("latest", 0, have=have)
        if reply is None:
            return self._last
        if reply.get("op") == "input_frame":
            return self._keep(reply)
        if reply.get("same"):
            return self._last
        return None

    def next(self, timeout):
        """The next unread frame, waiting up to ``timeout`` seconds (float); None on timeout,
        unpublish or stop."""
        wait_s = max(0.0, float(timeout))
        reply = self._ask("next", wait_s)
        if reply is not None and reply.get("op") == "input_frame":
            return self._keep(reply)
        return None

    def is_live(self):
        """True while a client publishes this track."""
        self._ask("status", 0)
        return self._live

    def received(self):
        """Frames received this session (audio: 10 ms chunks), including ones dropped unread."""
        self._ask("status", 0)
        return self._received

    def _ask(self, mode, wait_s, have=-1):
        context = self._context
        if context._ended:
            return None
        reply = self._requests.ask(context, {"op": "input", "session": context.session_id, "track": self.name,
                                             "kind": self.kind, "mode": mode, "timeout_ms": int(wait_s * 1000),
                                             "have": have}, wait_s)
        if reply is not None and reply.get("op") == "input_result":
            if reply.get("error") and mode != "open":
                raise RuntimeError(reply["error"])
            with self._lock:
                self._live = bool(reply.get("live", self._live))
                self._received = int(reply.get("received", self._received))
        return reply

    def _keep(self, reply):
        import numpy as np

        if reply["kind"] == "video":
            height, width = reply["height"], reply["width"]
            rgb = np.frombuffer(reply["data"], dtype=np.uint8).reshape(height, width, 3)
            frame = InputFrame(rgb, width, height, reply["sequence"], reply["capture_ns"], reply["received_ns"])
        else:
            channels = max(1, reply["channels"])
            pcm = np.frombuffer(reply["data"], dtype="<i2").reshape(-1, channels)
            frame = AudioFrame(pcm, channels, reply["sequence"], reply["capture_ns"])
        with self._lock:
            self._received = max(self._received, frame.sequence + 1)
            if self._last is None or frame.sequence >= self._last.sequence:
                self._last = frame
        return frame

    def __repr__(self):
        return f"InputTrack({self.name!r}, {self.kind})"
