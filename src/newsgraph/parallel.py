"""Where the parsing runs (this process, a pool of worker processes, or Dask) and the background store writer.

``open_analyzer(settings)`` yields an ``Analyzer``: its ``submit(articles)`` starts parsing and analysing a batch
and returns a handle whose ``result()`` is the list of ``ArticleAnalysis`` / ``Skipped`` for it, in input order. The
ingest job collects the handles in submission order, so what it resolves and writes does not depend on how many
workers there are or which finished first. Worker processes load the spaCy pipeline as they start, and an
analyzer can be opened ahead of an ingest (or kept for several) and waited on until every worker is ready.

A submit may report each article as its analysis is done (``Analyzer.per_article``): in this process as it is
parsed, from worker processes through a queue the parent reads as they finish each one; Dask reports per batch.

``BackgroundWriter`` writes graphs to the store in a thread, in order, one at a time, so that the next chunk is
parsed while the previous one is written (the store server is another process; the client mostly waits on it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, cast

import networkx as nx

from newsgraph.errors import BadSetting, NewsgraphError, WorkerFailed
from newsgraph.gcpause import paused_gc
from newsgraph.graph.store import GraphStore
from newsgraph.model import Article, ArticleAnalysis, Skipped
from newsgraph.processes import alive
from newsgraph.settings import Settings

log = logging.getLogger(__name__)

Result = list[ArticleAnalysis | Skipped]


class Handle(Protocol):
    def result(self) -> Result: ...


Submit = Callable[[Sequence[Article]], Handle]


@dataclass(frozen=True)
class Analyzer:
    """Where batches are parsed: ``submit`` starts one; ``lookahead`` is how many chunks to keep submitted ahead
    of the one being resolved; ``ready()`` blocks until every worker process has started and loaded the
    pipeline, and returns their process ids (none for an in-process or Dask analyzer)."""

    submit: Submit
    lookahead: int
    ready: Callable[[], tuple[int, ...]] = tuple
    #: ``submit`` takes ``on_article=``, a callable it calls (in some thread) as each article is analysed.
    per_article: bool = False


class _Guarded:
    """A future whose failure (a worker killed, a Dask worker without newsgraph) becomes one ``WorkerFailed`` line."""

    def __init__(self, future: Any, where: str) -> None:
        self._future, self._where = future, where

    def result(self) -> Result:
        try:
            return self._future.result()
        except NewsgraphError:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever the worker or the transport raised
            text = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise WorkerFailed(f"{self._where} failed: {type(exc).__name__}: {text}") from exc


def analyze(articles: Sequence[Article], model: str, batch_size: int,
            on_article: Callable[[], None] | None = None) -> Result:
    """Parse and analyse a batch (``newsgraph.ingest.nlp.analyze_batch``): the task sent to a worker process or a
    Dask worker. spaCy is imported where this runs, never by the process that only submits batches (an import of
    spaCy there would delay the start of the workers by most of a second)."""
    from newsgraph.ingest.nlp import analyze_batch

    return analyze_batch(articles, model, batch_size=batch_size, on_article=on_article)


def _analyze_in_worker(articles: Sequence[Article], model: str, batch_size: int, token: int | None) -> bytes:
    """The task of a worker process: ``analyze``, putting ``token`` on the pool's progress queue per article; the
    results come back pickled (``_Pickled`` loads them in the parent).

    The cyclic garbage collector is paused for the whole batch, parse and pickling included, and the results are
    dropped before it resumes: with it running, every collection between two articles walked the analyses of the
    batch kept so far (and now and then everything the process holds, the loaded model included), though none of
    them is in a cycle and all are freed, by reference counting, once pickled.
    """
    queue_ = _progress_queue
    report = None if token is None or queue_ is None else partial(queue_.put, token)
    with paused_gc():
        results = analyze(articles, model, batch_size, report)
        packed = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
        del results
    return packed


def _parse_in_worker(articles: Sequence[Article], model: str, batch_size: int, token: int | None) -> bytes:
    """The task of the one worker process of a pipelined pool (``_process_pool``): parse only
    (``newsgraph.ingest.nlp.parse_batch``), putting ``token`` on the progress queue per article parsed; the Docs
    come back pickled, to be analysed in the parent (``_AnalyzedHere``)."""
    from newsgraph.ingest.nlp import parse_batch

    queue_ = _progress_queue
    report = None if token is None or queue_ is None else partial(queue_.put, token)
    with paused_gc():
        return pickle.dumps(parse_batch(articles, model, batch_size=batch_size, on_article=report),
                            protocol=pickle.HIGHEST_PROTOCOL)


class _AnalyzedHere:
    """A future of ``_parse_in_worker``: the batch it parsed, analysed in this process when its result is asked
    for, with the cyclic collector paused (as a worker does)."""

    def __init__(self, future: Handle, articles: Sequence[Article], model: str, loaded: Callable[[], None]) -> None:
        self._future, self._articles, self._model, self._loaded = future, list(articles), model, loaded

    def result(self) -> Result:
        from newsgraph.ingest.nlp import analyze_parsed

        parsed = pickle.loads(cast(bytes, self._future.result()))
        self._loaded()  # the pipeline loaded once, by the thread that started loading it
        with paused_gc():
            return analyze_parsed(self._articles, parsed, self._model)


class _Pickled:
    """A future of ``_analyze_in_worker``: its result unpickled."""

    def __init__(self, future: Any) -> None:
        self._future = future

    def result(self) -> Result:
        return pickle.loads(self._future.result())


class _Lazy:
    """A batch parsed in this process when its result is asked for (so chunks are parsed one at a time)."""

    def __init__(self, articles: Sequence[Article], settings: Settings,
                 on_article: Callable[[], None] | None = None) -> None:
        self._articles, self._settings, self._on_article = list(articles), settings, on_article

    def result(self) -> Result:
        return analyze(self._articles, self._settings.model, self._settings.batch_size, self._on_article)


@contextlib.contextmanager
def open_analyzer(settings: Settings, *, in_process: bool = False) -> Iterator[Analyzer]:
    """Yield an ``Analyzer`` for ``settings``: this process when ``in_process`` (for an input of one chunk and
    one worker, or nothing to parse: no start-up cost), else Dask when ``settings.dask`` is set, else
    ``settings.workers`` worker processes, which start loading the pipeline at once.

    With one worker process, the worker only parses and this process analyses, resolves and writes chunk *k* while
    the worker parses chunk *k + 1* (parsing is most of the work: the worker never waits for the analysis, and the
    parse is all an ingest's time but the last chunk's); with more, each worker parses and analyses its batches.

    Raises:
        BadSetting: Dask is asked for but not installed, or its scheduler cannot be reached.
    """
    if in_process:
        yield Analyzer(partial(_Lazy, settings=settings), 0, per_article=True)
    elif settings.dask:
        with _dask(settings) as submit:
            yield Analyzer(submit, 1)
    else:
        with _process_pool(settings) as analyzer:
            yield analyzer


@contextlib.contextmanager
def _process_pool(settings: Settings) -> Iterator[Analyzer]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")  # no fork of a process with threads and open sockets
    _quiet_resource_tracker()  # before the pool's first lock starts the tracker
    # Workers start with spaCy and the task's modules imported (once, in the fork server).
    context.set_forkserver_preload(["newsgraph.parallel", "newsgraph.ingest.nlp", "newsgraph.ingest.analyze"])
    barrier = context.Barrier(settings.workers)
    progress = context.SimpleQueue()  # a task's token, once per article analysed
    listeners: dict[int, Callable[[], None]] = {}
    tokens = iter(range(1, 2**62))
    reader = threading.Thread(target=_read_progress, args=(progress, listeners), name="newsgraph-progress",
                              daemon=True)
    reader.start()
    # No max_tasks_per_child: on Python 3.11 a pool whose workers retire that way can hang.
    pool = ProcessPoolExecutor(settings.workers, mp_context=context, initializer=_init_worker,
                               initargs=(os.getpid(), settings.model, barrier, progress))
    try:
        # One task per worker starts them all now (the pool starts a worker per task submitted while none is
        # idle); each task waits at the barrier, so no worker takes two and all are ready when all have returned.
        starting = [pool.submit(_ready) for _ in range(settings.workers)]
        # One worker: it parses, this process analyses (``_AnalyzedHere``), and loads the pipeline for that (its
        # vocabulary reads the Docs back) beside the worker's start, in a thread.
        pipelined = settings.workers == 1
        loading = threading.Thread(target=_load_quietly, args=(settings.model,), name="newsgraph-load", daemon=True)
        if pipelined:
            loading.start()

        def ready() -> tuple[int, ...]:
            pids = []
            for future in starting:
                with contextlib.suppress(Exception):  # a worker that failed to start fails the first real batch
                    pids.append(future.result())
            if pipelined:
                loading.join()
            return tuple(pids)

        def submit(articles: Sequence[Article], on_article: Callable[[], None] | None = None) -> Handle:
            token = None
            if on_article is not None:
                token = next(tokens)
                listeners[token] = on_article
            if pipelined:
                parsed = _Guarded(pool.submit(_parse_in_worker, list(articles), settings.model, settings.batch_size,
                                              token), "a parsing worker process")
                return _AnalyzedHere(parsed, articles, settings.model, loading.join)
            return _Guarded(_Pickled(pool.submit(_analyze_in_worker, list(articles), settings.model,
                                                 settings.batch_size, token)), "a parsing worker process")

        yield Analyzer(submit, 1, ready, per_article=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        progress.put(None)
        reader.join(timeout=5)
        progress.close()


def _quiet_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (unless it runs) with a ``-W`` option it takes from ours: after a
    ``kill -9`` of the ingest it removes the pool's locks, and would warn of "leaked semaphore objects" doing so."""
    import sys
    from multiprocessing import resource_tracker

    quiet = "ignore::UserWarning:multiprocessing.resource_tracker"
    sys.warnoptions.append(quiet)
    try:
        resource_tracker.ensure_running()
    finally:
        sys.warnoptions.remove(quiet)


