"""The ``newsgraph`` command: ingest articles, ask canned questions, explain entities, export subgraphs."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from newsgraph.errors import BadSetting, NewsgraphError, ServerHung, check_model_installed, printable
from newsgraph.settings import ENV_PREFIX, SERVE_ONLY, Settings

app: typer.Typer = typer.Typer(  # annotated: the command modules import it back (an import cycle)
    name="newsgraph", no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False,
    help="Turn news articles into one provenance graph of entities and relations, stored in FalkorDB or Neo4j.",
)


def _env(name: str, **kw: Any) -> dict[str, Any]:
    """Option arguments that name the setting's NEWSGRAPH_* variable and its default (if it has one) in the help."""
    default = Settings.model_fields[name].default
    shown = False if default in (None, "") else str(default)
    return {"envvar": f"{ENV_PREFIX}{name.upper()}", "show_envvar": True, "show_default": shown, **kw}


#: Text, not a Path: an empty value ("--data-dir $UNSET") must reach the settings as one, to be refused, where a Path
#: would make it the current directory and an ingest would write its store there.
DataDir = Annotated[Optional[str], typer.Option("--data-dir", metavar="DIR", help="Embedded store directory.",
                                                **_env("data_dir"))]
Store = Annotated[Optional[str], typer.Option("--store", help="falkordb (embedded) or neo4j.", **_env("store"))]
Uri = Annotated[Optional[str], typer.Option("--uri", help="Neo4j URI, e.g. bolt://localhost:7687.",
                                            **_env("neo4j_uri"))]
User = Annotated[Optional[str], typer.Option("--user", help="Neo4j user.", **_env("neo4j_user"))]
Password = Annotated[Optional[str], typer.Option("--password", help="Neo4j password.",
                                                 **_env("neo4j_password", show_default=False))]
Database = Annotated[Optional[str], typer.Option("--database", help="Neo4j database (none: the user's home database).",
                                                 **_env("neo4j_database"))]
Graph = Annotated[Optional[str], typer.Option("--graph", help="Graph name inside FalkorDB.", **_env("graph"))]
Since = Annotated[Optional[str], typer.Option(
    "--since", metavar="DATE", show_default=False,
    help="Only what sources published on or after DATE (YYYY-MM-DD) report; with --since or --until, undated "
         "sources are left out (see README, Dates).")]
Until = Annotated[Optional[str], typer.Option(
    "--until", metavar="DATE", show_default=False,
    help="Only what sources published on or before DATE (YYYY-MM-DD) report; undated sources are left out.")]
RowFormat = Annotated[str, typer.Option(
    "--format", "-f", help="table (fits the terminal), json, ndjson (one JSON object a line) or csv.")]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"newsgraph {version('newsgraph')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", help="Print the version and exit.", callback=_version,
                                                    is_eager=True)] = None,
) -> None:
    """Turn news articles into one provenance graph of entities and relations, stored in FalkorDB or Neo4j."""


def _settings(**flags: Any) -> Settings:
    """The settings of a command from its flags and the environment. The Bolt and WebSocket variables
    (``SERVE_ONLY``) count only for a command that has their flags (``serve``): any other command's server opens no
    port, whatever the shell exports."""
    renamed = {"uri": "neo4j_uri", "user": "neo4j_user", "password": "neo4j_password", "database": "neo4j_database"}
    environ: Mapping[str, str] = os.environ
    if "bolt_port" not in flags:
        ignored = {ENV_PREFIX + name.upper() for name in SERVE_ONLY}
        environ = {k: v for k, v in os.environ.items() if k not in ignored}
    settings = Settings.build({renamed.get(k, k): v for k, v in flags.items()}, environ)
    if settings.store != "neo4j":
        typed = [f"--{k}" for k, v in flags.items()
                 if k in renamed and v is not None and v != os.environ.get(ENV_PREFIX + renamed[k].upper())]
        if typed:  # a flag the embedded store would ignore; typer fills a flag from its variable (which is fine)
            raise BadSetting(f"{', '.join(typed)} {'needs' if len(typed) == 1 else 'need'} --store neo4j (or "
                             "NEWSGRAPH_STORE=neo4j): the embedded FalkorDB store takes no connection settings")
        exported = [ENV_PREFIX + name.upper() for name in renamed.values() if os.environ.get(ENV_PREFIX + name.upper())]
        if exported:  # kept exported for the commands that use Neo4j: said once, not refused
            typer.echo(f"newsgraph: warning: {', '.join(exported)} {'applies' if len(exported) == 1 else 'apply'} "
                       "only with --store neo4j (NEWSGRAPH_STORE=neo4j); the embedded store ignores "
                       f"{'it' if len(exported) == 1 else 'them'}", err=True)
    return settings


def _fail(exc: NewsgraphError) -> typer.Exit:
    typer.echo(f"newsgraph: error: {printable(' '.join(str(exc).split()))}", err=True)
    return typer.Exit(exc.exit_code)


