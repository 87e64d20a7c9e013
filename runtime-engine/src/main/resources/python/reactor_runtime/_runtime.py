"""The link between the author API and the process that hosts it: the bridge installs the channel
and the weights resolver here. Outside the Reactor runtime both are absent and the API says so."""

import threading

_lock = threading.Lock()
_weights_resolver = None
_current_context = None


def install_weights_resolver(resolver):
    global _weights_resolver
    _weights_resolver = resolver


def weights(name):
    resolver = _weights_resolver
    if resolver is None:
        raise RuntimeError(f'VideoModel.weights("{name}") needs the Reactor runtime: run the model with `reactor run`')
    return resolver(name)


def set_context(context):
    global _current_context
    with _lock:
        _current_context = context


def clear_context(context):
    global _current_context
    with _lock:
        if _current_context is context:
            _current_context = None


def current_context():
    return _current_context
