# A model that fails on request, for the bridge's fault tests. The next session's behaviour is
# set by a command during the current one (commands only run while a session runs).
import os
from typing import Literal

import numpy as np
from reactor_runtime import VideoModel, command, get_ctx


class FaultsModel(VideoModel):
    def __init__(self, fps=30, size=(48, 64), **kwargs):
        self.height, self.width = size
        self.fault = None
        self.sessions = 0
        self.shade = 0

    def start_session(self):
        ctx = get_ctx()
        self.sessions += 1
        ctx.send({"type": "hello", "pid": os.getpid(), "session": self.sessions})
        frame = np.zeros((self.height, self.width, 3), np.uint8)
        # Unmeasured, so the pacer's queue fills (no just-in-time hold): "shade" has a backlog to flush.
        ctx.disable_monitoring()
        try:
            while not ctx.should_stop():
                if self.fault == "raise":
                    self.fault = None
                    raise RuntimeError("boom in start_session")
                if self.fault == "bad_shape":
                    self.fault = None
                    ctx.emit_block(np.zeros((self.height, self.width, 4), np.uint8))
                if self.fault == "bad_range":
                    self.fault = None
                    ctx.emit_block(np.full((self.height, self.width, 3), 2.0))
                if self.fault == "exit":
                    os._exit(7)
                frame[...] = self.shade
                ctx.emit_block(frame)
        finally:
            ctx.send({"type": "cleanup", "session": self.sessions})

    @command("fault", description="Make the running session fail")
    def set_fault(self, kind: Literal["raise", "bad_shape", "bad_range", "exit"]):
        self.fault = kind

    @command("shade", description="Repaint every pixel; frames already emitted are dropped")
    def set_shade(self, value: int):
        self.shade = value
        get_ctx().flush()

    @command("explode", description="A command that raises")
    def explode(self):
        raise ValueError("command exploded")

    @command("echo")
    def echo(self, text: str, times: int = 1):
        print(f"echo {text} x{times}")
        return {"text": text * times}
