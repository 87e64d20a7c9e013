"""python-echo: two-way media from a seed-style Python model. It shows the user's webcam back to
them (mirrored, unchanged or posterized: command set_effect), reports what it sees and hears once a
second (input_stats, audio_stats), and plays a tone on main_audio whose pitch follows the picture's
brightness. While no webcam is published it shows a "waiting for webcam" card. Needs only numpy."""

import time
from typing import Literal

import numpy as np

from reactor_runtime import VideoModel, command, get_ctx

RATE = 48000

# A 5x7 pixel font for the card's caption (no font library needed).
_GLYPHS = {
    "w": ".....|.....|#...#|#...#|#.#.#|#.#.#|.#.#.", "a": ".....|.....|.###.|....#|.####|#...#|.####",
    "i": "..#..|.....|.##..|..#..|..#..|..#..|.###.", "t": ".#...|.#...|###..|.#...|.#...|.#..#|..##.",
    "n": ".....|.....|#.##.|##..#|#...#|#...#|#...#", "g": ".....|.####|#...#|#...#|.####|....#|.###.",
    "f": "..##.|.#..#|.#...|###..|.#...|.#...|.#...", "o": ".....|.....|.###.|#...#|#...#|#...#|.###.",
    "r": ".....|.....|#.##.|##..#|#....|#....|#....", "e": ".....|.....|.###.|#...#|#####|#....|.###.",
    "b": "#....|#....|#.##.|##..#|#...#|#...#|####.", "c": ".....|.....|.###.|#....|#....|#...#|.###.",
    "m": ".....|.....|##.#.|#.#.#|#.#.#|#...#|#...#", " ": ".....|.....|.....|.....|.....|.....|.....",
}


class EchoModel(VideoModel):
    def __init__(self, fps=30, size=(480, 640), **kwargs):
        self.fps = float(fps) if fps else 30.0
        self.height, self.width = size
        self.effect = "mirror"
        self.card = self._waiting_card()

    def start_session(self):
        ctx = get_ctx()
        webcam = ctx.video_input("webcam")
        mic = ctx.audio_input("mic")
        ctx.send({"type": "state", "effect": self.effect})
        frame_time = 1.0 / self.fps
        last = None
        phase = 0.0
        last_audio = last_report = time.monotonic()
        mic_samples, mic_squares, mic_count = 0, 0.0, 0
        while not ctx.should_stop():
            # Wait for the next webcam frame (at most two frame times): output follows input at once.
            frame = webcam.next(2 * frame_time)
            if frame is not None:
                last = frame
            live = frame is not None or webcam.is_live()
            if last is not None and live:
                ctx.emit_block(self._apply(last.rgb))
                brightness = float(np.mean(last.mean_rgb()))
            else:
                ctx.emit_block(self.card)
                brightness = 0.0
            # The sound of the time since the last emission: 220..880 Hz by brightness, right after
            # its frame so both play together.
            now = time.monotonic()
            last_audio = max(last_audio, now - 0.1)
            count = int((now - last_audio) * RATE)
            last_audio += count / RATE
            hz = 220.0 + 660.0 * brightness / 255.0
            tone = np.sin(phase + 2 * np.pi * hz * np.arange(count) / RATE) * 0.2
            phase = (phase + 2 * np.pi * hz * count / RATE) % (2 * np.pi)
            ctx.emit_audio(tone.astype(np.float32), RATE, 1)
            # Everything the microphone sent since the last loop (48 kHz int16).
            while (chunk := mic.next(0)) is not None:
                samples = chunk.as_float()
                mic_samples += chunk.frames
                mic_squares += float(np.sum(samples * samples))
                mic_count += samples.size
            if now - last_report >= 1.0:
                last_report = now
                mean = last.mean_rgb() if last is not None else [0.0, 0.0, 0.0]
                # live before frames: once the webcam is not live no frame is counted, so that report has the final count.
                webcam_live = webcam.is_live()
                ctx.send({"type": "input_stats", "live": webcam_live, "frames": webcam.received(),
                          "mean": [round(v, 1) for v in mean]})
                rms = (mic_squares / mic_count) ** 0.5 if mic_count else 0.0
                ctx.send({"type": "audio_stats", "samples": mic_samples, "rms": round(rms, 4)})
                mic_squares, mic_count = 0.0, 0

    def _apply(self, rgb):
        effect = self.effect
        if effect == "none":
            return rgb
        mirrored = rgb[:, ::-1]
        if effect == "posterize":
            return (mirrored & 0xC0) | 0x20
        return mirrored

    def _waiting_card(self):
        card = np.empty((self.height, self.width, 3), np.uint8)
        card[:] = (0x16, 0x1B, 0x22)
        yy, xx = np.mgrid[0:self.height, 0:self.width]
        cy, cx = self.height // 2 - 50, self.width // 2
        card[(yy - cy) ** 2 + (xx - cx) ** 2 <= 30 ** 2] = (0x3D, 0x8B, 0xFD)
        text = "waiting for webcam"
        scale = max(1, self.width // 160)
        glyph_w, glyph_h = 6 * scale, 7 * scale
        x0 = (self.width - glyph_w * len(text)) // 2
        y0 = self.height // 2 + 10
        for i, ch in enumerate(text):
            rows = _GLYPHS[ch].split("|")
            for r, row in enumerate(rows):
                for c, bit in enumerate(row):
                    if bit == "#":
                        y, x = y0 + r * scale, x0 + i * glyph_w + c * scale
                        card[max(0, y):y + scale, max(0, x):x + scale] = 255
        return card

    @command("set_effect", description="What to do with the webcam picture")
    def set_effect(self, effect: Literal["none", "mirror", "posterize"] = "mirror"):
        self.effect = effect
        get_ctx().send({"type": "state", "effect": effect})
