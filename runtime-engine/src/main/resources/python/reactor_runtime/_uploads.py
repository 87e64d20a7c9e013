"""``UploadedFile``: a file a client uploaded, as a command parameter receives it.

Annotate a command parameter with it (``image: UploadedFile``, or ``Optional[UploadedFile] = None``
for an optional one); the runtime checks the client's upload reference (its own upload, in this
session, fully received) before the call reaches this process, and passes the file here. The file
sits in the session's temporary folder and is deleted when the session ends.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class UploadedFile:
    path: str
    """Where the bytes are on this machine (read it, do not move it)."""
    name: str
    """The client's file name, sanitised."""
    mime_type: str
    """The MIME type the client declared (not verified)."""
    size: int
    """The number of bytes, exactly as declared and received."""

    def read_bytes(self):
        with open(self.path, "rb") as f:
            return f.read()

    @classmethod
    def _from_wire(cls, value):
        return cls(path=value["path"], name=value["name"], mime_type=value["mime_type"], size=int(value["size"]))