def _guarded(body: Callable[[], int | None]) -> None:
    try:
        code = body()
    except NewsgraphError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt:
        typer.echo("newsgraph: interrupted", err=True)
        raise typer.Exit(130) from None
    if code:
        raise typer.Exit(code)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Article files (.txt, .html, .json, .jsonl) or directories; - reads JSON Lines from stdin.",
        show_default=False)],
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline with a parser and NER.", **_env("model"))] = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Articles per nlp.pipe batch.",
                                                      **_env("batch_size"))] = None,
    workers: Annotated[Optional[int], typer.Option(help="Processes for parsing and extraction.",
                                                   **_env("workers"))] = None,
    chunk_size: Annotated[Optional[int], typer.Option(help="Articles resolved and written together; bounds memory.",
                                                      **_env("chunk_size"))] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Parse on Dask: a scheduler address (tcp://host:8786) "
                                                "or 'local'.", **_env("dask"))] = None,
    overrides: Annotated[Optional[Path], typer.Option(help="Analyst overrides for entity resolution: a TOML or JSON "
                                                      "file of 'merge' and 'never' name pairs.",
                                                      **_env("overrides"))] = None,
    roles: Annotated[Optional[Path], typer.Option(help="Analyst roles file for role descriptions ('the Russian "
                                                  "leader'): lines 'country | role | holder [| from [| until]]'.",
                                                  **_env("roles"))] = None,
    story_threshold: Annotated[Optional[float], typer.Option(help="Similarity (0-1) an article needs to join a story "
                                                             "(half of it for a short article).",
                                                             **_env("story_threshold"))] = None,
    story_window_days: Annotated[Optional[int], typer.Option(help="Days an article's date may lie outside a story's "
                                                             "dates.", **_env("story_window_days"))] = None,
    copy_threshold: Annotated[Optional[float], typer.Option(help="Share (0-1) of an article's word shingles another "
                                                            "must have for one to be a copy of the other.",
                                                            **_env("copy_threshold"))] = None,
    force: Annotated[bool, typer.Option(help="Analyse articles again even if their text is already stored, taking "
                                             "out what their earlier run wrote first.")] = False,
    examples: Annotated[int, typer.Option(help="How many example connections to print.")] = 5,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (no progress bar).")] = False,
) -> None:
    """Build (or extend) the graph from articles, then print a summary and a few connections with their sources.

    Articles stream through in chunks; an interrupted ingest (Ctrl-C, a kill) is finished by running it again.
    """

    def body() -> int:
        from newsgraph.graph.overrides import load_overrides
        from newsgraph.graph.roles import load_roles
        from newsgraph.ingest.articles import check_paths
        from newsgraph.inputs import spooled_stdin
        from newsgraph.parallel import reach_scheduler
        from newsgraph.pipeline import IngestReport, ingest as run_ingest
        from newsgraph.stores import one_writer, open_store

        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph, model=model, batch_size=batch_size, workers=workers,
                             chunk_size=chunk_size, dask=dask, overrides=overrides, roles=roles,
                             story_threshold=story_threshold, story_window_days=story_window_days,
                             copy_threshold=copy_threshold)
        if settings.overrides:  # a bad file fails before a store is opened
            load_overrides(settings.overrides)
        if settings.roles:
            load_roles(settings.roles)
        if settings.dask in ("", "local"):  # a model that is not there fails before a data dir is made
            check_model_installed(settings.model)  # (a Dask cluster's workers load theirs)
        reach_scheduler(settings)  # so does a Dask scheduler that does not answer

        def waiting(pid: int | None) -> None:
            holder = f"pid {pid}" if pid else "another process"
            typer.echo(f"newsgraph: waiting for {holder}, which is writing to {settings.data_dir} "
                       f"(one writer per data dir)", err=True)

        if "-" in paths and sys.stdin.isatty():
            typer.echo("newsgraph: reading JSON Lines from stdin (one article a line); end with Ctrl-D", err=True)
        done = {"total": 0, "articles": 0}  # what the progress events told, for the message of an interrupted run

        def counted(bar: Callable[[str, int], None] | None) -> Callable[[str, int], None]:
            def progress(event: str, n: int) -> None:
                if event in done:
                    done[event] = n if event == "total" else done[event] + n
                if bar is not None:
                    bar(event, n)
            return progress

        def once(inputs: list[Path]) -> tuple[IngestReport, dict[str, int], list[dict]]:
            with open_store(settings, write=True, on_wait=waiting) as graph_store:
                with _progress_bar(quiet) as progress:
                    report = run_ingest(inputs, graph_store, settings, force=force, progress=counted(progress))
                return report, graph_store.counts(), _examples(graph_store, examples) if examples and not quiet else []

        with spooled_stdin(paths, sys.stdin) as (inputs, shown):
            check_paths(inputs)  # a mistyped path fails before the data dir is made or a server started
            with one_writer(settings, waiting):  # for both runs
                try:
                    try:
                        report, counts, top = once(inputs)
                    except ServerHung as exc:  # a FalkorDB deadlock, rare: the run again the message asks for, once
                        typer.echo(f"newsgraph: the FalkorDB server for {exc.data_dir} (pid {exc.pid}) stopped "
                                   f"answering and was killed; starting it again to finish the job from its last "
                                   f"save", err=True)
                        report, counts, top = once(inputs)
                except KeyboardInterrupt:
                    so_far = f" after {done['articles']} of {done['total']} articles" if done["total"] else ""
                    typer.echo(f"newsgraph: interrupted{so_far}; what was written is kept: run the same command "
                               f"again to finish", err=True)
                    raise typer.Exit(130) from None
            skipped = [printable(f"newsgraph: warning: {shown(line)}") for line in report.warnings]
            skipped += [printable(f"newsgraph: skipped {shown(item.path)}: {item.reason}") for item in report.skipped]
        for line in skipped:
            typer.echo(line, err=True)
        if not quiet:
            _print_summary(report, counts, top, settings)
        return 2 if report.skipped else 0

    _guarded(body)


