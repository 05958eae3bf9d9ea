"""Writing an export where the user asked (``newsgraph.graph.output``) and a windowed graph's participants, on
hand-made files and graphs: no store, no model."""

from __future__ import annotations

import os

import networkx as nx
import pytest

from newsgraph.errors import BadSetting
from newsgraph.graph import output
from newsgraph.graph.output import write_file, write_folder
from newsgraph.graph.window import window_graph

FILES = {"nodes.csv": b"new nodes\n", "relationships.csv": b"new relationships\n"}


def _old_folder(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "nodes.csv").write_bytes(b"old nodes\n")
    (folder / "relationships.csv").write_bytes(b"old relationships\n")
    return folder


def test_a_folder_where_a_file_goes_is_named_and_nothing_is_replaced(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "nodes.csv").write_bytes(b"old nodes\n")
    (folder / "relationships.csv").mkdir()
    with pytest.raises(BadSetting, match=f"{folder / 'relationships.csv'}: it is a folder"):
        write_folder(folder, FILES)
    assert (folder / "nodes.csv").read_bytes() == b"old nodes\n"
    assert sorted(p.name for p in folder.iterdir()) == ["nodes.csv", "relationships.csv"]


def test_a_rename_that_fails_puts_the_old_files_back_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    folder = _old_folder(tmp_path)
    real_replace, calls = os.replace, []

    def second_fails(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", second_fails)
    with pytest.raises(BadSetting, match=f"cannot export csv to {folder / 'relationships.csv'}: no space left"):
        write_folder(folder, FILES)
    monkeypatch.undo()
    assert (folder / "nodes.csv").read_bytes() == b"old nodes\n"
    assert (folder / "relationships.csv").read_bytes() == b"old relationships\n"
    assert sorted(p.name for p in folder.iterdir()) == ["nodes.csv", "relationships.csv"]


def test_a_folder_export_replaces_both_files_and_leaves_no_temporary_file(tmp_path):
    folder = _old_folder(tmp_path)
    (folder / "other.txt").write_bytes(b"kept")
    write_folder(folder, FILES)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {**FILES, "other.txt": b"kept"}


def test_a_stream_whose_reader_stopped_is_not_complete(tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        assert write_file(output.Path(f"/proc/self/fd/{write_end}"), b"x" * 200_000) is False
    finally:
        os.close(write_end)
    assert write_file(tmp_path / "g.json", b"{}") is True


def _graph_with_participants() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("march", kind="Source", published="2025-03-18")
    g.add_node("april", kind="Source", published="2025-04-02")
    g.add_node("ev", kind="Event", sources=["march", "april"], source_count=2)
    g.add_node("putin", kind="Entity", name="Vladimir Putin")
    g.add_node("trump", kind="Entity", name="Donald Trump")
    for source, entity in (("march", "putin"), ("april", "putin"), ("april", "trump")):
        g.add_edge(source, entity, key="MENTIONS", type="MENTIONS", count=1, mentions=[])
    for source in ("march", "april"):
        g.add_edge(source, "ev", key="REPORTS", type="REPORTS", mentions=[{"source": source, "start": 0}])
    g.add_edge("ev", "putin", key="HAS_PARTICIPANT:agent", type="HAS_PARTICIPANT", role="agent",
               sources=["march", "april"])
    g.add_edge("ev", "trump", key="HAS_PARTICIPANT:patient", type="HAS_PARTICIPANT", role="patient",
               sources=["april"])
    return g


def test_a_window_keeps_the_participants_its_sources_name_and_only_those_sources():
    """README, Dates: an entity takes part in an event only where a source in the window names it so."""
    g = _graph_with_participants()
    march = window_graph(g, "2025-03-01", "2025-03-31")
    assert [(u, v, d["sources"]) for u, v, d in march.edges(data=True) if d["type"] == "HAS_PARTICIPANT"] == [
        ("ev", "putin", ["march"])]
    assert g.edges["ev", "putin", "HAS_PARTICIPANT:agent"]["sources"] == ["march", "april"]  # the original
    whole = window_graph(g, "2025-03-01", "2025-04-30")
    assert sorted(d["sources"] for *_, d in whole.edges(data=True) if d["type"] == "HAS_PARTICIPANT") == [
        ["april"], ["march", "april"]]
