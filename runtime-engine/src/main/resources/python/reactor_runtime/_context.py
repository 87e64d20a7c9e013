import threading
import time

from . import _audio, _frames, _inputs, _runtime


def get_ctx():
    """The context of the active session.

    Works in ``start_session()``, in ``@command`` methods and in code they run (threads too).
    Raises RuntimeError outside a session.
    """
    context = _runtime.current_context()
    if context is None:
        raise RuntimeError("get_ctx() called outside a session: call it from start_session(), "
                           "a @command method, or code they run")
    return context


class SessionContext:
    """What a model can do during a session: emit frames and sound, read the client's inputs, send
    messages, notice a stop."""

    def __init__(self, session_id, channel, requests=None):
        self.session_id = session_id
        self._channel = channel
        self._requests = requests if requests is not None else _inputs.Requests(channel)
        # The seed's template peeks at this event directly; keep the name.
        self._stop_evt = threading.Event()
        self._ended = False
        self._turn = threading.Event()
        self._tracks = {}
        self._tracks_lock = threading.Lock()
        # None until the first emit_audio asked the runtime; then True, or the runtime's refusal.
        self._audio_verdict = None

    def video_input(self, name):
        """The video input declared as ``name`` in the manifest's ``tracks.inputs``: an
        ``InputTrack`` whose ``latest()`` / ``next(timeout)`` give ``InputFrame`` objects (``.rgb``
        is a ``(H, W, 3)`` ``uint8`` array). The same object for the whole session; empty until a
        client publishes. Raises ValueError when no video input has that name."""
        return self._track(name, "video")

    def audio_input(self, name):
        """The audio input declared as ``name``: ``AudioFrame`` chunks, ``.pcm`` ``int16`` of shape
        ``(samples, channels)`` at 48 kHz (``.as_float()`` for float32). Raises ValueError when no
        audio input has that name."""
        return self._track(name, "audio")

    def _track(self, name, kind):
        with self._tracks_lock:
            track = self._tracks.get((name, kind))
        if track is None:
            track = _inputs.InputTrack(self, self._requests, name, kind)
            track._open()
            with self._tracks_lock:
                track = self._tracks.setdefault((name, kind), track)
        return track

    def emit_audio(self, samples, sample_rate, channels=1):
        """Plays sound on the declared audio output: ``samples`` is ``numpy.int16`` or a float array
        in -1..1 (clipped), interleaved 1-D or shaped ``(samples, channels)``; any ``sample_rate``
        from 8000 to 192000 (resampled to 48 kHz); 1 or 2 ``channels``. Emit each frame's sound right
        after its ``emit_block``: it plays when that frame is shown. Returns at once. Raises
        RuntimeError when the manifest declares no audio output."""
        pcm = _audio.to_pcm(samples, sample_rate, channels)
        if self._ended or self._stop_evt.is_set():
            return
        verdict = self._audio_verdict
        if verdict is True:
            self._channel.send_pcm(pcm, sample_rate, channels)
            return
        if verdict is None:
            # The first emission of a session waits for the runtime's verdict, so a missing audio
            # output fails here, at the model's line; later ones are sent without waiting.
            request_id = self._requests.new_id()
            try:
                self._channel.send_pcm(pcm, sample_rate, channels, request_id)
                reply = self._requests.await_answer(self, request_id, 0)
            finally:
                self._requests.forget(request_id)
            if reply is None:
                return
            verdict = self._audio_verdict = reply.get("error") or True
        if verdict is not True:
            raise RuntimeError(verdict)

    def emit_block(self, frames):
        """Emits frames: an ndarray of shape (H, W, 3) or (N, H, W, 3), RGB, np.uint8 (0..255) or
        float (0..1); ``None`` emits one black frame. Emit as fast as you generate: the runtime
        paces playback, and this call returns when it is time to generate the next block."""
        emit_ns = time.monotonic_ns()
        if frames is None:
            block = None
        else:
            block = _frames.to_block(frames)
        # A stopping session drops frames anyway; not sending them lets the model wind down at once.
        if self._ended or self._stop_evt.is_set():
            return
        # Cleared before sending: the runtime's "emitted" for this block may arrive at once.
        self._turn.clear()
        if block is None:
            self._channel.send_json({"op": "black"})
        else:
            self._channel.send_frames(block, emit_ns)
        # Like Java's emitBlock, return only when the runtime wants the next block: the model then
        # generates it with the newest commands applied instead of running ahead with stale frames.
        while not self._turn.wait(0.05):
            if self._stop_evt.is_set() or self._ended:
                return

    def _emitted(self):
        """The runtime took the last block and it is time to generate the next (reader thread)."""
        self._turn.set()

    def emit_frame(self, frame):
        """Alias of :meth:`emit_block` (the seed's lifecycle snippet calls it)."""
        self.emit_block(frame)

    def flush(self):
        """Drops the frames emitted so far that have not been shown yet. Call it from a @command
        that changes what the model shows, so the change appears in the next frame you emit
        instead of after the frames already queued; frames emitted after the call are kept."""
        if not self._ended:
            self._channel.send_json({"op": "flush"})

    def send(self, message):
        """Sends a dict to every client of the session as a JSON message."""
        if not isinstance(message, dict):
            raise TypeError(f"send() takes a dict, got {type(message).__name__}")
        if self._ended:
            return
        try:
            self._channel.send_json({"op": "send", "message": message})
        except (TypeError, ValueError) as e:
            raise TypeError(f"send(): the message is not JSON-serialisable: {e}") from e

    def should_stop(self):
        """True once the session should end: the user left, a stop was requested or the runtime is shutting down."""
        return self._stop_evt.is_set()

    def disable_monitoring(self):
        """Tells the runtime a pause in emission is deliberate, so it does not lower the frame rate."""
        self._monitoring(False)

    def enable_monitoring(self):
        """Resumes measuring the generation rate after :meth:`disable_monitoring`."""
        self._monitoring(True)

    def _monitoring(self, enabled):
        if not self._ended:
            self._channel.send_json({"op": "monitoring", "enabled": enabled})
