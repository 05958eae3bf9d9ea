"""The ``newsgraph`` command: ingest articles, ask canned questions, explain entities, export subgraphs."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from newsgraph.errors import NewsgraphError
from newsgraph.inputs import require_graph
from newsgraph.settings import ENV_PREFIX, Settings

app = typer.Typer(
    name="newsgraph", no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False,
    help="Turn news articles into one provenance graph of entities and relations, stored in FalkorDB or Neo4j.",
)


def _env(name: str, **kw: Any) -> dict[str, Any]:
    """Option arguments that name the setting's NEWSGRAPH_* variable and its default (if it has one) in the help."""
    default = Settings.model_fields[name].default
    shown = False if default in (None, "") else str(default)
    return {"envvar": f"{ENV_PREFIX}{name.upper()}", "show_envvar": True, "show_default": shown, **kw}


DataDir = Annotated[Optional[Path], typer.Option("--data-dir", help="Embedded store directory.", **_env("data_dir"))]
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
    renamed = {"uri": "neo4j_uri", "user": "neo4j_user", "password": "neo4j_password", "database": "neo4j_database"}
    return Settings.build({renamed.get(k, k): v for k, v in flags.items()}, os.environ)


def _fail(exc: NewsgraphError) -> typer.Exit:
    typer.echo(f"newsgraph: error: {' '.join(str(exc).split())}", err=True)
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
    story_threshold: Annotated[Optional[float], typer.Option(help="Similarity (0-1) an article needs to join a story.",
                                                             **_env("story_threshold"))] = None,
    story_window_days: Annotated[Optional[int], typer.Option(help="Days an article's date may lie outside a story's "
                                                             "dates.", **_env("story_window_days"))] = None,
    copy_threshold: Annotated[Optional[float], typer.Option(help="Share (0-1) of an article's word shingles another "
                                                            "must have for one to be a copy of the other.",
                                                            **_env("copy_threshold"))] = None,
    force: Annotated[bool, typer.Option(help="Process articles again even if their text is already stored.")] = False,
    examples: Annotated[int, typer.Option(help="How many example connections to print.")] = 5,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (no progress bar).")] = False,
) -> None:
    """Build (or extend) the graph from articles, then print a summary and a few connections with their sources.

    Articles stream through in chunks; an interrupted ingest (Ctrl-C, a kill) is finished by running it again.
    """

    def body() -> int:
        from newsgraph.graph.overrides import load_overrides
        from newsgraph.graph.roles import load_roles
        from newsgraph.inputs import spooled_stdin
        from newsgraph.pipeline import ingest as run_ingest
        from newsgraph.stores import open_store

        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph, model=model, batch_size=batch_size, workers=workers,
                             chunk_size=chunk_size, dask=dask, overrides=overrides, roles=roles,
                             story_threshold=story_threshold, story_window_days=story_window_days,
                             copy_threshold=copy_threshold)
        if settings.overrides:  # a bad file fails before a store is opened
            load_overrides(settings.overrides)
        if settings.roles:
            load_roles(settings.roles)

        def waiting(pid: int | None) -> None:
            holder = f"pid {pid}" if pid else "another process"
            typer.echo(f"newsgraph: waiting for {holder}, which is writing to {settings.data_dir} "
                       f"(one writer per data dir)", err=True)

        if "-" in paths and sys.stdin.isatty():
            typer.echo("newsgraph: reading JSON Lines from stdin (one article a line); end with Ctrl-D", err=True)
        with spooled_stdin(paths, sys.stdin) as (inputs, shown), \
                open_store(settings, write=True, on_wait=waiting) as graph_store:
            with _progress_bar(quiet) as progress:
                report = run_ingest(inputs, graph_store, settings, force=force, progress=progress)
            counts = graph_store.counts()
            top = _examples(graph_store, examples) if examples and not quiet else []
            skipped = [f"newsgraph: skipped {shown(item.path)}: {item.reason}" for item in report.skipped]
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
               f"in {report.seconds:.1f} s; {len(report.already)} already stored; {len(report.skipped)} skipped")
    typer.echo(f"graph ({where}): {counts['sources']} articles, {counts['entities']} entities, "
               f"{counts['concepts']} concepts, {counts['relations']} relations "
               f"({counts['corroborated']} reported by 2+ sources), {counts['evidence']} evidence sentences")
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


