"""What a user sees when the store or its server is in trouble — the promises, one test each.

Every case runs the real command line (``python -m newsgraph``) on the generated corpus of ``conftest`` and checks
the exit code, the message (one line on stderr, no traceback) and the store afterwards, compared with a clean run
through the exported evidence and entities:

* the disk fills by the final save, or mid-run → exit 4, "no space left" and the data dir; ``graph.rdb`` is the
  last good one; a rerun with space finishes the job;
* the FalkorDB server is killed mid-run → exit 4, the server "stopped while in use"; a rerun finishes the job;
* two ingests on one data dir at once (with or without ``serve``) → both exit 0, one says whom it waits for; the
  store is the one a single ingest makes; reads work while ``serve`` runs;
* the process that started the server ends while another uses it → the server stays up for the other;
* ``export -o`` a device, FIFO, ``/dev/stdout`` or symlink → written as a shell redirection would, never replaced;
  ``/dev/full`` → exit 2, "no space left"; a socket or an unwritable folder → exit 2, one line;
* ``serve --bolt-port`` → loopback only unless ``--bolt-host`` says otherwise (with a warning); Bolt clients see
  the graph the CLI wrote under the name ``falkordb``; SIGINT/SIGTERM stop it at once;
* the data dir is 0700, ``graph.rdb`` and the log 0600.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import json
import os
import random
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from faults import (
    clean_env,
    exported,
    ingest_args,
    ledger_size,
    newsgraph,
    one_line_error,
    server_alive,
    server_pid,
    start,
    wait_for,
)

pytestmark = [pytest.mark.store, pytest.mark.model]

# --- helpers: tests/faults.py ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def clean(clean_ingest) -> tuple[Path, str]:
    """The generated corpus ingested once, without trouble: its data dir and its exports."""
    return clean_ingest


@pytest.fixture
def small_disk(tmp_path) -> Path:
    """A 4 MB tmpfs, unmounted afterwards; the test is skipped, saying why, where mounting is not permitted."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command: the disk-full cases need a small tmpfs (CI mounts one as root)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or done.returncode}): the disk-full "
                    "cases need root (CI runs as root)")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte with one file; return it (delete it to free the space)."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as fh:
        for block in (1 << 16, 1 << 12, 1):
            try:
                while True:
                    fh.write(bytes(block))
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
    return filler


def first_articles(generated_dir: Path, folder: Path, n: int) -> Path:
    folder.mkdir()
    for path in sorted(generated_dir.glob("*.txt"))[:n]:
        shutil.copy(path, folder / path.name)
    return folder


# --- a full disk -------------------------------------------------------------------------------------------------
def test_a_disk_full_at_the_final_save_is_an_error_and_keeps_the_last_good_store(small_disk, generated_dir,
                                                                                   clean, tmp_path):
    data = small_disk / "data"
    first = newsgraph(*ingest_args(data, first_articles(generated_dir, tmp_path / "first", 6)))
    assert first.returncode == 0, first.stderr
    good = (data / "graph.rdb").read_bytes()
    filler = fill(small_disk)

    full = newsgraph(*ingest_args(data, generated_dir))
    one_line_error(full, 4, str(data), "no space left")
    assert (data / "graph.rdb").read_bytes() == good  # the last good state, not destroyed
    assert server_pid(data) is None or not server_alive(server_pid(data))

    filler.unlink()
    again = newsgraph(*ingest_args(data, generated_dir))
    assert again.returncode == 0, again.stderr
    assert exported(data, tmp_path) == clean[1]


def test_a_disk_that_fills_mid_run_is_an_error_without_traceback(small_disk, generated_dir, clean, tmp_path):
    from newsgraph.graph.server import EmbeddedFalkorDB

    data = small_disk / "data"
    with EmbeddedFalkorDB(data) as server:  # held by the test, so it can ask for a snapshot mid-run
        run = start(*ingest_args(data, generated_dir))
        wait_for(lambda: ledger_size(data) >= 4 or run.poll() is not None, what="four articles stored")
        filler = fill(small_disk)
        server.client().connection.bgsave()  # the minutely snapshot, now: it fails, and writes are refused
        out, err = run.communicate(timeout=300)
        one_line_error(subprocess.CompletedProcess(run.args, run.returncode, out, err), 4, str(data), "no space left")
        filler.unlink()
    again = newsgraph(*ingest_args(data, generated_dir))
    assert again.returncode == 0, again.stderr
    assert exported(data, tmp_path) == clean[1]


