"""``@command`` and the command schema read from a model class's annotations.

The schema is reported to the Java runtime, which validates every call against it before the
call reaches this process, exactly as for Java models; so the types allowed here are the ones
the runtime can check: int, float, str, bool, Literal[...] of strings and UploadedFile (an upload
the runtime resolved and checked).
"""

import inspect
import os
import typing

from ._uploads import UploadedFile

_MARK = "_reactor_command"
_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", UploadedFile: "file"}
_ALLOWED = "int, float, str, bool, Literal[...] of strings or UploadedFile"


class SchemaError(Exception):
    """A command's declaration cannot be turned into a schema; carries the file and line."""

    def __init__(self, message, filename=None, lineno=None):
        super().__init__(message)
        self.filename = filename
        self.lineno = lineno


class _CommandMark:
    def __init__(self, name, description):
        self.name = name
        self.description = description


def command(name=None, description=""):
    """Marks a model method as a command clients call while the session generates.

    ``@command("set_speed", description="...")``; parameters are typed by annotations (int, float,
    str, bool, Literal[...]); a parameter with a default is optional. pydantic ``Field(ge=, le=,
    description=)`` as default (or in ``Annotated``) adds bounds and descriptions.
    """
    if callable(name):  # bare @command
        function = name
        setattr(function, _MARK, _CommandMark(function.__name__, ""))
        return function

    def mark(function):
        setattr(function, _MARK, _CommandMark(name or function.__name__, description or ""))
        return function

    return mark


def commands_of(cls):
    """``{name: function}`` of the class's commands, subclasses overriding their bases."""
    found = {}
    owners = {}
    for klass in reversed(cls.__mro__):
        for attribute, value in vars(klass).items():
            function = getattr(value, "__func__", value)
            mark = getattr(function, _MARK, None)
            if mark is None:
                continue
            previous = owners.get(mark.name)
            if previous is not None and previous[0] is klass and previous[1] != attribute:
                raise SchemaError(f'two methods are commands named "{mark.name}": {previous[1]}() and {attribute}()',
                                  *_where(function))
            owners[mark.name] = (klass, attribute)
            found[mark.name] = function
    return dict(sorted(found.items()))


def file_params(schema):
    """``{command: {param, ...}}`` of the parameters that take an UploadedFile."""
    return {c["name"]: {p["name"] for p in c["params"] if p["type"] == "file"} for c in schema}


def with_files(args, names):
    """The call's arguments with each uploaded file (sent as a dict) turned into an UploadedFile."""
    return {k: UploadedFile._from_wire(v) if k in names and isinstance(v, dict) else v for k, v in args.items()}


def schema_of(cls):
    """The commands as the runtime's schema: a list of {name, description, where, params: [...]}."""
    schema = []
    for name, function in commands_of(cls).items():
        mark = getattr(function, _MARK)
        filename, lineno = _where(function)
        schema.append({
            "name": name,
            "description": mark.description,
            "where": f"{os.path.basename(filename or '?')}:{lineno or '?'}",
            "params": _params(function, name, filename, lineno),
        })
    return schema


def _where(function):
    try:
        return inspect.getsourcefile(function), function.__code__.co_firstlineno
    except (TypeError, AttributeError):
        return None, None


def _params(function, command_name, filename, lineno):
    def fail(message):
        raise SchemaError(f'command "{command_name}" ({function.__name__}): {message}', filename, lineno)

    try:
        hints = typing.get_type_hints(function, include_extras=True)
    except Exception as e:  # a string annotation naming something undefined
        fail(f"cannot read its type annotations: {e}")
    params = []
    for index, parameter in enumerate(inspect.signature(function).parameters.values()):
        if index == 0 and parameter.name in ("self", "cls"):
            continue
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.POSITIONAL_ONLY):
            fail(f"parameter {parameter.name} must be passable by name (commands are called with keyword arguments)")
        if parameter.kind == parameter.VAR_KEYWORD:
            continue
        params.append(_param(parameter, hints.get(parameter.name, inspect.Parameter.empty), fail))
    return params


