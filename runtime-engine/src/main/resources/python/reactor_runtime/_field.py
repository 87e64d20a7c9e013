class FieldInfo:
    """A stand-in for pydantic's ``Field`` when pydantic is not installed: bounds and a description
    for a command parameter. The schema reader reads it exactly as it reads pydantic's own."""

    def __init__(self, default, ge=None, le=None, gt=None, lt=None, description=None):
        self.default = default
        self.ge = ge
        self.le = le
        self.gt = gt
        self.lt = lt
        self.description = description
        self.metadata = []

    def __repr__(self):
        return f"Field(default={self.default!r}, ge={self.ge!r}, le={self.le!r})"


def Field(default=..., *, ge=None, le=None, gt=None, lt=None, description=None):  # noqa: N802 (pydantic's name)
    """``Field(1.0, ge=0, le=1, description="...")``; ``Field(...)`` (the default) marks a required parameter."""
    return FieldInfo(default, ge=ge, le=le, gt=gt, lt=lt, description=description)
