"""The model process: ``python -m reactor_runtime._child SOCKET``, started by the Java runtime.

It connects to the runtime's Unix socket, receives ``load`` (folder, module, class, args),
imports the model file, reads its command schema, runs ``__init__`` once and reports ``ready``.
Then the main thread runs sessions one at a time, a command thread runs commands one at a time,
and a reader thread takes the runtime's messages. The process's own stdout/stderr carry only
logs (the runtime forwards them to its log), never the protocol.
"""

import importlib.util
import os
import queue
import signal
import socket
import sys
import threading
import traceback

from . import _commands, _context, _inputs, _runtime
from ._wire import Channel

PROTOCOL = 1


class _LoadFailure(Exception):
    def __init__(self, message, filename=None, lineno=None, trace=None):
        super().__init__(message)
        self.filename = filename
        self.lineno = lineno
        self.trace = trace


class _Child:
    def __init__(self, channel):
        self.channel = channel
        self.requests = _inputs.Requests(channel)
        self.sessions = queue.Queue()
        self.commands = queue.Queue()
        self.model = None
        self.command_functions = {}
        self.file_params = {}
        self.lock = threading.Lock()
        self.current = None
        self.stopped_early = set()
        self.weights_replies = {}
        self.next_request = 0

    # --- loading -----------------------------------------------------------------------------

    def load(self, request):
        folder = request["folder"]
        _require_numpy()
        cls = _import_class(folder, request["module"], request["class"])
        try:
            schema = _commands.schema_of(cls)
            self.command_functions = _commands.commands_of(cls)
            self.file_params = _commands.file_params(schema)
        except _commands.SchemaError as e:
            raise _LoadFailure(str(e), _relative(e.filename, folder), e.lineno) from e
        _runtime.install_weights_resolver(self.weights)
        try:
            self.model = cls(**(request.get("args") or {}))
        except Exception as e:
            raise _located(e, folder, f"{request['class']}.__init__ failed") from e
        return schema

    # --- the runtime's messages --------------------------------------------------------------

    def read_forever(self):
        while True:
            message = self.channel.receive()
            if message is None:
                # The runtime is gone (closed us, or died): nobody is left to serve.
                os._exit(0)
            op = message.get("op")
            if op == "start_session":
                self.sessions.put(message["session"])
            elif op == "stop":
                self.stop(message.get("session"))
            elif op == "command":
                self.commands.put(message)
            elif op == "emitted":
                with self.lock:
                    context = self.current
                if context is not None:
                    context._emitted()
            elif op in ("input_result", "input_frame"):
                self.requests.answer(message)
            elif op == "weights_result":
                reply = self.weights_replies.get(message["id"])
                if reply is not None:
                    reply.append(message)
                    reply[0].set()
            elif op == "shutdown":
                self.stop(None)
                self.sessions.put(None)

    def stop(self, session_id):
        with self.lock:
            context = self.current
            if context is not None and (session_id is None or context.session_id == session_id):
                context._stop_evt.set()
            elif session_id is not None:
                self.stopped_early.add(session_id)

    # --- sessions and commands ---------------------------------------------------------------

    def serve_sessions(self):
        while True:
            session_id = self.sessions.get()
            if session_id is None:
                return
            self.run_session(session_id)

    def run_session(self, session_id):
        context = _context.SessionContext(session_id, self.channel, self.requests)
        with self.lock:
            self.current = context
            if session_id in self.stopped_early:
                self.stopped_early.discard(session_id)
                context._stop_evt.set()
        _runtime.set_context(context)
        error = None
        try:
            self.model.start_session()
        except BaseException as e:  # SystemExit and KeyboardInterrupt from a model end its session, not us
            error = {"type": type(e).__name__, "message": str(e), "traceback": traceback.format_exc()}
        finally:
            context._ended = True
            _runtime.clear_context(context)
            with self.lock:
                self.current = None
        self.channel.send_json({"op": "session_ended", "session": session_id, "error": error})

    def serve_commands(self):
        while True:
            message = self.commands.get()
            reply = {"op": "command_result", "id": message["id"]}
            try:
                function = self.command_functions[message["name"]]
                args = _commands.with_files(message.get("args") or {}, self.file_params.get(message["name"], ()))
                result = function(self.model, **args)
                reply.update(ok=True, result=result)
                try:
                    self.channel.send_json(reply)
                    continue
                except (TypeError, ValueError) as e:
                    reply.update(ok=False, error=f"command returned a value that is not JSON: {e}", result=None)
            except Exception as e:
                reply.update(ok=False, error=f"{type(e).__name__}: {e}", traceback=traceback.format_exc())
            self.channel.send_json(reply)

    def weights(self, name):
        event = threading.Event()
        with self.lock:
            self.next_request += 1
            request = self.next_request
            self.weights_replies[request] = [event]
        try:
            self.channel.send_json({"op": "weights", "id": request, "name": name})
            event.wait()
            reply = self.weights_replies[request][1]
        finally:
            self.weights_replies.pop(request, None)
        if reply.get("error"):
            raise RuntimeError(reply["error"])
        return reply["path"]


