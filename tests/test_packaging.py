"""The wheel installs one import name, newsgraph, with the canned queries and the lexicon tables as package data
(the doctests of every module are collected by pytest itself: ``--doctest-modules`` in pyproject.toml)."""

import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def leaked_top_level(names: Iterable[str]) -> set[str]:
    """The top-level names a wheel's files (or an installed distribution's RECORD) put into site-packages besides
    ``newsgraph`` and its own metadata; a ``.data/purelib`` or ``.data/platlib`` folder installs its content at
    the top level too.

    >>> sorted(leaked_top_level(["newsgraph/__init__.py", "newsgraph-0.1.0.dist-info/RECORD",
    ...                          "newsgraph-0.1.0.data/scripts/x"]))
    []
    >>> sorted(leaked_top_level(["newsgraph/__init__.py", "graph/build.py", "queries.py",
    ...                          "newsgraph-0.1.0.data/purelib/ingest/nlp.py"]))
    ['graph', 'ingest', 'queries.py']
    """
    leaked = set()
    for name in names:
        parts = name.split("/")
        if parts[0].startswith("newsgraph-") and parts[0].endswith(".data"):
            if len(parts) > 2 and parts[1] in {"purelib", "platlib"}:
                parts = parts[2:]
            else:
                continue  # scripts, headers, data: not import names
        top = parts[0]
        if top == "newsgraph" or (top.startswith("newsgraph-") and top.endswith(".dist-info")):
            continue
        leaked.add(top)
    return leaked


def test_the_leak_check_fails_on_a_leaked_package_whatever_its_name():
    assert leaked_top_level(["graph/__init__.py", "benchmarks/carb.py", "tests/conftest.py"]) == {
        "graph", "benchmarks", "tests"}
    assert leaked_top_level(["newsgraph/graph/__init__.py", "newsgraph-0.1.0.dist-info/METADATA"]) == set()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the sources: setuptools reuses what an earlier build left in ``build/``."""
    source = tmp_path_factory.mktemp("source") / "newsgraph"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "node_modules", "__pycache__", ".*cache", ".newsgraph"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(source)], check=True)
    [path] = out.glob("newsgraph-*.whl")
    return path


def test_wheel_holds_only_the_newsgraph_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert leaked_top_level(names) == set()
    assert "newsgraph/py.typed" in names
    for sub in ("ingest", "graph", "queries", "workbench"):
        assert f"newsgraph/{sub}/__init__.py" in names
    assert any(n.startswith("newsgraph/queries/") and n.endswith(".cypher") for n in names)
    for table in ("relation_classes.tsv", "lexicon_rules.tsv", "wordnet_verbs.tsv", "wordnet_event_nouns.tsv",
                  "wordnet_participles.tsv", "wordnet_noun_classes.tsv", "WORDNET_LICENSE"):
        assert f"newsgraph/ingest/data/{table}" in names, table
    for asset in ("index.html", "core.js", "views.js", "app.css", "vendor/cytoscape.min.js",
                  "vendor/cytoscape.LICENSE"):
        assert f"newsgraph/workbench/static/{asset}" in names


_INSTALLED = """
import importlib.util, json, sys
from importlib.metadata import distribution

dist = distribution("newsgraph")
print(json.dumps({
    "record": [str(f) for f in dist.files or ()],
    "record_paths": [str(dist.locate_file(f).resolve()) for f in dist.files or ()],
    "origins": {n: getattr(importlib.util.find_spec(n), "origin", None) for n in sys.argv[1:]},
}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """What a fresh interpreter outside the repository sees of the installed newsgraph: its RECORD, and where
    ``graph``, ``ingest``, ... would be imported from. Isolated (-I): no PYTHONPATH and no current folder on
    sys.path, so neither the repository nor a build's ``newsgraph.egg-info`` in it is seen."""
    names = ["graph", "ingest", "queries", "benchmarks", "tests", "src"]
    done = subprocess.run([sys.executable, "-I", "-c", _INSTALLED, *names], cwd=tmp_path_factory.mktemp("away"),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_the_installed_distribution_holds_only_the_newsgraph_package(installed):
    # RECORD, less the console script (outside site-packages) and an editable install's own loader files
    files = [f for f in installed["record"] if not f.startswith("../") and not f.startswith("__editable__")]
    assert any(f.startswith("newsgraph-") and f.endswith(".dist-info/RECORD") for f in files)
    assert leaked_top_level(files) == set()


def test_no_top_level_graph_ingest_or_queries_importable_from_the_install(installed):
    newsgraph_files = {Path(path) for path in installed["record_paths"]}
    ours = {name: origin for name, origin in installed["origins"].items() if origin is not None
            and (Path(origin).resolve().is_relative_to(ROOT) or Path(origin).resolve() in newsgraph_files)}
    assert ours == {}
