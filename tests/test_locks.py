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


def test_another_thread_of_the_process_waits_for_the_writer(tmp_path):
    import threading

    order: list[str] = []
    waits: list[int | None] = []
    first_in, second_done = threading.Event(), threading.Event()

    def second() -> None:
        first_in.wait()
        with locks.one_writer(tmp_path, waits.append):
            order.append("second in")
            assert _other_process_sees(tmp_path) == f"held {os.getpid()}"
        second_done.set()

    thread = threading.Thread(target=second)
    thread.start()
    with locks.one_writer(tmp_path):
        first_in.set()
        assert not second_done.wait(0.5)  # the other thread waits instead of nesting in this block
        order.append("first out")
    thread.join(10)
    assert order == ["first out", "second in"] and waits == [os.getpid()]
    assert _other_process_sees(tmp_path) == "free"


def test_a_wait_given_up_leaves_the_holders_pid_in_the_lock_file(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, os, sys, time\n"
                               "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
                               "fcntl.flock(fd, fcntl.LOCK_EX); os.pwrite(fd, b'4242\\n', 0)\n"
                               "print('in', flush=True); time.sleep(30)", str(tmp_path / ".write.lock")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "in"

        def give_up(pid: int | None) -> None:
            raise KeyboardInterrupt

        try:
            with locks.one_writer(tmp_path, give_up):
                raise AssertionError("the lock is held by the other process")
        except KeyboardInterrupt:
            pass
        assert (tmp_path / ".write.lock").read_text() == "4242\n"
    finally:
        holder.kill()
        holder.wait()
