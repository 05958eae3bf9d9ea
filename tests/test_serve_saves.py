"""``newsgraph serve`` tells at once when the server's background save fails (a full disk): what was written since
the last good save (Bolt ingests) is not on disk yet; it tells when saving works again; and a save that fails as
it stops names the writes that are lost. A real server on a real small disk (a tmpfs, for root); for another user,
the data directory made read-only (which root's writes ignore)."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.graph.server_dirs import socket_path
from newsgraph.graph.server_io import command, snapshot

pytestmark = [pytest.mark.store]


@contextlib.contextmanager
def _small_disk(folder: Path) -> Iterator[bool]:
    """``folder`` on a 4 MB tmpfs if this process may mount one (True), else a plain folder (False)."""
    folder.mkdir()
    mounted = os.geteuid() == 0 and shutil.which("mount") is not None and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(folder)], capture_output=True).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


class _Fault:
    """Makes the server's saves fail, and work again: a disk filled up, or (not mounted) the data dir read-only."""

    def __init__(self, data_dir: Path, mounted: bool) -> None:
        self.data_dir, self.mounted, self.filler = data_dir, mounted, data_dir / "filler"
        self.cause = "no space left on device" if mounted else "permission denied"

    def fail(self) -> None:
        if self.mounted:
            with contextlib.suppress(OSError), open(self.filler, "ab") as f:
                while True:
                    f.write(bytes(1 << 16))
                    f.flush()
        else:
            self.data_dir.chmod(0o500)

    def heal(self) -> None:
        if self.mounted:
            self.filler.unlink()
        else:
            self.data_dir.chmod(0o700)


def _lines(stream) -> queue.Queue:
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in iter(stream.readline, "")], daemon=True).start()
    return lines


def _await(lines: queue.Queue, pattern: str, timeout: float = 30.0) -> str:
    deadline, seen = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(line)
        if re.search(pattern, line):
            return line
    raise AssertionError(f"no line matching {pattern!r} in {seen}")


def _write_and_save(socket: Path, n: int) -> str | None:
    """Write a node and save: None once the snapshot holds it, "failed" if the save failed."""
    command(socket, "GRAPH.QUERY", "newsgraph", f"CREATE (:Note {{n: {n}, text: '{'x' * 2000}'}})", timeout=10)
    return snapshot(socket, None, patience=20)


def test_serve_warns_of_failing_saves_and_names_the_lost_writes_at_stop(tmp_path):
    with _small_disk(tmp_path / "small") as mounted:
        if not mounted and os.geteuid() == 0:
            pytest.skip("root may write to a read-only folder, and this root may not mount a tmpfs (no "
                        "CAP_SYS_ADMIN): no way to make a save fail here")
        data_dir = tmp_path / "small" / "store"
        serve = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--data-dir", str(data_dir)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, err = _lines(serve.stdout), _lines(serve.stderr)
            _await(out, "FalkorDB serving")
            fault, sock = _Fault(data_dir, mounted), socket_path(data_dir)
            assert _write_and_save(sock, 1) is None  # a good save first
            fault.fail()
            assert _write_and_save(sock, 2) == "failed"
            warning = _await(err, "warning: cannot save")
            cause = fault.cause
            assert f"cannot save the graph in {data_dir}: {cause}" in warning, warning
            assert re.search(r"; writes since its last good save at \d\d:\d\d \(Bolt ingests among them\) are not "
                             r"saved yet: free space there; they are saved with the next good snapshot, or must be run "
                             r"again if the server stops first$", warning), warning
            fault.heal()
            assert snapshot(sock, None, patience=20) is None
            assert "works again" in _await(err, "saving the graph in .* works again")
            fault.fail()
            assert _write_and_save(sock, 3) == "failed"
            _await(err, "warning: cannot save")  # warned again: it failed again after working
            serve.send_signal(signal.SIGTERM)
            assert serve.wait(timeout=60) != 0
            final = _await(err, "error")
            assert re.search(rf"cannot save the graph in {re.escape(str(data_dir))}: {cause}; the server stopped "
                             r"without saving and the store there stays as of its last good save at (\d\d:\d\d): "
                             r"Bolt ingests since \1 are lost and must be run again", final), \
                final
        finally:
            if serve.poll() is None:
                serve.kill()
                serve.wait()
            with contextlib.suppress(OSError):
                data_dir.chmod(0o700)
            pid_file = data_dir / "falkordb.pid"
            with contextlib.suppress(OSError, ValueError):
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