# --- the server dies -----------------------------------------------------------------------------------------------
def test_killing_the_server_mid_run_is_one_line_and_a_rerun_finishes(generated_dir, clean, tmp_path):
    data = tmp_path / "data"
    run = start(*ingest_args(data, generated_dir))
    wait_for(lambda: ledger_size(data) >= 4 or run.poll() is not None, what="four articles stored")
    pid = server_pid(data)
    assert pid is not None and run.poll() is None, run.stderr.read() if run.poll() is not None else "no pid file"
    os.kill(pid, signal.SIGKILL)
    out, err = run.communicate(timeout=120)
    one_line_error(subprocess.CompletedProcess(run.args, run.returncode, out, err), 4, str(data),
                   "stopped while in use", "run the command again")
    again = newsgraph(*ingest_args(data, generated_dir))
    assert again.returncode == 0, again.stderr
    assert exported(data, tmp_path) == clean[1]


# --- two writers -------------------------------------------------------------------------------------------------
def _two_ingests(data: Path, source: Path) -> tuple[subprocess.Popen[str], subprocess.Popen[str], str, str]:
    first, second = start(*ingest_args(data, source)), start(*ingest_args(data, source))
    out1, err1 = first.communicate(timeout=600)
    out2, err2 = second.communicate(timeout=600)
    assert (first.returncode, second.returncode) == (0, 0), err1 + err2
    return first, second, err1, err2


def test_two_ingests_at_once_store_what_one_stores(generated_dir, clean, tmp_path):
    data = tmp_path / "data"
    first, second, err1, err2 = _two_ingests(data, generated_dir)
    waited = [(err, other) for err, other in ((err1, second), (err2, first)) if "waiting for" in err]
    assert len(waited) == 1, err1 + err2  # one waited for the other, naming it
    err, other = waited[0]
    assert f"waiting for pid {other.pid}, which is writing to {data}" in err
    assert exported(data, tmp_path) == clean[1]


def test_two_ingests_under_serve_store_what_one_stores_and_reads_work(generated_dir, clean, tmp_path):
    data = tmp_path / "data"
    serve = start("serve", "--data-dir", str(data))
    try:
        assert "FalkorDB serving" in serve.stdout.readline()
        pid = server_pid(data)
        _two_ingests(data, generated_dir)
        assert exported(data, tmp_path) == clean[1]  # a reader while serve runs
        assert server_pid(data) == pid and server_alive(pid)  # nobody stopped serve's server
    finally:
        serve.send_signal(signal.SIGINT)
        serve.communicate(timeout=30)
    assert serve.returncode == 0
    assert not server_alive(pid)


def test_the_process_that_started_the_server_ending_first_leaves_it_to_the_others(generated_dir, tmp_path):
    data = tmp_path / "data"
    ingest = start(*ingest_args(data, generated_dir))  # starts the server
    wait_for(lambda: ledger_size(data) >= 2 or ingest.poll() is not None, what="the ingest's server")
    pid = server_pid(data)
    serve = start("serve", "--data-dir", str(data))  # reuses it
    try:
        assert "FalkorDB serving" in serve.stdout.readline()
        _, err = ingest.communicate(timeout=300)
        assert ingest.returncode == 0, err
        assert server_alive(pid) and ledger_size(data) == 24  # still up for serve
        listed = newsgraph("entities", "--data-dir", str(data))
        assert listed.returncode == 0 and "Person" in listed.stdout, listed.stderr
        assert server_pid(data) == pid
    finally:
        serve.send_signal(signal.SIGINT)
        serve.communicate(timeout=30)
    assert serve.returncode == 0
    wait_for(lambda: not server_alive(pid), timeout=10, what="the server to stop with its last user")


# --- export -o -----------------------------------------------------------------------------------------------------
def _export(clean: tuple[Path, str], out: str | Path, fmt: str = "evidence-jsonl") -> subprocess.CompletedProcess:
    return newsgraph("export", "-f", fmt, "-o", str(out), "--data-dir", str(clean[0]))


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """``/dev/<name>`` (a memory device, major 1) — as root a node of it made in ``tmp_path``, so that a broken
    export replaces that node and never the system's device; otherwise the system's, which only root could
    replace."""
    if os.geteuid() != 0:
        return Path("/dev") / name
    node = tmp_path / name
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    try:
        with open(node, "rb"):
            pass
    except OSError as exc:  # a file system mounted nodev
        pytest.skip(f"cannot use a device node in {tmp_path} ({exc.strerror}); not risking the system's {name}")
    return node


