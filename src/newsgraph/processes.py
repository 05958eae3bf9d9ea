"""Whether a process is alive, for the embedded server's pid file and the parsing workers' watchdog."""

from __future__ import annotations

import os
from pathlib import Path


def alive(pid: int) -> bool:
    """True if ``pid`` runs and is not a zombie (a killed process stays one until its parent reaps it). Without
    ``/proc``, any process that exists counts as alive."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True