def _require_numpy():
    try:
        import numpy  # noqa: F401
    except ImportError as e:
        raise _LoadFailure(f"numpy is not installed for {sys.executable}: install it (Debian: apt-get install "
                           f"python3-numpy; a venv: pip install numpy) or point the runtime at an interpreter that "
                           f"has it ({e})") from e


def _import_class(folder, module_name, class_name):
    path = os.path.join(folder, module_name + ".py")
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except SyntaxError as e:
        where = os.path.basename(e.filename or path)
        text = (e.text or "").strip()
        raise _LoadFailure(f"syntax error: {e.msg}" + (f": {text}" if text else ""), where, e.lineno,
                           traceback.format_exc()) from e
    except ModuleNotFoundError as e:
        hint = (" — install python3-numpy (Debian) or pip install numpy" if e.name == "numpy" else
                f" — install it for {sys.executable} (requirements.txt) or run the model with an interpreter that has it")
        raise _located(e, folder, f"missing module '{e.name}'{hint}") from e
    except Exception as e:
        raise _located(e, folder, f"importing {module_name}.py failed") from e
    cls = getattr(module, class_name, None)
    if cls is None or not isinstance(cls, type):
        defined = sorted(n for n, v in vars(module).items() if isinstance(v, type) and v.__module__ == module_name)
        raise _LoadFailure(f"{module_name}.py has no class named {class_name} (it defines: {', '.join(defined) or 'none'})",
                           module_name + ".py")
    if not callable(getattr(cls, "start_session", None)):
        raise _LoadFailure(f"{class_name} has no start_session(): it must subclass reactor_runtime.VideoModel",
                           module_name + ".py")
    return cls


def _relative(filename, folder):
    """Paths inside the model folder are shown relative to it, as the author knows them."""
    if filename and os.path.abspath(filename).startswith(os.path.abspath(folder) + os.sep):
        return os.path.relpath(filename, folder)
    return filename


def _located(error, folder, summary):
    """A failure pointing at the deepest frame of the traceback inside the model folder."""
    filename, lineno = None, None
    root = os.path.abspath(folder) + os.sep
    for frame in traceback.extract_tb(error.__traceback__):
        if os.path.abspath(frame.filename).startswith(root):
            filename, lineno = os.path.relpath(frame.filename, folder), frame.lineno
    return _LoadFailure(f"{summary}: {type(error).__name__}: {error}", filename, lineno, traceback.format_exc())


def main():
    # Ctrl-C in a terminal reaches the whole process group; the runtime decides when we end.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(sys.argv[1])
    channel = Channel(sock)
    child = _Child(channel)
    request = channel.receive()
    if request is None or request.get("op") != "load":
        sys.exit(2)
    try:
        # The reader runs during __init__ already: VideoModel.weights() there waits for its replies.
        threading.Thread(target=child.read_forever, name="reactor-reader", daemon=True).start()
        schema = child.load(request)
    except _LoadFailure as e:
        channel.send_json({"op": "load_failed", "message": str(e), "file": e.filename, "line": e.lineno,
                           "traceback": e.trace})
        sys.exit(3)
    threading.Thread(target=child.serve_commands, name="reactor-commands", daemon=True).start()
    import numpy
    channel.send_json({"op": "ready", "protocol": PROTOCOL, "commands": schema, "pid": os.getpid(),
                       "python": sys.version.split()[0], "numpy": numpy.__version__})
    child.serve_sessions()


if __name__ == "__main__":
    main()