@pytest.mark.parametrize("fmt", ["evidence-jsonl", "json", "html"])
def test_export_to_dev_full_says_no_space_and_leaves_the_device(clean, tmp_path, fmt):
    full = _device(tmp_path, "full", 7)
    one_line_error(_export(clean, full, fmt), 2, str(full), "no space left")
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_export_to_dev_null_and_dev_stdout_writes_to_them(clean, tmp_path):
    null = _device(tmp_path, "null", 3)
    assert _export(clean, null).returncode == 0
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert _export(clean, tmp_path / "file.jsonl").returncode == 0
    piped = _export(clean, "/dev/stdout")  # stdout is a pipe here: written into, whatever it is
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == (tmp_path / "file.jsonl").read_text(encoding="utf-8")  # the data alone
    assert piped.stderr.startswith("wrote /dev/stdout (")
    dash = _export(clean, "-")  # the usual name of standard output; before, a file named "-"
    assert (dash.returncode, dash.stdout) == (0, piped.stdout) and not Path("-").exists()


@pytest.mark.parametrize("fmt", ["json", "evidence-jsonl"])
def test_an_export_into_a_pipe_its_reader_closes_ends_quietly(clean, fmt):
    """``export -o - | head``: before, the reader's closing was "cannot export to /dev/stdout: broken pipe", exit 2."""
    process = start("export", "-f", fmt, "-o", "-", "--data-dir", str(clean[0]))
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(10)) == 10
    process.stdout.close()  # as head does once it has its lines
    assert process.wait(timeout=120) == 0
    assert "broken pipe" not in process.stderr.read()
    whole = _export(clean, "/dev/stdout", fmt)
    assert len(whole.stdout.encode()) > 2**17  # more than a pipe holds: the writer met the closed end


@pytest.mark.parametrize("fmt", ["evidence-jsonl", "html"])
def test_export_through_a_symlink_replaces_the_file_it_points_to(clean, tmp_path, fmt):
    real = tmp_path / "real.out"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "link.out"
    link.symlink_to(real)
    assert _export(clean, link, fmt).returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert _export(clean, tmp_path / "direct.out", fmt).returncode == 0
    assert real.read_bytes() == (tmp_path / "direct.out").read_bytes()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_export_to_a_fifo_writes_into_it(clean, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = _export(clean, fifo)
    if reader.is_alive():  # nothing opened the FIFO for writing: let the reader go
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert _export(clean, tmp_path / "direct.jsonl").returncode == 0
    assert received == [(tmp_path / "direct.jsonl").read_bytes()]


def test_export_to_a_socket_is_refused(clean, tmp_path):
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        one_line_error(_export(clean, path), 2, str(path), "socket")
    assert path.is_socket()


def test_export_into_an_unwritable_folder_is_one_line(clean, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes through permission bits: use a read-only mount
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"as root, an unwritable folder needs a read-only mount, not permitted here: {done.stderr!r}")
    else:
        folder.chmod(0o500)
    try:
        line = one_line_error(_export(clean, folder / "out.jsonl"), 2, str(folder / "out.jsonl"))
        assert "permission denied" in line or "read-only file system" in line
        assert not any(folder.iterdir())
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.chmod(0o700)


# --- serve --bolt-port ---------------------------------------------------------------------------------------------
def _free_port() -> int:
    for port in random.sample(range(20000, 32768), 200):  # FalkorDB ignores Bolt ports above 32767
        with socket.socket(socket.AF_INET6) as probe:
            try:
                probe.bind(("::", port))  # FalkorDB's listener takes every interface
            except OSError:
                continue
            return port
    pytest.skip("no free TCP port below 32768")


def _outside_address() -> str | None:
    """An address of this machine that is not loopback, or None."""
    for family, target in ((socket.AF_INET, "198.51.100.1"), (socket.AF_INET6, "2001:db8::1")):
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            try:
                probe.connect((target, 9))  # sends nothing: picks the address of the outgoing interface
            except OSError:
                continue
            address = probe.getsockname()[0]
        if not ipaddress.ip_address(address).is_loopback and not ipaddress.ip_address(address).is_unspecified:
            return address
    return None


def _connects(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.5):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def bolt_data(generated_dir, tmp_path_factory) -> Path:
    """A data dir whose graph, named ``falkordb`` as Bolt clients see it, holds six articles."""
    data = tmp_path_factory.mktemp("bolt") / "data"
    source = first_articles(generated_dir, tmp_path_factory.mktemp("bolt-in") / "six", 6)
    result = newsgraph(*ingest_args(data, source, "--graph", "falkordb"))
    assert result.returncode == 0, result.stderr
    return data


def test_bolt_serves_loopback_only_and_sees_the_cli_graph(bolt_data):
    import neo4j

    port = _free_port()
    serve = start("serve", "--data-dir", str(bolt_data), "--bolt-port", str(port))
    try:
        line = serve.stdout.readline()
        assert f"Bolt on port {port} of 127.0.0.1 (graph 'falkordb')" in line, line + serve.stderr.read()
        assert _connects("127.0.0.1", port)
        outside = _outside_address()
        if outside is not None:
            assert not _connects(outside, port), f"Bolt answers on {outside}"
        with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", "")) as driver:
            records = driver.execute_query("MATCH (s:Source) WHERE s.sha256 IS NOT NULL RETURN count(s) AS n").records
        assert records[0]["n"] == 6
    finally:
        serve.send_signal(signal.SIGINT)
        _, err = serve.communicate(timeout=15)  # a hang guard, not a timing: it stops in well under a second
    assert serve.returncode == 0, err
    assert "Traceback" not in err
    if outside is None:
        pytest.skip("this machine has no address but loopback: only the loopback half was checked")


def test_bolt_on_every_interface_only_when_asked_and_with_a_warning(bolt_data):
    outside = _outside_address()
    if outside is None:
        pytest.skip("this machine has no address but loopback to connect from")
    port = _free_port()
    serve = start("serve", "--data-dir", str(bolt_data), "--bolt-port", str(port), "--bolt-host", "0.0.0.0")
    try:
        line = serve.stdout.readline()
        assert f"Bolt on port {port} of every interface" in line, line + serve.stderr.read()
        assert _connects(outside, port)
    finally:
        serve.send_signal(signal.SIGTERM)
        _, err = serve.communicate(timeout=15)
    assert serve.returncode == 0
    assert err.count("no authentication") == 1, err  # serve's warning, not the server's log line beside it


def test_serve_ends_in_one_line_when_its_server_is_killed(generated_dir, tmp_path):
    """Before, serve went on saying it served a server that was gone, and its share of the server kept a later
    command's own server running after that command ended."""
    data = tmp_path / "data"
    assert newsgraph(*ingest_args(data, first_articles(generated_dir, tmp_path / "two", 2))).returncode == 0
    serve = start("serve", "--data-dir", str(data))
    try:
        assert "FalkorDB serving" in serve.stdout.readline(), serve.stderr.read()
        os.kill(server_pid(data), signal.SIGKILL)
        _, err = serve.communicate(timeout=30)  # a hang guard: it ends within a second
    finally:
        if serve.poll() is None:
            serve.kill()
    assert serve.returncode == 4, err
    [line] = err.strip().splitlines()
    assert line.startswith(f"newsgraph: error: the FalkorDB server for {data} (pid ") and "stopped" in line
    result = newsgraph("query", "sources", "-f", "json", "--data-dir", str(data))  # the store is as last saved
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 2, result.stderr


def test_the_bolt_variable_opens_no_port_for_a_command_but_serve(bolt_data):
    """Before, NEWSGRAPH_BOLT_PORT made every command's server listen: a `browse` or an `ingest` exposed the graph
    on the network port a shell exported for `serve`."""
    bolt, web = _free_port(), _free_port()
    command = ["browse", "--data-dir", str(bolt_data), "--graph", "falkordb", "--port", str(web)]
    browse = subprocess.Popen([sys.executable, "-m", "newsgraph", *command], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**clean_env(), "NEWSGRAPH_BOLT_PORT": str(bolt)})
    try:
        line = browse.stdout.readline()
        assert "workbench on" in line, line + browse.stderr.read()
        assert _connects("127.0.0.1", web)
        assert not _connects("127.0.0.1", bolt)
        assert not (bolt_data / "falkordb.bolt").exists()
    finally:
        browse.send_signal(signal.SIGINT)
        browse.communicate(timeout=15)


