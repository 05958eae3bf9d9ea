"""The claims gold set (``benchmarks/data/claims_gold.jsonl``, described with its guidelines in
``benchmarks/data/README.md``): its facts and their mentions, read and checked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

REQUIRED_FACT = ("id", "topic", "subject", "predicate", "predicate_lemmas", "object", "mentions")
REQUIRED_MENTION = ("doc_id", "sentence_index", "sentence", "speaker", "on_behalf_of", "negated", "hedged",
                    "conditional", "copy_of")


class GoldFormatError(ValueError):
    """The gold file is malformed; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Mention:
    """One gold mention: a sentence of an article reporting a fact, with its qualifiers."""

    fact_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    speaker: str | None
    speaker_aliases: tuple[str, ...]
    on_behalf_of: str | None
    negated: bool
    hedged: bool
    conditional: bool
    copy_of: str | None

    @property
    def origin(self) -> str:
        """The article this report comes from: the one it copies, or its own."""
        return self.copy_of or self.doc_id


@dataclass(frozen=True)
class Fact:
    """One gold fact and the mentions that report it."""

    id: str
    topic: int
    subject: str
    subject_aliases: tuple[str, ...]
    predicate: str
    predicate_lemmas: tuple[str, ...]
    object: str | None
    object_aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]

    @property
    def independent_articles(self) -> int:
        """How many independent articles report the fact (distinct origins of its mentions)."""
        return len({m.origin for m in self.mentions})


def read_gold(path: Path) -> list[Fact]:
    """The facts of a claims gold file (JSON Lines, one fact a line; see ``benchmarks/data/README.md``).

    Raises:
        GoldFormatError: the file cannot be read, a line is not JSON, or a field is missing or of the wrong type.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc.strerror}); give the gold file with --gold") from None
    facts, seen = [], set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{where}: not JSON ({exc.msg})") from None
        missing = [k for k in REQUIRED_FACT if k not in record]
        if missing:
            raise GoldFormatError(f"{where}: fact without {', '.join(missing)}")
        if record["id"] in seen:
            raise GoldFormatError(f"{where}: fact id {record['id']!r} used twice")
        seen.add(record["id"])
        if not record["mentions"] or not record["predicate_lemmas"]:
            raise GoldFormatError(f"{where}: fact {record['id']} has no mentions or no predicate_lemmas")
        mentions = []
        for m in record["mentions"]:
            gaps = [k for k in REQUIRED_MENTION if k not in m]
            if gaps:
                raise GoldFormatError(f"{where}: a mention of {record['id']} lacks {', '.join(gaps)}")
            if not all(isinstance(m[k], bool) for k in ("negated", "hedged", "conditional")):
                raise GoldFormatError(f"{where}: negated, hedged and conditional of {record['id']} must be true/false")
            if not isinstance(m["sentence_index"], int) or m["sentence_index"] < 0:
                raise GoldFormatError(f"{where}: sentence_index of {record['id']} must be an integer >= 0")
            mentions.append(Mention(record["id"], m["doc_id"], m["sentence_index"], m["sentence"], m["speaker"],
                                    tuple(m.get("speaker_aliases") or ()), m["on_behalf_of"], m["negated"],
                                    m["hedged"], m["conditional"], m["copy_of"]))
        facts.append(Fact(record["id"], int(record["topic"]), record["subject"],
                          tuple(record.get("subject_aliases") or ()), record["predicate"],
                          tuple(record["predicate_lemmas"]), record["object"],
                          tuple(record.get("object_aliases") or ()), tuple(mentions)))
    if not facts:
        raise GoldFormatError(f"{path}: no facts")
    return facts