@app.command("queries")
def list_queries_command(
    browser: Annotated[bool, typer.Option(help="Print each query with :param lines for the Neo4j Browser.")] = False,
) -> None:
    """List the canned queries and their parameters."""
    from newsgraph.queries import browser_script, list_queries

    for query in list_queries():
        if browser:
            typer.echo(f"// {query.name}: {query.answers}\n{browser_script(query)}\n")
            continue
        params = " ".join(f"{p.name}={p.type}" + (f"[{p.default}]" if p.default is not None else "")
                          for p in query.params)
        typer.echo(f"{query.name:16} {query.answers}" + (f"\n{'':16}   params: {params}" if params else ""))


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="A canned query name (see `newsgraph queries`).", show_default=False)],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="key=value, repeatable.",
                                                       show_default=False)] = None,
    output: RowFormat = "table",
    since: Since = None, until: Until = None,
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
) -> None:
    """Run a canned query and print its rows (sources by date, undated last)."""

    def body() -> None:
        from newsgraph.errors import BadQueryParameter, BadSetting
        from newsgraph.graph.window import check_window
        from newsgraph.queries import get_query, run_query
        from newsgraph.stores import open_store

        _check_format(output)
        raw = {}
        for item in param or []:
            key, sep, value = item.partition("=")
            if not sep or not key:
                raise BadQueryParameter(f"--param {item!r}: write key=value")
            raw[key.strip()] = value
        canned = get_query(name)
        window = check_window(since, until)
        declared = {p.name for p in canned.params}
        for option, key, value in (("--since", "since", window[0]), ("--until", "until", window[1])):
            if value and key not in declared:
                raise BadSetting(f"{option}: query {name!r} takes no date window")
            if value:
                raw[key] = value
        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        require_graph(settings)
        with open_store(settings) as graph_store:
            rows = run_query(graph_store, name, raw)
        _print_rows(rows, output)

    _guarded(body)


def _check_format(output: str) -> None:
    from newsgraph.errors import BadSetting
    from newsgraph.render import FORMATS

    if output not in FORMATS:
        raise BadSetting(f"--format {output!r}: choose one of {', '.join(FORMATS)}")


def _print_rows(rows: list[dict], output: str) -> None:
    """Print rows to stdout in ``output``; a table as wide as the terminal (rich measures it; 80 when piped)."""
    from newsgraph.render import render_rows

    text = render_rows(rows, output)
    if text:
        typer.echo(text)


@app.command("cypher")
def cypher_command(
    statement: Annotated[str, typer.Argument(help="A read-only Cypher statement, e.g. "
                                             "\"MATCH (e:Entity) RETURN e.name LIMIT 5\".", show_default=False)],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="key=value, repeatable; the value is "
                                                       "read as JSON when it is JSON (3, true, null, [\"a\"]), else as "
                                                       "text.",
                                                       show_default=False)] = None,
    output: RowFormat = "table",
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
) -> None:
    """Run an ad-hoc Cypher statement, read-only: one that would write is refused, and nothing changes."""

    def body() -> None:
        from newsgraph.errors import BadQueryParameter
        from newsgraph.stores import open_store

        _check_format(output)
        params: dict[str, Any] = {}
        for item in param or []:
            key, sep, value = item.partition("=")
            if not sep or not key.strip().isidentifier():
                raise BadQueryParameter(f"--param {item!r}: write key=value with a name of letters, digits and _")
            try:
                params[key.strip()] = json.loads(value)
            except ValueError:
                params[key.strip()] = value
        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        require_graph(settings)
        with open_store(settings) as graph_store:
            rows = graph_store.run_read_only(statement, params)
        _print_rows(rows, output)

    _guarded(body)


