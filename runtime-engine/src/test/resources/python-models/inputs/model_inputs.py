# Reports what reaches it through the bridge's inputs, for PythonInputsTest: every webcam frame
# (its first pixel, mean, size, timestamps), liveness changes, microphone chunks; echoes the
# webcam frame as its output and plays a tone (int16 or float32, command "audio").
import time
from typing import Literal

import numpy as np
from reactor_runtime import VideoModel, command, get_ctx


class InputsProbe(VideoModel):
    def __init__(self, fps=30, size=(48, 64), **kwargs):
        self.height, self.width = size
        self.read = "next"
        self.audio = "int16"

    def start_session(self):
        ctx = get_ctx()
        try:
            ctx.video_input("screen")
        except ValueError as e:
            ctx.send({"type": "bad_name", "error": str(e)})
        errors = []
        for samples, rate, channels in ((np.zeros(10, np.int32), 48000, 1), (np.zeros(12, np.int16), 48000, 3),
                                        (np.zeros(10, np.int16), 4000, 1), (np.zeros((5, 2), np.float32), 48000, 1)):
            try:
                ctx.emit_audio(samples, rate, channels)
            except (TypeError, ValueError) as e:
                errors.append(str(e))
        ctx.send({"type": "bad_audio", "errors": errors})
        webcam = ctx.video_input("webcam")
        mic = ctx.audio_input("mic")
        ctx.send({"type": "ready", "same_object": webcam is ctx.video_input("webcam")})
        live = False
        black = np.zeros((self.height, self.width, 3), np.uint8)
        phase = 0.0
        last_audio = time.monotonic()
        last = None
        while not ctx.should_stop():
            if self.read == "wait":
                ctx.send({"type": "waiting"})
                frame = webcam.next(30)  # a stop or an unpublish must end this wait at once
                ctx.send({"type": "woke", "frame": frame is not None})
            else:
                frame = webcam.next(0.1) if self.read == "next" else webcam.latest()
            if self.read == "latest":
                time.sleep(0.25)  # a slow model: it must get the newest frame, not a backlog
            if frame is not None and frame is not last:
                last = frame
                ctx.send({"type": "frame", "sequence": frame.sequence, "width": frame.width, "height": frame.height,
                          "pixel": frame.rgb[0, 0].tolist(), "mean": frame.mean_rgb(),
                          "capture_ns": frame.capture_ns, "received_ns": frame.received_ns,
                          "seen_ns": time.monotonic_ns(), "shape": list(frame.rgb.shape),
                          "dtype": str(frame.rgb.dtype), "writable": bool(frame.rgb.flags.writeable),
                          "received": webcam.received()})
            now_live = webcam.is_live()
            if now_live != live:
                live = now_live
                ctx.send({"type": "live", "live": live, "next_after": frame is None})
            ctx.emit_block(frame.rgb if frame is not None else black)
            # A 440 Hz tone for the time since the last loop (at most 100 ms).
            now = time.monotonic()
            last_audio = max(last_audio, now - 0.1)
            count = int(min(0.1, now - last_audio) * 48000)
            last_audio += count / 48000.0
            t = (phase + np.arange(count)) / 48000.0
            phase += count
            tone = 0.5 * np.sin(2 * np.pi * 440 * t)
            try:
                if self.audio == "int16":
                    ctx.emit_audio((tone * 32767).astype(np.int16), 48000, 1)
                elif self.audio == "float32":
                    ctx.emit_audio(np.stack([tone, tone], axis=1).astype(np.float32), 48000, 2)
            except RuntimeError as e:
                ctx.send({"type": "audio_refused", "error": str(e)})
                self.audio = "off"
            while True:
                chunk = mic.next(0)
                if chunk is None:
                    break
                ctx.send({"type": "mic", "samples": chunk.frames, "channels": chunk.channels, "rms": chunk.rms(),
                          "first": int(chunk.pcm[0, 0]), "dtype": str(chunk.pcm.dtype), "capture_ns": chunk.capture_ns})

    @command("read", description="How the loop reads the webcam")
    def set_read(self, mode: Literal["next", "latest", "wait"]):
        self.read = mode

    @command("audio", description="What the loop emits as sound")
    def set_audio(self, kind: Literal["int16", "float32", "off"]):
        self.audio = kind
