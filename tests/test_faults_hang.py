"""A FalkorDB server that stops answering mid-run (hung: FalkorDB#2129 is a deadlock of that kind; here the process
is stopped with SIGSTOP) ends the command after ``NEWSGRAPH_STORE_TIMEOUT`` seconds with one line and exit 4,
instead of holding it forever; a rerun finishes the job (helpers: ``tests/faults.py``)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys

import pytest

from faults import clean_env, exported, ingest_args, ledger_size, newsgraph, one_line_error, server_pid, wait_for

pytestmark = [pytest.mark.store, pytest.mark.model]


def test_a_server_that_stops_answering_mid_run_is_one_line_and_a_rerun_finishes(generated_dir, clean_ingest, tmp_path):
    data = tmp_path / "data"
    run = subprocess.Popen([sys.executable, "-m", "newsgraph", *ingest_args(data, generated_dir)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env={**clean_env(), "NEWSGRAPH_STORE_TIMEOUT": "2"})
    wait_for(lambda: ledger_size(data) >= 4 or run.poll() is not None, what="four articles stored")
    pid = server_pid(data)
    assert pid is not None and run.poll() is None, run.stderr.read() if run.poll() is not None else "no pid file"
    os.kill(pid, signal.SIGSTOP)
    try:
        out, err = run.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)
    one_line_error(subprocess.CompletedProcess(run.args, run.returncode, out, err), 4, str(data), str(pid),
                   "stopped answering", "run the command again")
    again = newsgraph(*ingest_args(data, generated_dir))
    assert again.returncode == 0, again.stderr
    assert exported(data, tmp_path) == clean_ingest[1]


def test_the_store_timeout_is_a_setting():
    from newsgraph.errors import BadSetting
    from newsgraph.settings import Settings

    assert Settings.build({}, {}).store_timeout == 600
    assert Settings.build({}, {"NEWSGRAPH_STORE_TIMEOUT": "2.5"}).store_timeout == 2.5
    with pytest.raises(BadSetting, match="NEWSGRAPH_STORE_TIMEOUT"):
        Settings.build({}, {"NEWSGRAPH_STORE_TIMEOUT": "0"})
