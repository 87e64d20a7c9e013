"""python-noise: a seed-style Python model for Reactor. Drifting colored noise with a moving bar,
two commands and a progress message every second. No weights: run it with `reactor run`."""

import time
from typing import Literal

import numpy as np

from reactor_runtime import VideoModel, command, get_ctx

try:
    from pydantic import Field
except ImportError:  # the runtime's stand-in reads the same bounds
    from reactor_runtime import Field


class NoiseModel(VideoModel):
    def __init__(self, fps=30, size=(480, 640), **kwargs):
        # Heavy loading would go here; it runs once when the runtime starts.
        self.fps = fps
        self.height, self.width = size
        self.intensity = 1.0
        self.mode = "color"
        self.rng = np.random.default_rng()
        # Coarse noise cells that cross-fade over a second: per-pixel static every frame cannot be
        # compressed by any video encoder, and the stream would stutter in the browser.
        self.cell = 16
        self.cells = (max(1, self.height // self.cell + 1), max(1, self.width // self.cell + 1), 3)
        self.fade_frames = max(1, int(fps))
        self.previous = self.rng.random(self.cells, dtype=np.float32)
        self.next = self.rng.random(self.cells, dtype=np.float32)
        print(f"NoiseModel loaded: {self.width}x{self.height} at {fps} fps")

    def start_session(self):
        ctx = get_ctx()
        started = time.monotonic()
        last_progress = started
        frames = 0
        # Report the current values first: clients start their controls from a "state" message.
        ctx.send({"type": "state", "intensity": self.intensity, "mode": self.mode})
        try:
            while not ctx.should_stop():
                ctx.emit_block(self.render(frames))
                frames += 1
                now = time.monotonic()
                if now - last_progress >= 1.0:
                    ctx.send({"type": "progress", "frames": frames, "seconds": round(now - started, 1),
                              "mode": self.mode})
                    last_progress = now
        finally:
            # Per-session cleanup; the model itself stays loaded for the next user.
            ctx.send({"type": "stopped", "frames": frames})

    def render(self, index):
        """A float (H, W, 3) frame in 0..1, as a diffusion model's decoder would produce."""
        step = index % self.fade_frames
        if step == 0 and index > 0:
            self.previous, self.next = self.next, self.rng.random(self.cells, dtype=np.float32)
        t = step / self.fade_frames
        coarse = self.previous * (1.0 - t) + self.next * t
        if self.mode == "gray":
            coarse = np.repeat(coarse.mean(axis=2, keepdims=True), 3, axis=2)
        noise = coarse.repeat(self.cell, axis=0).repeat(self.cell, axis=1)[:self.height, :self.width]
        frame = noise * self.intensity
        if self.mode == "bars":
            x = (index * 8) % self.width
            frame[:, x:x + 16, :] = 1.0
        return frame

    @command("set_intensity", description="How bright the noise is")
    def set_intensity(self, intensity: float = Field(1.0, ge=0.0, le=1.0, description="0 = black, 1 = full")):
        self.intensity = intensity
        get_ctx().send({"type": "state", "intensity": intensity, "mode": self.mode})

    @command("set_mode", description="What the noise looks like")
    def set_mode(self, mode: Literal["color", "gray", "bars"]):
        self.mode = mode
        get_ctx().send({"type": "state", "intensity": self.intensity, "mode": mode})
