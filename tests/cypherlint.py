"""Offline Cypher linting with Neo4j's own parser and semantic analysis.

Thin wrapper around ``tests/cypherlint/lint.mjs`` (npm package
``@neo4j-cypher/language-support``). Install the Node side once with::

    npm ci --prefix tests/cypherlint

Usage::

    from cypherlint import lint
    results = lint({"upsert": "UNWIND $rows AS row MERGE (e:Entity {id: row.id})"})
    assert results["upsert"].errors == []

All statements go through one ``node`` process. Each statement is analysed as
Cypher 5 with no database schema, so unknown labels / relationship types /
property keys are never reported; parameters (``$rows``) are not errors and are
listed in ``LintResult.parameters``. Functions and procedures are checked
against a bundled snapshot of a Neo4j 5 server's registry (with APOC and GDS);
pass ``registry=False`` to skip that check.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

HARNESS_DIR = Path(__file__).resolve().parent / "cypherlint"
SCRIPT = HARNESS_DIR / "lint.mjs"
PACKAGE_DIR = HARNESS_DIR / "node_modules" / "@neo4j-cypher" / "language-support"
INSTALL_HINT = "npm ci --prefix tests/cypherlint"


@dataclass(frozen=True)
class Diagnostic:
    message: str
    line: int  # 1-based, relative to the statement text
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


@dataclass
class LintResult:
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    parameters: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _node() -> str | None:
    return shutil.which("node")


def available() -> bool:
    """True when ``node`` is on PATH and the npm package is installed."""
    return _node() is not None and (PACKAGE_DIR / "package.json").is_file()


def _check_available() -> str:
    node = _node()
    if node is None:
        raise RuntimeError(
            "cypherlint needs Node.js (`node` is not on PATH); install Node 20+ "
            f"and then run `{INSTALL_HINT}` from the repository root"
        )
    if not (PACKAGE_DIR / "package.json").is_file():
        raise RuntimeError(
            f"cypherlint's npm dependencies are not installed ({PACKAGE_DIR} is "
            f"missing); run `{INSTALL_HINT}` from the repository root"
        )
    return node


def _diags(raw: list[dict]) -> list[Diagnostic]:
    return [Diagnostic(d["message"], int(d["line"]), int(d["column"])) for d in raw]


def lint(
    statements: dict[str, str], *, registry: bool = True, timeout: float = 300.0
) -> dict[str, LintResult]:
    """Lint each named Cypher statement; returns ``{name: LintResult}``."""
    node = _check_available()
    if not statements:
        return {}
    payload = json.dumps(
        [{"name": name, "query": query} for name, query in statements.items()]
    )
    cmd = [node, str(SCRIPT)]
    if not registry:
        cmd.append("--no-registry")
    env = dict(os.environ)
    env.pop("NODE_OPTIONS", None)
    proc = subprocess.run(
        cmd,
        input=payload,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=HARNESS_DIR,
        env=env,
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"cypherlint failed (exit {proc.returncode}): {proc.stderr.strip()}"
        )
    try:
        raw = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(
            f"cypherlint printed invalid JSON: {exc}; stderr: {proc.stderr.strip()}"
        ) from exc
    results = {
        item["name"]: LintResult(
            errors=_diags(item["errors"]),
            warnings=_diags(item["warnings"]),
            parameters=list(item.get("parameters", [])),
        )
        for item in raw
    }
    missing = set(statements) - set(results)
    if missing:
        raise RuntimeError(f"cypherlint returned no result for {sorted(missing)}")
    return results


def format_errors(results: dict[str, LintResult]) -> str:
    """Human-readable list of the errors in ``results`` (for assert messages)."""
    lines = []
    for name, res in results.items():
        for d in res.errors:
            lines.append(f"{name}: {d}")
    return "\n".join(lines)
