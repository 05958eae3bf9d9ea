"""An ingest killed with ``kill -9`` while its worker process parses leaves no warning of multiprocessing's on
stderr: the resource tracker removes the pool's locks the kill left behind in silence."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.store, pytest.mark.model]


def _children(pid: int) -> list[str]:
    """The command lines of the processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if parent == pid:
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, ValueError, IndexError):
            continue
    return found


def test_a_killed_ingest_leaves_no_leaked_semaphore_warning(generated_dir, tmp_path):
    command = [sys.executable, "-m", "newsgraph", "ingest", str(generated_dir), "--data-dir", str(tmp_path / "store"),
               "--chunk-size", "2", "--batch-size", "1", "--quiet"]
    ingest = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while ingest.poll() is None and time.monotonic() < deadline and not any(
            "forkserver" in line for line in _children(ingest.pid)):
        time.sleep(0.05)
    time.sleep(1.0)  # the pool's worker is up and holds its locks
    assert ingest.poll() is None, ingest.stderr.read().decode() if ingest.stderr else ""
    os.kill(ingest.pid, signal.SIGKILL)
    # stderr ends when the tracker and the worker (it exits once its parent is gone) have ended too
    _, err = ingest.communicate(timeout=60)
    assert ingest.returncode == -signal.SIGKILL
    assert "leaked semaphore" not in err.decode() and "resource_tracker" not in err.decode(), err.decode()
