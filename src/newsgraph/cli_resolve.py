"""``newsgraph resolve``: apply the analyst's overrides file (``newsgraph.graph.reresolve``) and roles file
(``newsgraph.graph.reroles``) to a stored graph.

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
    roles: Annotated[Optional[Path], typer.Option(
        "--roles", help="The analyst's roles file (as for ingest): role descriptions the stored graph keeps "
        "unlinked ('the Russian leader') are linked to the holder it gives for their article's date.",
        **_env("roles"))] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show each step with the override or roles line it "
                                          "applies and what it moves, and what there is nothing to do for.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only say what would be done; write nothing.")] = False,
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
) -> None:
    """Re-resolve the stored graph with an overrides file (merge and split entities) and/or a roles file (link
    role descriptions to their holder), moving mentions, relations and evidence. Each step is one transaction;
    running it again with the same files changes nothing."""

    def body() -> None:
        from newsgraph.errors import BadSetting
        from newsgraph.graph.overrides import load_overrides
        from newsgraph.graph.reresolve import Done, reresolve
        from newsgraph.graph.reroles import Linked, RoleLink, apply_roles
        from newsgraph.graph.roles import load_roles
        from newsgraph.stores import open_store

        if overrides is None and roles is None:
            raise BadSetting("newsgraph resolve needs a file to apply: --overrides FILE (or NEWSGRAPH_OVERRIDES) "
                             "and/or --roles FILE (or NEWSGRAPH_ROLES)")
        rules = load_overrides(overrides) if overrides is not None else None
        book = load_roles(roles) if roles is not None else None
        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        require_graph(settings)
        verb = "would " if dry_run else ""

        def show(done: Done) -> None:
            step, sel = done.step, done.step.selection
            typer.echo(f"{verb}{step.kind} {step.origin_name!r} [{sel.origin}] → {sel.target_name!r} [{sel.target}]")
            if explain:
                typer.echo(f"  override: {step.override}")
                if done.moved is not None and sel.origin != sel.target:  # a rename (or its undo) moves nothing
                    m = done.moved
                    typer.echo(f"  moved: {m.spans} mention span(s), {m.evidence} evidence argument(s), "
                               f"{m.participants} event participation(s), {m.resolutions} merge log row(s); "
                               f"relations touched: {m.relations_before} → {m.relations_after}")

        def linked(link: RoleLink, moved: Linked | None) -> None:
            typer.echo(f"{verb}link {link.description!r} [{link.source}] → {link.line.holder!r} [{link.holder_id}]"
                       + (" (new entity)" if link.new else ""))
            if explain:
                line = link.line
                dates = "".join(f" | {d}" for d in (line.start, line.end) if d or line.end)
                typer.echo(f"  roles: {line.origin}: {line.country} | {line.role} | {line.holder}{dates} — "
                           f"{link.role} of {link.country} on {link.published or 'an undated article'}")
                if moved is not None:
                    typer.echo(f"  moved: {moved.ends} evidence end(s), {moved.speakers} speaker(s), "
                               f"{moved.spans} mention span(s); relations touched: {moved.relations_before} → "
                               f"{moved.relations_after}")

        dry = " to do (dry run: nothing written)" if dry_run else ""
        with open_store(settings, write=not dry_run, create=False) as graph_store:
            report = reresolve(graph_store, rules, dry_run=dry_run, progress=show) if rules is not None else None
            linking = apply_roles(graph_store, book, dry_run=dry_run, progress=linked) if book is not None else None
        if report is not None:
            if explain:
                for note in report.notes:
                    typer.echo(f"nothing to do: {note}")
            kinds = [d.step.kind for d in report.done]
            typer.echo(f"{overrides}: {kinds.count('merge')} merge(s), {kinds.count('split')} split(s), "
                       f"{kinds.count('undo')} merge(s) undone, {kinds.count('rename')} rename(s){dry}")
        if linking is not None:
            if explain:
                for note in linking.notes:
                    typer.echo(f"nothing to do: {note}")
            sources = {link.source for link, _ in linking.done}
            typer.echo(f"{roles}: {len(linking.done)} role description link(s) in {len(sources)} article(s){dry}")

    _guarded(body)
