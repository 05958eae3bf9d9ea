"""A FalkorDB server that stops answering mid-run (hung: FalkorDB#2129 is a deadlock of that kind; here the process
is stopped with SIGSTOP) is killed once it has been silent and idle for ``NEWSGRAPH_STORE_TIMEOUT`` seconds (at most
30), instead of holding the command forever; the ingest starts it again once and finishes, and a second hang ends
it with one line and exit 4, after which a rerun finishes the job (helpers: ``tests/faults.py``)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys

import pytest

from faults import clean_env, exported, ingest_args, ledger_size, newsgraph, server_alive, server_pid, wait_for

pytestmark = [pytest.mark.store, pytest.mark.model]


def _hanging_ingest(data, generated_dir) -> subprocess.Popen[str]:
    """An ingest whose store statements may wait 2 s (so a stopped server is hung after 2 s), stopped at 4 articles."""
    run = subprocess.Popen([sys.executable, "-m", "newsgraph", *ingest_args(data, generated_dir)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env={**clean_env(), "NEWSGRAPH_STORE_TIMEOUT": "2"})
    wait_for(lambda: ledger_size(data) >= 4 or run.poll() is not None, what="four articles stored")
    return run


def _stop(pid: int | None, run: subprocess.Popen[str]) -> int:
    assert pid is not None and run.poll() is None, run.stderr.read() if run.poll() is not None else "no pid file"
    os.kill(pid, signal.SIGSTOP)
    return pid


def _resume(*pids: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)


def test_a_server_that_stops_answering_mid_run_is_killed_and_the_ingest_finishes(generated_dir, clean_ingest,
                                                                                   tmp_path):
    data = tmp_path / "data"
    run = _hanging_ingest(data, generated_dir)
    pid = _stop(server_pid(data), run)
    try:
        out, err = run.communicate(timeout=180)
    finally:
        _resume(pid)
    assert run.returncode == 0 and "Traceback" not in err, err
    notice = err.strip().splitlines()
    assert len(notice) == 1 and f"(pid {pid}) stopped answering and was killed" in notice[0], err
    assert str(data) in notice[0] and "starting it again" in notice[0]
    assert not server_alive(pid)
    assert exported(data, tmp_path) == clean_ingest[1]  # the graph of a run without trouble


def test_a_server_that_hangs_again_is_one_line_and_a_rerun_finishes(generated_dir, clean_ingest, tmp_path):
    data = tmp_path / "data"
    run = _hanging_ingest(data, generated_dir)
    first = _stop(server_pid(data), run)
    stopped = [first]
    try:
        wait_for(lambda: server_pid(data) not in (None, first) or run.poll() is not None, what="a second server")
        wait_for(lambda: ledger_size(data) >= 0 or run.poll() is not None, what="the second server to answer")
        stopped.append(_stop(server_pid(data), run))
        out, err = run.communicate(timeout=180)
    finally:
        _resume(*stopped)
    lines = err.strip().splitlines()
    assert run.returncode == 4 and len(lines) == 2 and "Traceback" not in err, err
    assert f"(pid {first}) stopped answering and was killed" in lines[0]
    for needle in (str(data), f"pid {stopped[1]}", "stopped answering", "run the command again"):
        assert needle in lines[1], lines[1]
    again = newsgraph(*ingest_args(data, generated_dir))
    assert again.returncode == 0, again.stderr
    assert exported(data, tmp_path) == clean_ingest[1]


def test_a_hang_under_two_ingests_keeps_the_write_lock_for_the_second_run(generated_dir, clean_ingest, tmp_path):
    data = tmp_path / "data"
    env = {**clean_env(), "NEWSGRAPH_STORE_TIMEOUT": "2"}
    runs = [subprocess.Popen([sys.executable, "-m", "newsgraph", *ingest_args(data, generated_dir)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    wait_for(lambda: ledger_size(data) >= 4 or any(run.poll() is not None for run in runs), what="four articles")
    pid = _stop(server_pid(data), runs[0])
    try:
        errs = [run.communicate(timeout=300)[1] for run in runs]
    finally:
        _resume(pid)
    assert [run.returncode for run in runs] == [0, 0], errs
    assert sum("stopped answering and was killed" in err for err in errs) == 1, errs
    assert sum(err.count("waiting for") for err in errs) == 1, errs  # the second run of one did not wait
    assert exported(data, tmp_path) == clean_ingest[1]


def test_the_store_timeout_is_a_setting():
    from newsgraph.errors import BadSetting
    from newsgraph.settings import Settings

    assert Settings.build({}, {}).store_timeout == 600
    assert Settings.build({}, {"NEWSGRAPH_STORE_TIMEOUT": "2.5"}).store_timeout == 2.5
    with pytest.raises(BadSetting, match="NEWSGRAPH_STORE_TIMEOUT"):
        Settings.build({}, {"NEWSGRAPH_STORE_TIMEOUT": "0"})
