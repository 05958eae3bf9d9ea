"""The data dir's write lock (``newsgraph.graph.locks.one_writer``): one writer process at a time, and blocks of
one process nested in each other (the ingest's second run after a hung server) are one writer."""

from __future__ import annotations

import os
import subprocess
import sys

from newsgraph.graph import locks

TRY_LOCK = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    print("free")
except BlockingIOError:
    print("held", os.pread(fd, 32, 0).decode().strip())
"""


def _other_process_sees(data_dir) -> str:
    out = subprocess.run([sys.executable, "-c", TRY_LOCK, str(data_dir / ".write.lock")], capture_output=True,
                         text=True, check=True)  # fmt: skip
    return out.stdout.strip()


def test_nested_blocks_are_one_writer_and_the_lock_goes_with_the_outer_one(tmp_path):
    waits: list[int | None] = []
    with locks.one_writer(tmp_path, waits.append):
        assert _other_process_sees(tmp_path) == f"held {os.getpid()}"
        with locks.one_writer(tmp_path, waits.append):  # would wait for itself forever if it were not nested
            assert _other_process_sees(tmp_path) == f"held {os.getpid()}"
        assert _other_process_sees(tmp_path) == f"held {os.getpid()}"  # the inner block released nothing
    assert _other_process_sees(tmp_path) == "free"
    assert waits == []
    with locks.one_writer(tmp_path):  # and it can be taken again
        assert _other_process_sees(tmp_path).startswith("held")


def test_the_same_dir_under_another_spelling_is_the_same_lock(tmp_path):
    (tmp_path / "sub").mkdir()
    with locks.one_writer(tmp_path), locks.one_writer(tmp_path / "sub" / ".."):
        assert _other_process_sees(tmp_path).startswith("held")
    assert _other_process_sees(tmp_path) == "free"