@app.command()
def entities(
    explain: Annotated[Optional[str], typer.Option("--explain", help="Show how NAME was resolved: its aliases and "
                                                   "every merge with its rule.", show_default=False)] = None,
    kind: Annotated[Optional[str], typer.Option("--type", help="Only entities of this type (Person, Place, ...).",
                                                show_default=False)] = None,
    output: Annotated[str, typer.Option("--format", "-f", help="text (one line an entity, or the explanation), table, "
                                        "json, ndjson or csv.")] = "text",
    since: Since = None, until: Until = None,
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
) -> None:
    """List the canonical entities, or explain how one was resolved. With --since/--until: only the entities
    sources of those dates mention, and only the merges made in them."""

    def body() -> None:
        from newsgraph.graph import cypher
        from newsgraph.graph.window import check_window, window_entities, window_sources
        from newsgraph.stores import open_store

        if output != "text":
            _check_format(output)
        window = check_window(since, until)
        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        require_graph(settings)
        with open_store(settings) as graph_store:
            known = graph_store.known_entities()
            if any(window):
                mentioned = window_entities(graph_store, *window)
                known = [e for e in known if e.id in mentioned]
            if explain is None and output != "text":
                _print_rows([{"type": e.type, "name": e.name, "id": e.id, "aliases": list(e.aliases)}
                             for e in sorted(known, key=lambda e: (e.type, e.name))
                             if kind is None or e.type.lower() == kind.lower()], output)
                return
            if explain is None:
                for entity in sorted(known, key=lambda e: (e.type, e.name)):
                    if kind is None or entity.type.lower() == kind.lower():
                        aliases = f"  (also: {', '.join(entity.aliases)})" if entity.aliases else ""
                        typer.echo(f"{entity.type:13} {entity.name}  [{entity.id}]{aliases}")
                return
            entity = graph_store.find_entity(explain)
            row = graph_store.run(cypher.EXPLAIN_ENTITY, {"name": entity.id})[0]
            if any(window):
                dated = window_sources(graph_store, *window)
                row = {**row, "merges": [m for m in row["merges"] if m and m.get("source") in dated]}
        if output != "text":
            _print_rows([{**row, "merges": [m for m in row["merges"] if m]}], output)
            return
        typer.echo(f"{row['name']} [{row['id']}] — {row['type']}; {row['mention_count'] or 0} mentions in "
                   f"{row['source_count'] or 0} source(s)")
        typer.echo(f"aliases: {', '.join(row['aliases'] or []) or '(none)'}")
        typer.echo("merges:")
        for merge in (m for m in row["merges"] if m):
            detail = f" — {merge['detail']}" if merge.get("detail") else ""
            typer.echo(f"  {merge['source']}: {merge['alias']!r} by rule '{merge['rule']}'{detail}")

    _guarded(body)


@app.command()
def export(
    output_format: Annotated[str, typer.Option("--format", "-f", help="graphml, gexf, json, csv, evidence-jsonl, "
                                               "entities-jsonl, mentions-jsonl, or html (the graph view and evidence "
                                               "panel in one self-contained file).", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (a folder or .zip for csv).",
                                         show_default=False)],
    entity: Annotated[Optional[str], typer.Option(help="Only the subgraph around this entity.",
                                                  show_default=False)] = None,
    hops: Annotated[int, typer.Option(help="With --entity: how many relations away to go.")] = 2,
    since: Since = None, until: Until = None,
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
) -> None:
    """Export the whole graph, or the subgraph around an entity, for Gephi, networkx or a report. With
    --since/--until: only the evidence of sources of those dates, and what it supports."""

    def body() -> None:
        from newsgraph.errors import BadSetting
        from newsgraph.graph.export import FORMATS, export as write_export
        from newsgraph.graph.line_export import STREAMED, export_whole
        from newsgraph.graph.window import check_window, window_graph
        from newsgraph.stores import open_store

        if output_format not in (*FORMATS, "html"):
            raise BadSetting(f"--format {output_format!r}: choose one of {', '.join(FORMATS)}, html")
        window = check_window(since, until)
        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        require_graph(settings)
        with open_store(settings) as graph_store:
            found = None if entity is None else graph_store.find_entity(entity)
            around = None if found is None else [found.id]
            if around is None and window == ("", "") and output_format in STREAMED:  # no graph needed
                done = export_whole(graph_store, output_format, output)
                typer.echo(f"wrote {done.path} ({done.lines} lines)")
                return
            subgraph = window_graph(graph_store.read_graph(around, hops=hops), *window, around=around, hops=hops)
        if output_format == "html":
            from newsgraph.workbench.html_export import export_html

            title = "whole graph" if found is None else f"{found.name}, {hops} hop{'s' if hops != 1 else ''}"
            written = [export_html(subgraph, output, title=f"newsgraph: {title}", start=around or ())]
        else:
            written = write_export(subgraph, output_format, output)
        typer.echo(f"wrote {', '.join(map(str, written))} ({subgraph.number_of_nodes()} nodes, "
                   f"{subgraph.number_of_edges()} edges)")

    _guarded(body)


@app.command()
def browse(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7475,
    host: Annotated[str, typer.Option(
        help="Address to listen on. Anything but a loopback address exposes the graph to the network.")] = "127.0.0.1",
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
) -> None:
    """Open the workbench: a local, read-only web app with search, entity and story pages, a graph view with the
    sentences behind every edge, and a Cypher console. Ctrl-C stops it."""

    def body() -> None:
        from newsgraph.stores import open_store
        from newsgraph.workbench.server import Workbench, is_loopback

        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        if not is_loopback(host):
            typer.echo(f"newsgraph: warning: listening on {host}, not loopback: anyone who can reach this address "
                       "can read the whole graph", err=True)
        with open_store(settings) as graph_store:
            workbench = Workbench(graph_store, host, port)
            typer.echo(f"newsgraph workbench on {workbench.url} (read-only); Ctrl-C stops it")
            try:
                workbench.serve_forever()
            except KeyboardInterrupt:
                pass
            finally:
                workbench.shutdown()

    _guarded(body)


