"""Resumable ingest: a real `newsgraph ingest` killed mid-run (SIGKILL or Ctrl-C) and run again finishes the job
with no duplicate and no missing evidence — the same export as an uninterrupted run."""

import re
import signal
import subprocess
import sys
import time

import pytest

from newsgraph.pipeline import ingest
from newsgraph.settings import Settings

pytestmark = [pytest.mark.store, pytest.mark.model]

CHUNK = 2


@pytest.fixture(scope="module")
def reference(falkor_server, generated_dir, tmp_path_factory):
    """The generated corpus ingested without interruption, in chunks of CHUNK (in this process)."""
    from newsgraph.graph.falkor import FalkorStore

    store = FalkorStore(falkor_server.client(), "resume_reference")
    store.delete_all()
    store.ensure_schema()
    ingest([generated_dir], store,
           Settings.build({"data_dir": str(tmp_path_factory.mktemp("r")), "chunk_size": CHUNK}, {}))
    yield store
    store.delete_all()


def _cli(data_dir, generated_dir, *extra):
    return [sys.executable, "-m", "newsgraph", "ingest", str(generated_dir), "--data-dir", str(data_dir),
            "--chunk-size", str(CHUNK), "--batch-size", "1", "--quiet", *extra]


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_an_interrupted_ingest_run_again_equals_an_uninterrupted_one(how, reference, generated_dir, tmp_path,
                                                                      evidence_of):
    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.graph.server import EmbeddedFalkorDB

    data = tmp_path / "store"
    # The test holds the server, so it outlives the killed command and we can watch the ledger grow.
    with EmbeddedFalkorDB(data) as server:
        store = FalkorStore(server.client(), "newsgraph")
        first = subprocess.Popen(_cli(data, generated_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while first.poll() is None and time.monotonic() < deadline and len(store.ledger()) < 4:
            time.sleep(0.01)
        first.send_signal(how)
        _, err = first.communicate(timeout=60)
        stopped_at = len(store.ledger())
        assert 4 <= stopped_at < 24, f"the first run was not stopped mid-run ({stopped_at} of 24 done)"
        if how == signal.SIGINT:
            assert first.returncode == 130, err
            [line] = err.decode().splitlines()  # how far it got, and what to do next
            assert re.fullmatch(r"newsgraph: interrupted after \d+ of 24 articles; what was written is kept: run the "
                                r"same command again to finish", line), line
        else:
            assert first.returncode == -signal.SIGKILL
        assert stopped_at % CHUNK == 0  # whole chunks, graph and ledger together
        second = subprocess.run(_cli(data, generated_dir), capture_output=True, timeout=300)
        assert second.returncode == 0, second.stderr.decode()
        assert len(store.ledger()) == 24
        assert evidence_of(store) == evidence_of(reference)
        assert store.counts() == reference.counts()
