"""The wheel installs one import name, newsgraph, with the canned queries and the lexicon tables as package data;
doctests pass."""

import doctest
import importlib
import pkgutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import newsgraph

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
    for sub in ("ingest", "graph", "queries", "workbench"):
        assert f"newsgraph/{sub}/__init__.py" in names
    assert any(n.startswith("newsgraph/queries/") and n.endswith(".cypher") for n in names)
    for table in ("relation_classes.tsv", "lexicon_rules.tsv", "wordnet_verbs.tsv", "wordnet_event_nouns.tsv",
                  "wordnet_participles.tsv", "WORDNET_LICENSE"):
        assert f"newsgraph/ingest/data/{table}" in names, table
    for asset in ("index.html", "core.js", "views.js", "app.css", "vendor/cytoscape.min.js",
                  "vendor/cytoscape.LICENSE"):
        assert f"newsgraph/workbench/static/{asset}" in names


def test_no_top_level_graph_ingest_or_queries_importable_from_the_install():
    for name in ("graph", "ingest"):
        spec = importlib.util.find_spec(name)
        assert spec is None or "newsgraph" not in str(spec.origin or ""), name


def test_doctests_of_every_module():
    failures = 0
    for module_info in pkgutil.walk_packages(newsgraph.__path__, "newsgraph."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        failures += doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed
    assert failures == 0
