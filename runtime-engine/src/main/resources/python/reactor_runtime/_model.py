import abc
import pathlib

from . import _runtime


class VideoModel(abc.ABC):
    """The thin wrapper around a model.

    ``__init__(**args)`` runs once when the runtime starts, with the manifest's ``args`` as keyword
    arguments: do the heavy loading there. ``start_session()`` runs once per connected user and
    returns when the session ends (check ``get_ctx().should_stop()``); put per-session cleanup in
    a ``finally``. The instance stays loaded between sessions.
    """

    def __init__(self, **kwargs):
        pass

    @abc.abstractmethod
    def start_session(self):
        """Runs one session: emit frames with ``get_ctx().emit_block(...)`` until ``should_stop()``."""

    @staticmethod
    def weights(name) -> pathlib.Path:
        """The local folder of the named weight (from the manifest's ``weights``), downloaded if needed.

        Raises RuntimeError naming the weight and how to provide it when it cannot be found.
        """
        return pathlib.Path(_runtime.weights(name))
