"""The wheel installs one import name, newsgraph, with the canned queries and the lexicon tables as package data
(the doctests of every module are collected by pytest itself: ``--doctest-modules`` in pyproject.toml)."""

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(ROOT)], check=True)
    [path] = out.glob("newsgraph-*.whl")
    return path


def test_wheel_holds_only_the_newsgraph_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert top == {"newsgraph"}
    for sub in ("ingest", "graph", "queries"):
        assert f"newsgraph/{sub}/__init__.py" in names
    assert any(n.startswith("newsgraph/queries/") and n.endswith(".cypher") for n in names)
    for table in ("relation_classes.tsv", "lexicon_rules.tsv", "wordnet_verbs.tsv", "wordnet_event_nouns.tsv",
                  "wordnet_participles.tsv", "WORDNET_LICENSE"):
        assert f"newsgraph/ingest/data/{table}" in names, table


def test_no_top_level_graph_ingest_or_queries_importable_from_the_install():
    for name in ("graph", "ingest"):
        spec = importlib.util.find_spec(name)
        assert spec is None or "newsgraph" not in str(spec.origin or ""), name
