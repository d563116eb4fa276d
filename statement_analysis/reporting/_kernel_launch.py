"""Start an IPython kernel for a report build: ipykernel's own launcher, except that the pipe
through which forked processes (the pipeline's workers) send their output to the kernel is a Unix
socket named by ``STATEMENT_ANALYSIS_KERNEL_PIPE`` instead of a TCP port on 127.0.0.1, so that a
build opens no TCP port at all. Where ipykernel's internals are not as expected, the kernel
starts unchanged (with its TCP pipe) rather than not at all.

Run as ``python -m statement_analysis.reporting._kernel_launch -f CONNECTION_FILE`` (the kernel
spec written by ``kernel.Kernel``).
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import Any


def _use_unix_pipe(endpoint: str) -> None:
    try:
        import zmq
        from ipykernel import iostream
        from zmq.eventloop.zmqstream import ZMQStream
    except ImportError:  # pragma: no cover - ipykernel is a dependency
        return
    cls: Any = iostream.IOPubThread
    if not all(hasattr(cls, name) for name in ("_setup_pipe_in", "_setup_pipe_out", "_handle_pipe_msg")):
        return  # another ipykernel: keep its own pipe

    def setup_pipe_in(self: Any) -> None:
        self._pipe_uuid = os.urandom(16)  # authenticates the messages of forked processes
        pipe_in = self.socket.context.socket(zmq.PULL)
        pipe_in.linger = 0
        try:
            pipe_in.bind(endpoint)
        except zmq.ZMQError as exc:
            warnings.warn(f"could not open the output pipe {endpoint}: {exc}", stacklevel=1)
            self._pipe_flag = False
            pipe_in.close()
            return
        self._pipe_in = ZMQStream(pipe_in, self.io_loop)
        self._pipe_in.on_recv(self._handle_pipe_msg)

    def setup_pipe_out(self: Any) -> tuple[Any, Any]:
        ctx = zmq.Context()  # a new context after fork
        pipe_out = ctx.socket(zmq.PUSH)
        pipe_out.linger = 3000
        pipe_out.connect(endpoint)
        return ctx, pipe_out

    cls._setup_pipe_in = setup_pipe_in
    cls._setup_pipe_out = setup_pipe_out


def main() -> None:
    # as ipykernel_launcher: the working folder is not a place to import modules from
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]
    endpoint = os.environ.get("STATEMENT_ANALYSIS_KERNEL_PIPE", "")
    if endpoint.startswith("ipc://"):
        _use_unix_pipe(endpoint)
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