def _load_quietly(model: str) -> None:
    """Load the pipeline in this process ahead of the first batch; a failure fails that batch, with its message."""
    from newsgraph.ingest.nlp import load_pipeline

    with contextlib.suppress(NewsgraphError):
        load_pipeline(model)


def _read_progress(progress: Any, listeners: dict[int, Callable[[], None]]) -> None:
    """In the parent: call the listener of each token the workers put on ``progress``, until a None."""
    while True:
        try:
            token = progress.get()
        except (EOFError, OSError):
            return
        if token is None:
            return
        listener = listeners.get(token)
        if listener is not None:
            with contextlib.suppress(Exception):  # a progress bar's failure must not stop the ingest
                listener()


_barrier: Any = None
_progress_queue: Any = None


def _ready() -> int:
    """The start-up task: wait until every worker of the pool has started (and loaded the pipeline)."""
    with contextlib.suppress(Exception):  # a broken or timed-out barrier: carry on, the pool still works
        _barrier.wait(timeout=600)
    return os.getpid()


def _init_worker(parent: int, model: str, barrier: Any, progress: Any = None) -> None:
    """In a worker process: leave Ctrl-C to the parent (it stops the pool), exit when the parent is gone, and
    load the pipeline before the first batch arrives.

    A forkserver's worker is not the parent's child, and it holds both ends of its task pipe, so nothing else
    would end it after a ``kill -9`` of the parent: a watchdog thread checks every half second. A pipeline that
    fails to load here fails again, with its own message, in the first batch.
    """
    global _barrier, _progress_queue
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_without, args=(parent,), name="newsgraph-watchdog", daemon=True).start()
    _barrier, _progress_queue = barrier, progress
    _load_quietly(model)


