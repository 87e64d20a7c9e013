# Every supported way of typing a command parameter, including pydantic-style FieldInfo objects
# (a look-alike of pydantic v2's, so the test needs no pydantic), weights and get_ctx() outside
# a session.
from typing import Annotated, Literal, Optional

import numpy as np
from reactor_runtime import UploadedFile, VideoModel, command, get_ctx


class Ge:
    def __init__(self, ge):
        self.ge = ge


class Le:
    def __init__(self, le):
        self.le = le


class PydanticUndefinedType:
    pass


class FieldInfo:
    """Shaped like pydantic v2's FieldInfo: default, description, metadata of Ge/Le."""

    def __init__(self, default=PydanticUndefinedType(), ge=None, le=None, description=None):
        self.default = default
        self.description = description
        self.default_factory = None
        self.metadata = [m for m in (Ge(ge) if ge is not None else None, Le(le) if le is not None else None) if m]


class SchemaModel(VideoModel):
    def __init__(self, fps=30, size=(32, 32), label="", **kwargs):
        self.label = label
        self.weights_path = VideoModel.weights("Tiny")
        try:
            get_ctx()
            self.outside = "no error"
        except RuntimeError as e:
            self.outside = str(e)

    def start_session(self):
        while not get_ctx().should_stop():
            get_ctx().emit_block(np.zeros((32, 32, 3), np.uint8))

    @command("typed", description="All the plain types")
    def typed(self, count: int, ratio: float = 0.5, name: str = "x", flag: bool = False,
              color: Literal["red", "green"] = "red", maybe: Optional[int] = None):
        return {"count": count, "ratio": ratio, "name": name, "flag": flag, "color": color, "maybe": maybe}

    @command("fielded", description="pydantic-style bounds")
    def fielded(self, strength: float = FieldInfo(0.5, ge=0.0, le=1.0, description="how strong"),
                steps: Annotated[int, FieldInfo(ge=1, le=50)] = 4,
                required_level: int = FieldInfo(ge=0, le=3)):
        return [strength, steps, required_level]

    @command("digest", description="An uploaded file's sha256")
    def digest(self, file: UploadedFile, mask: Optional[UploadedFile] = None):
        import hashlib
        return {"name": file.name, "size": file.size, "mime_type": file.mime_type,
                "sha256": hashlib.sha256(file.read_bytes()).hexdigest(),
                "is_uploaded_file": isinstance(file, UploadedFile), "mask": mask}

    @command("info")
    def info(self):
        return {"label": self.label, "weights": str(self.weights_path),
                "weights_text": (self.weights_path / "weights.txt").read_text().strip(), "outside": self.outside}