@contextmanager
def _progress_bar(quiet: bool) -> Iterator[Callable[[str, int], None] | None]:
    """A progress bar on stderr when it is a terminal and not ``--quiet``: articles parsed (it moves with each
    article analysed, here or in a worker process; per batch on Dask), articles/s, articles written, ETA."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield None
        return
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"), TaskProgressColumn(),
               TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[written]} written"), TimeElapsedColumn(),
               TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("ingest", total=None, rate="", written=0)

        def update(event: str, count: int) -> None:
            if event == "total":
                bar.update(task, total=count)
            elif event == "articles":
                bar.update(task, written=bar.tasks[0].fields["written"] + count)
            else:
                bar.advance(task, count)
                speed = bar.tasks[0].speed
                bar.update(task, rate=f"{speed:.1f} articles/s" if speed else "")

        yield update


def _examples(graph_store, limit: int) -> list[dict]:
    from newsgraph.queries import run_query

    rows = run_query(graph_store, "corroborated", {"min_sources": "2"})
    if len(rows) < limit:
        rows += run_query(graph_store, "single-source", {})
    return rows[:limit]


def _print_summary(report, counts: dict[str, int], top: list[dict], settings: Settings) -> None:
    where = f"FalkorDB in {settings.data_dir}" if settings.store == "falkordb" else f"Neo4j at {settings.neo4j_uri}"
    typer.echo(f"ingested {len(report.ingested)} article(s) ({report.words} words, {report.sentences} sentences) "
               f"in {report.seconds:.1f} s; {len(report.already)} already stored; "
               + (f"{len(report.repeated)} repeated in the input; " if report.repeated else "")
               + f"{len(report.skipped)} skipped"
               + (f"; {len(report.redone)} stored before, taken out and written again" if report.redone else ""))
    articles = f"{counts['sources']} article{'' if counts['sources'] == 1 else 's'}"
    typer.echo(f"graph ({where}): {articles}, {counts['entities']} entities, "
               f"{counts['concepts']} concepts, {counts['relations']} relations "
               f"({counts['corroborated']} corroborated by 2+ independent sources, {counts.get('reported', 0)} by "
               f"2+ sources counting copies), {counts['evidence']} evidence sentences")
    if top:
        typer.echo("examples:")
        for row in top:
            ids = row.get("sources") or [row.get("source")]
            outlets = row.get("outlets") or [row.get("outlet")]
            said = ", ".join(o or i for o, i in zip(outlets, ids))
            typer.echo(f"  {_example(row)}   [{said}]")


def _example(row: dict) -> str:
    """One relation as the ingest prints it, negation and hedging shown: ``A –not block→ B`` when every report
    of it is negated, ``(negated in 1 of 3)`` when some are, ``(hedged)`` / ``(hedged in 1 of 3)`` likewise.

    >>> _example({"subject": "Orban", "predicate": "block", "object": "measure", "evidence": 1, "negated": 1,
    ...           "hedged": 0})
    'Orban –not block→ measure'
    >>> _example({"subject": "A", "predicate": "agree to", "object": "B", "evidence": 3, "negated": 1, "hedged": 3})
    'A –agree to→ B (negated in 1 of 3, hedged)'
    """
    total, negated, hedged = (int(row.get(k) or 0) for k in ("evidence", "negated", "hedged"))
    predicate = f"not {row['predicate']}" if total and negated == total else row["predicate"]
    marks = [f"negated in {negated} of {total}"] if 0 < negated < total else []
    marks += ["hedged"] if total and hedged == total else [f"hedged in {hedged} of {total}"] if hedged else []
    return f"{row['subject']} –{predicate}→ {row['object']}" + (f" ({', '.join(marks)})" if marks else "")


# The other commands, registered on ``app`` in this order (their order in --help); re-exported here.
from newsgraph.cli_read import (  # noqa: E402,F401
    _check_format,
    _print_rows,
    cypher_command,
    entities,
    export,
    list_queries_command,
    query,
)
from newsgraph.cli_serve import _stop_on_signals, browse, serve  # noqa: E402,F401

# isort: split
from newsgraph import cli_resolve  # noqa: E402,F401  (registers `resolve` on app)


def main() -> None:  # pragma: no cover - console entry for `python -m newsgraph`
    app(prog_name="newsgraph")


if __name__ == "__main__":  # pragma: no cover
    main()
