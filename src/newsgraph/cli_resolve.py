"""``newsgraph resolve``: apply the analyst's overrides file to a stored graph (``newsgraph.graph.reresolve``).

Registered on the one ``app`` of ``newsgraph.cli``, which imports this module last."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from newsgraph.cli import Database, DataDir, Graph, Password, Store, Uri, User, _env, _guarded, _settings, app
from newsgraph.inputs import require_graph


@app.command("resolve")
def resolve_command(
    overrides: Annotated[Optional[Path], typer.Option(
        "--overrides", help="The analyst's overrides: a TOML or JSON file of 'merge' and 'never' name pairs "
        "(as for ingest). Merges no longer in it that an earlier run made are undone.",
        **_env("overrides"))] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show each step with the override it applies and "
                                          "what it moves, and the overrides there is nothing to do for.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only say what would be done; write nothing.")] = False,
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
) -> None:
    """Re-resolve the stored graph with an overrides file: merge and split entities, moving their mentions,
    relations and evidence. Each step is one transaction; running it again with the same file changes nothing."""

    def body() -> None:
        from newsgraph.errors import BadSetting
        from newsgraph.graph.overrides import load_overrides
        from newsgraph.graph.reresolve import Done, reresolve
        from newsgraph.stores import open_store

        if overrides is None:
            raise BadSetting("newsgraph resolve needs the overrides file to apply: --overrides FILE "
                             "(or NEWSGRAPH_OVERRIDES)")
        rules = load_overrides(overrides)
        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        require_graph(settings)
        verb = "would " if dry_run else ""

        def show(done: Done) -> None:
            step, sel = done.step, done.step.selection
            typer.echo(f"{verb}{step.kind} {step.origin_name!r} [{sel.origin}] → {sel.target_name!r} [{sel.target}]")
            if explain:
                typer.echo(f"  override: {step.override}")
                if done.moved is not None:
                    m = done.moved
                    typer.echo(f"  moved: {m.spans} mention span(s), {m.evidence} evidence argument(s), "
                               f"{m.participants} event participation(s), {m.resolutions} merge log row(s); "
                               f"relations touched: {m.relations_before} → {m.relations_after}")

        with open_store(settings, write=not dry_run) as graph_store:
            report = reresolve(graph_store, rules, dry_run=dry_run, progress=show)
        if explain:
            for note in report.notes:
                typer.echo(f"nothing to do: {note}")
        kinds = [d.step.kind for d in report.done]
        typer.echo(f"{overrides}: {kinds.count('merge')} merge(s), {kinds.count('split')} split(s), "
                   f"{kinds.count('undo')} merge(s) undone" + (" to do (dry run: nothing written)" if dry_run else ""))

    _guarded(body)