def _exit_without(parent: int) -> None:
    while alive(parent):
        time.sleep(0.5)
    os._exit(1)


@contextlib.contextmanager
def _dask(settings: Settings) -> Iterator[Submit]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise BadSetting("--dask needs Dask: pip install 'newsgraph[dask]' (dask[distributed])") from exc
    with contextlib.ExitStack() as stack:
        stack.enter_context(_quiet_dask())
        try:
            if settings.dask == "local":
                cluster = stack.enter_context(LocalCluster(
                    n_workers=settings.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                    silence_logs=logging.CRITICAL))
                client = stack.enter_context(Client(cluster))
            else:
                client = stack.enter_context(Client(settings.dask, timeout="10s"))
        except (OSError, TimeoutError, ValueError) as exc:
            raise _unreachable(settings, exc) from exc
        log.info("parsing on Dask %s", client)
        where = (f"parsing on Dask at {settings.dask} (its workers need newsgraph and the spaCy model "
                 f"{settings.model!r} installed)")
        yield lambda articles: _Guarded(client.submit(analyze, list(articles), settings.model, settings.batch_size,
                                                      pure=False), where)


def reach_scheduler(settings: Settings) -> None:
    """Check that the Dask scheduler ``settings.dask`` names answers (a local cluster needs none), so that a
    wrong address fails before a store is opened or a data dir made.

    Raises:
        BadSetting: Dask is not installed, or the scheduler cannot be reached within 10 s.
    """
    if not settings.dask or settings.dask == "local":
        return
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise BadSetting("--dask needs Dask: pip install 'newsgraph[dask]' (dask[distributed])") from exc
    with _quiet_dask():
        try:
            Client(settings.dask, timeout="10s").close()
        except (OSError, TimeoutError, ValueError) as exc:
            raise _unreachable(settings, exc) from exc