def test_serve_refuses_a_bolt_port_the_running_server_lacks(bolt_data):
    """Before, `serve --bolt-port P` on a data dir whose server another command had started without Bolt said it
    served and logged a warning: no Bolt client could connect."""
    from newsgraph.graph.server import EmbeddedFalkorDB

    port = _free_port()
    with EmbeddedFalkorDB(bolt_data):
        result = newsgraph("serve", "--data-dir", str(bolt_data), "--bolt-port", str(port), timeout=60)
    one_line_error(result, 2, f"the server of {bolt_data} already runs", "with no Bolt port",
                   f"--bolt-port {port} cannot be opened")


def test_a_bolt_host_that_is_not_an_address_is_one_line(tmp_path):
    result = newsgraph("serve", "--data-dir", str(tmp_path / "d"), "--bolt-port", "23000", "--bolt-host", "example")
    one_line_error(result, 2, "bolt host", "'example'")


# --- permissions -----------------------------------------------------------------------------------------------------
def test_the_data_dir_is_private(generated_dir, tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    (data / "falkordb.log").write_text("")  # as an older version left them
    (data / "falkordb.log").chmod(0o644)
    old = os.umask(0o022)
    try:
        result = newsgraph(*ingest_args(data, first_articles(generated_dir, tmp_path / "two", 2)))
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ("graph.rdb", "falkordb.log"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    loose = [p.name for p in data.iterdir() if p.stat().st_mode & 0o077]
    assert not loose, loose