@app.command()
def serve(
    data_dir: DataDir = None, graph: Graph = None,
    bolt_port: Annotated[Optional[int], typer.Option(
        help="Also speak Bolt on PORT, 1..32767 (NEWSGRAPH_BOLT_PORT). Bolt clients see the graph named 'falkordb' "
             "(see README).", show_default=False)] = None,
    bolt_host: Annotated[Optional[str], typer.Option(
        help="Address Bolt accepts connections on [default: 127.0.0.1]; 0.0.0.0 for every interface — Bolt has no "
             "authentication (NEWSGRAPH_BOLT_HOST).", show_default=False)] = None,
    websocket: Annotated[Optional[int], typer.Option(
        help="Also speak Bolt over WebSocket on PORT of 127.0.0.1, for the Neo4j Browser; needs --bolt-port and "
             "newsgraph[bridge] (NEWSGRAPH_WEBSOCKET_PORT).", show_default=False)] = None,
    websocket_origin: Annotated[Optional[list[str]], typer.Option(
        help="Web page origin allowed to use the WebSocket port; repeatable [default: https://browser.neo4j.io] "
             "(NEWSGRAPH_WEBSOCKET_ORIGIN, space-separated).", show_default=False)] = None,
) -> None:
    """Keep the embedded FalkorDB server of the data directory running until Ctrl-C (or SIGTERM), so other
    commands share it."""

    def body() -> None:
        from newsgraph.errors import BadSetting
        from newsgraph.graph.server import EmbeddedFalkorDB
        from newsgraph.graph.ws_bridge import WebSocketBridge, check_origins

        settings = _settings(data_dir=data_dir, graph=graph, bolt_port=bolt_port, bolt_host=bolt_host,
                             websocket_port=websocket,
                             websocket_origin=" ".join(websocket_origin) if websocket_origin else None)
        origins: tuple[str, ...] = ()
        if settings.websocket_port is not None:
            if settings.bolt_port is None:
                raise BadSetting("--websocket bridges the Bolt port: give --bolt-port too")
            origins = check_origins(settings.websocket_origin.split())
        stop = _stop_on_signals()
        with ExitStack() as running:
            server = running.enter_context(
                EmbeddedFalkorDB(settings.data_dir, bolt_port=settings.bolt_port, bolt_host=settings.bolt_host))
            websocket_note = ""
            if settings.websocket_port is not None:
                if not server.bolt_port:
                    raise BadSetting("the running server of this data directory has no Bolt port to bridge: stop it "
                                     "and start it with --bolt-port")
                running.enter_context(WebSocketBridge(settings.websocket_port, server.bolt_port, origins=origins))
                websocket_note = (f", Bolt over WebSocket on 127.0.0.1:{settings.websocket_port} for pages from "
                                  f"{', '.join(origins)}")
            bolt = ""
            if server.bolt_port:
                where = ("every interface" if server.bolt_host in ("0.0.0.0", "::") else server.bolt_host
                         or "an address set by the process that started the server")
                bolt = f", Bolt on port {server.bolt_port} of {where} (graph 'falkordb')"
            typer.echo(f"FalkorDB serving {settings.data_dir} on {server.socket_path}{bolt}{websocket_note}; "
                       "Ctrl-C stops it")
            if server.bolt_port and server.bolt_host in ("0.0.0.0", "::"):
                typer.echo("newsgraph: warning: Bolt has no authentication: anyone who can reach this machine "
                           "can read and change the graph", err=True)
            if server.bolt_port and settings.graph != "falkordb":
                typer.echo(f"newsgraph: note: Bolt clients see the graph 'falkordb', not {settings.graph!r}; "
                           "ingest with --graph falkordb (NEWSGRAPH_GRAPH=falkordb) to browse it over Bolt", err=True)
            while not stop.wait(0.5):
                pass

    _guarded(body)


def _stop_on_signals():
    """An event set by SIGINT (Ctrl-C, even where a shell started us with it ignored), SIGTERM or SIGHUP."""
    import threading

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, lambda *_: stop.set())
    return stop


from newsgraph import cli_resolve  # noqa: E402,F401  (registers `resolve` on app)


def main() -> None:  # pragma: no cover - console entry for `python -m newsgraph`
    app(prog_name="newsgraph")


if __name__ == "__main__":  # pragma: no cover
    main()
