"""The authoring API of Reactor models, as served by Reactor Studio's runtime.

A model folder written for the original Python runtime runs unchanged::

    from reactor_runtime import VideoModel, command, get_ctx

    class MyModel(VideoModel):
        def __init__(self, fps=30, size=(480, 640), **kwargs):
            ...  # heavy loading, once; VideoModel.weights("Name") gives a weight folder

        def start_session(self):
            while not get_ctx().should_stop():
                get_ctx().emit_block(frame)  # (H, W, 3) or (N, H, W, 3), uint8 or float 0..1

        # Inputs the manifest declares ("tracks"): get_ctx().video_input("webcam").latest() gives
        # an InputFrame (.rgb: (H, W, 3) uint8) or None; audio out: get_ctx().emit_audio(pcm, 48000, 1).

        @command("set_speed", description="Playback speed")
        def set_speed(self, speed: float = 1.0):
            ...

The runtime (Java) starts this interpreter as a child process, loads the model once and drives
sessions and commands over a local socket; see ``_child``. Needs only the standard library and
numpy (imported when the first frame is emitted, so importing this package never fails on it).
"""

from ._commands import command
from ._context import SessionContext, get_ctx
from ._field import Field
from ._inputs import AudioFrame, InputFrame, InputTrack
from ._model import VideoModel
from ._uploads import UploadedFile

__all__ = ["AudioFrame", "Field", "InputFrame", "InputTrack", "UploadedFile", "VideoModel", "SessionContext", "command",
           "get_ctx"]
