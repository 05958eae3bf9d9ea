"""Where the benchmarks find their data: ``--data`` on every benchmark, by default ``../shared/data`` beside the
repository (the layout CI and the developers' machines share)."""

from __future__ import annotations

import argparse
from pathlib import Path

#: The repository root (the folder holding ``benchmarks/``).
ROOT = Path(__file__).resolve().parents[1]
#: ``../shared/data`` relative to the repository.
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--data DIR`` (default ``DEFAULT_DATA``) to a benchmark's argument parser.

    >>> parser = argparse.ArgumentParser()
    >>> add_data_argument(parser)
    >>> parser.parse_args(["--data", "/tmp/d"]).data
    PosixPath('/tmp/d')
    """
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"the shared data folder (default: {DEFAULT_DATA})")