def _param(parameter, annotation, fail):
    name = parameter.name
    spec = {"name": name}
    if annotation is inspect.Parameter.empty:
        fail(f"parameter {name} has no type annotation: annotate it as {_ALLOWED}")
    annotation, extras = _unwrap_annotated(annotation)
    annotation, optional = _unwrap_optional(annotation)
    default = parameter.default
    own = _field_info(default)
    if own is not None:  # x: float = Field(1.0, ge=0)
        default = own["default"]
    fields = [info for info in [own, *map(_field_info, extras)] if info is not None]
    for extra in extras:
        _apply_bounds(spec, extra)  # annotated_types.Ge(0) and the like, straight in Annotated
    for field in fields:
        # Field(...) inside Annotated describes the parameter; the "= value" default still counts.
        if default is inspect.Parameter.empty:
            default = field["default"]
        if field["description"]:
            spec["description"] = field["description"]
        for key in ("minimum", "maximum"):
            if field.get(key) is not None:
                spec[key] = field[key]
    spec.update(_wire_type(annotation, name, fail))
    if default is inspect.Parameter.empty:
        spec["required"] = not optional
    else:
        spec["required"] = False
        if default is not None:
            if spec["type"] == "file":
                fail(f"parameter {name}: a file parameter's only default is None")
            if not isinstance(default, (bool, int, float, str)):
                fail(f"parameter {name}: default {default!r} is not a number, string or bool")
            spec["default"] = default
    if spec.get("minimum") is not None or spec.get("maximum") is not None:
        if spec["type"] not in ("integer", "number"):
            fail(f"parameter {name}: bounds (ge/le) only apply to numbers")
    return spec


def _unwrap_annotated(annotation):
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extras = typing.get_args(annotation)
        return base, extras
    return annotation, []


def _unwrap_optional(annotation):
    """``Optional[X]`` is X, optional (a missing value arrives as None)."""
    if typing.get_origin(annotation) is typing.Union:
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == 1 and len(typing.get_args(annotation)) == 2:
            return members[0], True
    return annotation, False


def _wire_type(annotation, name, fail):
    if annotation in _TYPES:
        return {"type": _TYPES[annotation]}
    if typing.get_origin(annotation) is typing.Literal:
        choices = typing.get_args(annotation)
        if not all(isinstance(c, str) for c in choices):
            fail(f"parameter {name}: Literal values must all be strings, got {list(choices)!r}")
        return {"type": "string", "enum": list(choices)}
    shown = getattr(annotation, "__name__", None) or repr(annotation)
    fail(f"parameter {name} has unsupported type {shown}: use {_ALLOWED}")


def _field_info(value):
    """Reads a pydantic ``FieldInfo`` (v1 or v2) by its attributes, so pydantic is never required."""
    if type(value).__name__ != "FieldInfo" or not hasattr(value, "default"):
        return None
    default = value.default
    # pydantic marks "required" with Ellipsis (v1, and Field(...)) or its PydanticUndefined sentinel (v2).
    if default is Ellipsis or type(default).__name__ in ("PydanticUndefinedType", "UndefinedType"):
        default = None if getattr(value, "default_factory", None) else inspect.Parameter.empty
    info = {"default": default, "description": getattr(value, "description", None)}
    bounds = {}
    _apply_bounds(bounds, value)
    for constraint in getattr(value, "metadata", None) or []:
        _apply_bounds(bounds, constraint)
    info.update(bounds)
    return info


def _apply_bounds(spec, constraint):
    """ge/le are inclusive bounds; gt/lt are read as inclusive too (the schema has no exclusive bounds)."""
    for attribute, key in (("ge", "minimum"), ("gt", "minimum"), ("le", "maximum"), ("lt", "maximum")):
        value = getattr(constraint, attribute, None)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            spec[key] = value