def _unreachable(settings: Settings, exc: Exception) -> BadSetting:
    return BadSetting(f"--dask {settings.dask}: cannot reach the Dask scheduler "
                      f"({' '.join(str(exc).split())[:160]}); is it running?")


@contextlib.contextmanager
def _quiet_dask() -> Iterator[None]:
    """Keep Dask's own log lines (a nanny killing a slow worker at shutdown, a worker's traceback of a task that
    failed) off stderr while a cluster runs: a failure reaches the user once, as newsgraph's one-line error."""
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


class BackgroundWriter:
    """Write graphs to ``store`` in a thread, in the order given, at most ``depth`` waiting.

    ``put`` re-raises (in the caller's thread) a failure of an earlier write; ``close`` waits for the last write
    and re-raises its failure. ``done(tag, evidence_rows)`` is called in the writer thread after each graph is
    written; the graph is emptied then.
    """

    def __init__(self, store: GraphStore, done: Callable[[Any, int], None], *, depth: int = 1) -> None:
        self._store, self._done = store, done
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newsgraph-writer", daemon=True)
        self._thread.start()

    def put(self, graph: nx.MultiDiGraph | None, tag: Any) -> None:
        """Queue ``graph`` (None: nothing to write, only ``tag`` to report) for writing."""
        while True:
            self._raise()
            try:
                self._queue.put((graph, tag), timeout=0.2)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        """Wait for every queued write; raise the first failure."""
        self.put(None, None)  # sentinel with tag None
        self._thread.join()
        self._raise()

    def abort(self) -> None:
        """Write nothing more; wait for the write under way (it is atomic where the store can be)."""
        self._stop.set()
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait((None, None))
        self._thread.join(timeout=60)

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while True:
            graph, tag = self._queue.get()
            if tag is None or self._stop.is_set():
                return
            try:
                written = self._store.write_graph(graph) if graph is not None else 0
                self._done(tag, written)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                self._error = exc
                return
            if graph is not None:
                # A networkx graph holds reference cycles (its cached views point back at it), so only the
                # cyclic collector, which an ingest runs seldom, would free it: its data goes now.
                graph.clear()
