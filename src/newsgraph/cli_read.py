"""The reading commands of ``newsgraph``: ``queries``, ``query``, ``cypher``, ``entities`` and ``export``.

Registered on the one ``app`` of ``newsgraph.cli``, which imports this module after its own commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from newsgraph.cli import (
    Database,
    DataDir,
    Graph,
    Password,
    RowFormat,
    Since,
    Store,
    Until,
    Uri,
    User,
    _guarded,
    _settings,
    app,
)
from newsgraph.graph.rows import Rows
from newsgraph.inputs import require_graph


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
        params = " ".join(f"{p.name}={_kind(p)}" + (f"[{p.default}]" if p.default is not None else "")
                          for p in query.params)
        typer.echo(f"{query.name:16} {query.answers}" + (f"\n{'':16}   params: {params}" if params else ""))


def _kind(param: Any) -> str:
    """What a parameter takes, for `newsgraph queries`: its words, its range, else its type."""
    if param.values:
        return "|".join(param.values)
    return f"{param.bounds[0]}..{param.bounds[1]}" if param.bounds else param.type


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
    """Run a canned query and print its rows (sources by date, undated last). A name that matches no entity (story,
    source) is an error, not an empty answer."""

    def body() -> None:
        from newsgraph.errors import BadSetting
        from newsgraph.graph.window import check_window
        from newsgraph.queries import bind, check_lookups, get_query, run_query
        from newsgraph.stores import open_store

        _check_format(output)
        raw = _query_params(param or [])
        canned = get_query(name)
        window = check_window(since, until)
        declared = {p.name for p in canned.params}
        for option, key, given, value in (("--since", "since", since, window[0]), ("--until", "until", until,
                                                                                   window[1])):
            if value and key not in declared:
                raise BadSetting(f"{option}: query {name!r} takes no date window")
            if given is not None and key in raw:
                raise BadSetting(f"{option} {given!r} and --param {key}={raw[key]!r} both set {key!r}: give one of "
                                 "them")
            if value:
                raw[key] = value
        bind(canned, raw)  # a bad parameter is refused before the store starts
        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        require_graph(settings)
        with open_store(settings) as graph_store:
            rows = run_query(graph_store, name, raw)
            if not rows:
                check_lookups(graph_store, canned, raw)
        _print_rows(rows, output)

    _guarded(body)


def _query_params(items: list[str]) -> dict[str, str]:
    """The ``--param key=value`` items of ``query`` as a dict (the value as written; bind types it).

    >>> _query_params(["name=Putin", "limit = 5"])
    {'name': 'Putin', 'limit': ' 5'}

    Raises:
        BadQueryParameter: an item is no ``key=value``, or gives a key an earlier one gave.
    """
    from newsgraph.errors import BadQueryParameter

    raw: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise BadQueryParameter(f"--param {item!r}: write key=value")
        if key in raw:
            raise BadQueryParameter(f"--param {key}={value!r}: {key!r} is already given ({key}={raw[key]!r}); "
                                    "give each parameter once")
        raw[key] = value
    return raw


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
    limit: Annotated[Optional[int], typer.Option(
        "--limit", min=1, metavar="N", show_default=False,
        help="Print at most N rows, in any format \\[default: 1000 for a table; every row for json, ndjson and "
             "csv]; stderr says how many were left out.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Print every row of a table.")] = False,
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
) -> None:
    """Run an ad-hoc Cypher statement, read-only: one that would write is refused, and nothing changes. A table
    shows the first 1000 rows (--limit N, --all for more); json, ndjson and csv hold every row unless --limit."""

    def body() -> None:
        from newsgraph.errors import BadQueryParameter, BadSetting
        from newsgraph.stores import open_store

        _check_format(output)
        if every and limit is not None:
            raise BadSetting(f"--all and --limit {limit} contradict each other: give one of them")
        params: dict[str, Any] = {}
        for item in param or []:
            key, sep, value = item.partition("=")
            if not sep or not key.strip().isidentifier():
                raise BadQueryParameter(f"--param {item!r}: write key=value with a name of letters, digits and _")
            params[key.strip()] = _param_value(key.strip(), value)
        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        require_graph(settings)
        with open_store(settings) as graph_store:
            rows = graph_store.run_read_only(statement, params)
        cap = limit if limit is not None else (TABLE_ROWS if output == "table" and not every else None)
        if cap is None or len(rows) <= cap:
            _print_rows(rows, output)
            return
        _print_rows(Rows(rows[:cap], getattr(rows, "columns", ())), output)
        more = "--limit N for another number" if limit is not None else "--limit N or --all for more"
        typer.echo(f"newsgraph: {len(rows) - cap} of {len(rows)} rows left out (the first {cap} shown); {more}",
                   err=True)

    _guarded(body)


#: Rows a table of ``newsgraph cypher`` shows unless told otherwise: as many as the workbench's Cypher console.
TABLE_ROWS = 1000


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def _param_value(key: str, value: str) -> Any:
    """An ad-hoc statement's parameter: ``value`` read as JSON when it is JSON (``NaN`` and ``Infinity``, which
    Python's reader takes, are not), else as text.

    >>> _param_value("n", "3"), _param_value("s", "NaN"), _param_value("l", '["a", 2]')
    (3, 'NaN', ['a', 2])

    Raises:
        BadQueryParameter: a whole number beyond 64 bits, which the store would not hold as given.
    """
    from newsgraph.errors import BadQueryParameter

    try:
        parsed = json.loads(value, parse_constant=_not_json)
    except ValueError:
        return value
    stack = [parsed]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, int) and not isinstance(item, bool) and not -2**63 <= item < 2**63:
            raise BadQueryParameter(f"parameter {key!r}: {item} is beyond the 64-bit whole numbers the store holds "
                                    f"(-2^63 to 2^63-1); quote it (-p '{key}=\"{item}\"') to pass it as text")
    return parsed


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
    sources of those dates mention, and only the merges made in them (and those of `newsgraph resolve`)."""

    def body() -> None:
        from newsgraph.errors import BadSetting, UnknownEntity
        from newsgraph.graph import cypher
        from newsgraph.graph.overrides import merges_in_window
        from newsgraph.graph.rows import Rows
        from newsgraph.graph.window import check_window, window_entities, window_mention_counts, window_sources
        from newsgraph.model import ENTITY_TYPES
        from newsgraph.stores import open_store

        if output != "text":
            _check_format(output)
        if kind is not None and kind.lower() not in {t.lower() for t in ENTITY_TYPES}:
            raise BadSetting(f"--type {kind!r}: choose one of {', '.join(ENTITY_TYPES)}")
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
                _print_rows(Rows([{"type": e.type, "name": e.name, "id": e.id, "aliases": list(e.aliases)}
                                  for e in sorted(known, key=lambda e: (e.type, e.name))
                                  if kind is None or e.type.lower() == kind.lower()],
                                 ("type", "name", "id", "aliases")), output)
                return
            if explain is None:
                for entity in sorted(known, key=lambda e: (e.type, e.name)):
                    if kind is None or entity.type.lower() == kind.lower():
                        aliases = f"  (also: {', '.join(entity.aliases)})" if entity.aliases else ""
                        typer.echo(f"{entity.type:13} {entity.name}  [{entity.id}]{aliases}")
                return
            entity = graph_store.find_entity(explain)
            row = graph_store.run(cypher.EXPLAIN_ENTITY, {"id": entity.id})[0]
            if any(window):
                if entity.id not in mentioned:
                    ends = ", ".join(f"{word} {day}" for word, day in zip(("since", "until"), window) if day)
                    raise UnknownEntity(f"no source in the window ({ends}) mentions {entity.name!r} [{entity.id}]")
                dated = window_sources(graph_store, *window)
                counts = window_mention_counts(graph_store, entity.id, dated)
                row = {**row, "mention_count": counts[0], "source_count": counts[1],
                       "merges": merges_in_window(row["merges"], dated, window_sources(graph_store))}
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
                                               "entities-jsonl, mentions-jsonl, sources-jsonl (each source's "
                                               "metadata and the text the offsets point into), or html (the graph "
                                               "view and evidence panel in one self-contained file).",
                                               show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="File to write (a folder or .zip for csv); - for "
                                        "standard output.", metavar="PATH", show_default=False)],
    entity: Annotated[Optional[str], typer.Option(help="Only the subgraph around this entity.",
                                                  show_default=False)] = None,
    hops: Annotated[Optional[int], typer.Option(help="With --entity: how many relations away to go (2 when not "
                                                "given).", show_default=False)] = None,
    since: Since = None, until: Until = None,
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
) -> None:
    """Export the whole graph, or the subgraph around an entity, for Gephi, networkx or a report. With
    --since/--until: only the evidence of sources of those dates, and what it supports."""

    def body() -> None:
        from newsgraph.errors import BadSetting, UnknownEntity
        from newsgraph.graph.export import FORMATS, export_counted
        from newsgraph.graph.line_export import STREAMED, export_whole
        from newsgraph.graph.output import check_path, is_stream
        from newsgraph.graph.selection import Selection
        from newsgraph.graph.window import check_window, window_entities, window_graph
        from newsgraph.stores import open_store

        if output_format not in (*FORMATS, "html"):
            raise BadSetting(f"--format {output_format!r}: choose one of {', '.join(FORMATS)}, html")
        if hops is not None and entity is None:
            raise BadSetting(f"--hops {hops}: --hops needs --entity; without it the whole graph is exported")
        if hops is not None and hops < 0:
            raise BadSetting(f"--hops {hops}: give a number of relations, 0 or more")
        distance = 2 if hops is None else hops
        window = check_window(since, until)
        target = Path("/dev/stdout") if output == "-" else Path(output)  # as a shell redirection would write it
        if output != "-":
            check_path(output, output_format, one_file=output_format != "csv" or target.suffix.lower() == ".zip")
        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        require_graph(settings)
        with open_store(settings) as graph_store:
            found = None if entity is None else graph_store.find_entity(entity)
            around = None if found is None else [found.id]
            if found is not None and any(window) and found.id not in window_entities(graph_store, *window):
                ends = ", ".join(f"{word} {day}" for word, day in zip(("since", "until"), window) if day)
                raise UnknownEntity(f"no source in the window ({ends}) mentions {found.name!r} [{found.id}]")
            if around is None and window == ("", "") and output_format in STREAMED:  # no graph needed
                done = export_whole(graph_store, output_format, target)
                if done.complete:  # a reader that stopped early (`| head`) is told nothing
                    typer.echo(f"wrote {done.path} ({done.lines} lines)", err=is_stream(target))
                return
            subgraph = window_graph(graph_store.read_graph(around, hops=distance), *window, around=around,
                                    hops=distance)
            if output_format == "sources-jsonl":  # every source a line of the same selection points into
                from newsgraph.graph.export_reads import add_sources

                add_sources(graph_store, subgraph)
        chosen = Selection(since=window[0], until=window[1]) if found is None else \
            Selection(found.id, found.name, distance, *window)
        subgraph.graph["selection"] = chosen.attributes()  # recorded in the file (graph.export)
        if output_format == "html":
            from newsgraph.workbench.html_export import export_html

            page = export_html(subgraph, target, title=f"newsgraph: {chosen.title()}", start=around or ())
            if page is None:  # a reader that stopped early (`| head`) is told nothing
                return
            written = [page]
            size = _export_size(output_format, written, subgraph, around or ())
        else:
            done_graph = export_counted(subgraph, output_format, target)
            if not done_graph.complete:
                return
            written = done_graph.paths
            size = (f"{done_graph.nodes} nodes, {done_graph.edges} edges" if output_format == "csv"
                    else _export_size(output_format, written, subgraph))
        # Where the export itself goes to a stream (/dev/stdout, a pipe), the line that says so goes to stderr.
        # It names the entity --entity found (a partial name may find another than meant) and the window.
        of = (f" around {chosen.title()}" if found is not None
              else f" of the {chosen.title()}" if any(window) else "")
        typer.echo(f"wrote {', '.join(map(str, written))} ({size}){of}", err=is_stream(target))

    _guarded(body)


def _export_size(output_format: str, written: list[Path], subgraph: Any, start: Any = ()) -> str:
    """What an export wrote: the lines of a JSON Lines file (one record each), the nodes and relations an html
    view draws (``start``: the entity it is drawn around), else the graph's nodes and edges (csv counts its rows:
    ``Exported``)."""
    if output_format.endswith("-jsonl") and len(written) == 1 and written[0].is_file():
        with written[0].open("rb") as lines:
            return f"{sum(1 for _ in lines)} lines"
    if output_format == "html":
        from newsgraph.workbench.html_export import view_size

        nodes, relations = view_size(subgraph, start)
        return f"{nodes} nodes, {relations} relations drawn"
    return f"{subgraph.number_of_nodes()} nodes, {subgraph.number_of_edges()} edges"
