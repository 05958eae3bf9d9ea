"""`ingest --dask` from the command line: a failure is newsgraph's one line, and a bad scheduler writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _ingest(tmp_path, *options: str) -> subprocess.CompletedProcess:
    (tmp_path / "a.txt").write_text("Tara Reid checked into rehab on Tuesday, her spokesman said.", encoding="utf-8")
    command = [sys.executable, "-m", "newsgraph", "ingest", "a.txt", "--data-dir", "d", "-q", *options]
    return subprocess.run(command, cwd=tmp_path, env=os.environ.copy(), capture_output=True, text=True, timeout=300)


@pytest.mark.store
def test_a_task_that_fails_on_a_local_dask_cluster_is_one_line_without_dask_s_own_log(tmp_path):
    (tmp_path / "not-a-model").mkdir()  # a folder, so it passes the check for a name; loading it fails in a worker
    run = _ingest(tmp_path, "--dask", "local", "--workers", "1", "--model", str(tmp_path / "not-a-model"))
    assert run.returncode == 3
    assert run.stderr.splitlines() == [run.stderr.strip()] and "cannot be loaded" in run.stderr, run.stderr
    assert "distributed" not in run.stderr


def test_a_scheduler_that_does_not_answer_fails_in_one_line_before_a_data_dir_is_made(tmp_path):
    run = _ingest(tmp_path, "--dask", "tcp://127.0.0.1:1")
    assert run.returncode == 2 and "cannot reach the Dask scheduler" in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and not (tmp_path / "d").exists()


def test_a_model_that_is_not_installed_fails_on_a_local_cluster_before_a_data_dir_is_made(tmp_path):
    run = _ingest(tmp_path, "--dask", "local", "--model", "en_no_such_pipeline")
    assert run.returncode == 3 and "en_no_such_pipeline" in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and not (tmp_path / "d").exists()
