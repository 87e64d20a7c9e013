# The exact snippets of the seed document ("The Session Context", "Emitting Frames",
# "Sending Messages"), in one start_session.
import numpy as np
from reactor_runtime import VideoModel, get_ctx


class SeedSnippetsModel(VideoModel):
    def __init__(self, fps=30, size=(480, 640), **kwargs):
        self.fps = fps

    def start_session(self):
        # Emit a single frame
        frame = np.random.rand(480, 640, 3)  # (H, W, 3) in RGB
        get_ctx().emit_block(frame)
        
        # Emit multiple frames at once
        frames = np.random.rand(10, 480, 640, 3)  # (N, H, W, 3)
        get_ctx().emit_block(frames)
        
        # Send a black frame
        get_ctx().emit_block(None)

        # Send generation progress
        get_ctx().send({
            "type": "progress",
            "value": 0.5,
            "message": "Halfway done"
        })
        
        # Send model state updates
        get_ctx().send({
            "type": "state_changed",
            "new_state": "generating",
            "metadata": {"step": 42}
        })
        
        # Send any custom data structure
        get_ctx().send({
            "type": "custom_event",
            "data": {"key": "value"}
        })
