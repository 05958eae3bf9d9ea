"""benchmarks/circumstances.py: its "before" run has the circumstance rule off wherever the extractor uses it."""

from __future__ import annotations

from benchmarks import circumstances as bench
from newsgraph.ingest import circumstances as rules, clauses, triples, verb_frames


def test_the_before_run_switches_the_rule_off_in_every_module_that_imported_it():
    rule = rules.is_circumstantial
    with bench.rule_off() as names:
        for module in (rules, verb_frames, triples, clauses):
            assert module.is_circumstantial(None) is False, module.__name__
        assert bench.is_circumstantial is rule  # the benchmark's own count keeps the rule
    assert {"newsgraph.ingest.verb_frames", "newsgraph.ingest.triples", "newsgraph.ingest.clauses"} <= set(names)
    assert all(m.is_circumstantial is rule for m in (rules, verb_frames, triples, clauses))  # and back on after
