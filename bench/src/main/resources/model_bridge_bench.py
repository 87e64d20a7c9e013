# The Python side of PythonBridgeBench: emits pre-made frames as fast as the runtime takes them
# (throughput), or at a fixed rate (latency, so no backpressure hides in the numbers).
import time

import numpy as np
from reactor_runtime import VideoModel, get_ctx


class BridgeBenchModel(VideoModel):
    def __init__(self, size=(480, 640), dtype="uint8", block=1, rate=0, **kwargs):
        height, width = size
        rng = np.random.default_rng(1)
        shape = (block, height, width, 3) if block > 1 else (height, width, 3)
        if dtype == "uint8":
            self.frames = [rng.integers(0, 256, shape, dtype=np.uint8) for _ in range(4)]
        else:
            self.frames = [rng.random(shape).astype(dtype) for _ in range(4)]
        self.interval = 1.0 / rate if rate else 0.0

    def start_session(self):
        ctx = get_ctx()
        index = 0
        next_at = time.monotonic()
        while not ctx.should_stop():
            ctx.emit_block(self.frames[index % 4])
            index += 1
            if self.interval:
                next_at += self.interval
                delay = next_at - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
