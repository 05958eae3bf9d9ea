"""The command line as the fault tests run it (``tests/test_faults_store.py``, ``tests/test_faults_hang.py``): on
the generated corpus of ``conftest``, in chunks of two articles, with the store's state read over its socket."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

CHUNK = 2


def clean_env() -> dict[str, str]:
    """This environment without ``NEWSGRAPH_*`` settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}


def newsgraph(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the command line to the end."""
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True,
                          timeout=timeout, env=clean_env())  # fmt: skip


def start(*args: str) -> subprocess.Popen[str]:
    """Start the command line in the background."""
    return subprocess.Popen([sys.executable, "-m", "newsgraph", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=clean_env())  # fmt: skip


def ingest_args(data: Path, source: Path, *extra: str) -> list[str]:
    return ["ingest", str(source), "--data-dir", str(data), "--chunk-size", str(CHUNK), "--batch-size", "1",
            "--quiet", *extra]


def exported(data: Path, folder: Path) -> str:
    """The evidence and entities exports of the store in ``data``, as one text."""
    parts = []
    for fmt in ("evidence-jsonl", "entities-jsonl"):
        out = folder / f"{data.name}.{fmt}"
        result = newsgraph("export", "-f", fmt, "-o", str(out), "--data-dir", str(data))
        assert result.returncode == 0, result.stderr
        parts.append(out.read_text(encoding="utf-8"))
    return "\n".join(parts)


def one_line_error(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> str:
    """Assert ``result`` failed with ``code`` and one line on stderr holding every needle; return the line."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert result.returncode == code, result.stderr
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle.lower() in lines[0].lower(), lines[0]
    return lines[0]


def ledger_size(data: Path) -> int:
    """How many articles the store in ``data`` has completely stored, read over its socket (not as a user of the
    server, so the command under test stays its only user); -1 while it does not answer."""
    import falkordb

    try:
        client = falkordb.FalkorDB(unix_socket_path=str(data / "falkordb.sock"), socket_timeout=5)  # never hangs
        try:
            rows = client.select_graph("newsgraph").ro_query(
                "MATCH (s:Source) WHERE s.sha256 IS NOT NULL RETURN count(s)").result_set
        finally:
            client.close()
        return int(rows[0][0])
    except Exception:  # noqa: BLE001 - not up yet, or the graph does not exist yet
        return -1


def wait_for(predicate, timeout: float = 120.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def server_pid(data: Path) -> int | None:
    try:
        return int((data / "falkordb.pid").read_text())
    except (OSError, ValueError):
        return None


def server_alive(pid: int) -> bool:
    from newsgraph.graph.server import _server_alive

    return _server_alive(pid)
