"""Benchmarks of newsgraph, run from the repository root as modules: ``python -m benchmarks.NAME --help``."""
