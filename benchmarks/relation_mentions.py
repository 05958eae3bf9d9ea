"""A ``mentions-jsonl`` file built from the two exports that came before it, for the figures of the graph without
event nodes (``--from-relations`` of ``benchmarks.events`` and ``benchmarks.resolution``).

* ``entities-jsonl``: each span of an entity's ``MENTIONS`` is an ``Entity`` mention of that entity;
* ``evidence-jsonl``: each concept end of a relation (subject or object span) is a ``Concept`` mention of that
  concept node, and each relation evidence's predicate verb an ``Event`` mention whose node is the relation edge
  (``edge_id``): one edge, one "event". The evidence names its predicate ("be arrest in") but not where the verb
  stands, so it is found in the evidence's sentence of the benchmark's own parse: the tokens whose lemma or word is
  one of the predicate's words, verbs (else auxiliaries) governing the subject or object span, or else the one
  nearest the subject. The ``kind`` of these mentions is ``relation``/``argument``/``entity`` (the older exports
  do not say how a mention was found).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.corpora import read_jsonl

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _record(source: str, start: int, end: int, text: str, node: str, label: str, kind: str) -> dict:
    return {"source": source, "start": start, "end": end, "text": text, "node_id": node, "node_label": label,
            "kind": kind}


def _span_tokens(doc: Doc, part: dict) -> list[Token]:
    if part.get("start") is None:
        return []
    span = doc.char_span(part["start"], part["end"], alignment_mode="expand")
    return list(span) if span is not None else []


def predicate_tokens(doc: Doc, evidence: dict) -> list[Token]:
    """The tokens of ``doc`` that carry the predicate of one ``evidence-jsonl`` record (see the module notes)."""
    words = set(str(evidence.get("predicate") or "").lower().split())
    sentence = doc.char_span(evidence["sentence_start"], evidence["sentence_end"], alignment_mode="expand")
    if sentence is None or not words:
        return []
    subject, obj = _span_tokens(doc, evidence["subject"]), _span_tokens(doc, evidence["object"])
    inside = {t.i for t in subject + obj}
    candidates = [t for t in sentence if t.i not in inside and t.pos_ in {"VERB", "AUX"}
                  and (t.lemma_.lower() in words or t.lower_ in words)]
    if not candidates:
        return []
    arguments = [t for t in subject + obj]
    governing = [t for t in candidates if any(t in a.ancestors for a in arguments)]
    if governing:
        return [t for t in governing if t.pos_ == "VERB"] or governing[:1]
    anchor = subject[0].i if subject else (obj[0].i if obj else sentence.start)
    return [min(candidates, key=lambda t: (t.pos_ != "VERB", abs(t.i - anchor), t.i))]


def relation_mentions(entities: Path, evidence: Path, docs: dict[str, Doc]) -> Iterator[dict]:
    """The mentions-jsonl records of the graph exported as ``entities`` and ``evidence`` (JSON Lines files);
    ``docs`` are the benchmark's parses of the articles, by article id, whose character offsets are the
    article's."""
    for entity in read_jsonl(entities):
        for m in entity.get("mentions") or ():
            yield _record(m["source"], m["start"], m["end"], m.get("text") or "", entity["entity_id"], "Entity",
                          "entity")
    for e in read_jsonl(evidence):
        source = e["source"]
        for side in ("subject", "object"):
            part = e.get(side) or {}
            if part.get("type") == "Concept" and part.get("start") is not None:
                yield _record(source, part["start"], part["end"], part.get("text") or "", part["entity_id"],
                              "Concept", "argument")
        doc = docs.get(source)
        for token in predicate_tokens(doc, e) if doc is not None else ():
            yield _record(source, token.idx, token.idx + len(token), token.text, e["edge_id"], "Event", "relation")


def write_relation_mentions(entities: Path, evidence: Path, docs: dict[str, Doc], path: Path) -> Path:
    """Write ``relation_mentions(...)`` to ``path`` as JSON Lines; returns ``path``."""
    with path.open("w", encoding="utf-8") as out:
        for record in relation_mentions(entities, evidence, docs):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
