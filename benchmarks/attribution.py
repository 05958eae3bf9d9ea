"""Attribution and qualifier figures of the triples on ECB+ articles (no gold): how many triples are attributed,
how many name their own subject as the speaker, how many name a principal (a spokesperson's), and how many are
negated, hedged and conditional.

A speaker who is the relation's own subject is often right ("X said he would", a quoted "we"), so two sure
errors are counted apart: ``quoted_pronoun_is_speaker``, a third-person pronoun inside quotation marks taken for
the speaker ("“She fell,” he said" → she said it of herself), and ``speaker_mention_is_subject``, the speaker's own
mention used as the subject when the sentence has no first-person pronoun to stand for it ("Gortney told
reporters that it is difficult to identify pirates" → Gortney –identify→ pirates).

    python -m benchmarks.attribution --data /work/shared/data [--split dev] [--topics 2,5] [--show 20]

The articles are parsed and analysed in this process (``newsgraph.ingest.nlp.analyze_batch``), as ingest does;
nothing is stored.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from benchmarks.corpora import load_ecbplus
from newsgraph.ingest.nlp import analyze_batch
from newsgraph.model import Article, ArticleAnalysis

_THIRD_PERSON = frozenset({"he", "she", "him", "her", "they", "it"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})


def _inside_quotes(before: str) -> bool:
    """True when the text before a point of a sentence leaves a quotation open.

    >>> _inside_quotes('“ She'), _inside_quotes('“A,” she'), _inside_quotes('`` He')
    (True, False, True)
    """
    opened = before.count("“") + before.count("``") - before.count("”") - before.count("''")
    return opened > 0 or before.count('"') % 2 == 1


def figures(analyses: list[ArticleAnalysis]) -> tuple[dict[str, int], list[str]]:
    """The counts over the triples of ``analyses``, and a line for each triple attributed to its own subject."""
    counts = dict.fromkeys(("triples", "attributed", "speaker_is_subject", "quoted_pronoun_is_speaker",
                            "speaker_mention_is_subject", "on_behalf_of", "negated", "hedged", "conditional"), 0)
    own: list[str] = []
    for analysis in analyses:
        for t in analysis.triples:
            counts["triples"] += 1
            counts["negated"] += t.negated
            counts["hedged"] += t.hedged
            counts["conditional"] += bool(getattr(t, "conditional", False))
            counts["on_behalf_of"] += getattr(t, "on_behalf_of", None) is not None
            speaker = t.attributed_to
            if speaker is None:
                continue
            counts["attributed"] += 1
            if speaker.local_id is not None and speaker.local_id == t.subject.local_id:
                counts["speaker_is_subject"] += 1
                before = analysis.article.text[t.sentence_start:t.subject.start]
                if t.subject.text.lower() in _THIRD_PERSON and _inside_quotes(before):
                    counts["quoted_pronoun_is_speaker"] += 1
                words = set(re.findall(r"[a-z]+", t.sentence.lower()))
                if t.subject.start == speaker.start and not words & _FIRST_PERSON:
                    counts["speaker_mention_is_subject"] += 1
                own.append(f"{t.source}: {t.subject.text} –{t.predicate}→ {t.object.text or t.object.concept} "
                           f"[{speaker.text}] | {t.sentence[:160]}")
    return counts, own


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--topics", default="", help="comma-separated topic numbers (default: all of the split)")
    parser.add_argument("--show", type=int, default=0, help="print this many triples attributed to their subject")
    parser.add_argument("--jsonl", type=Path, help="also write every attributed or qualified triple here")
    args = parser.parse_args(argv)
    corpus = load_ecbplus(args.data, "entity", args.split)
    topics = {t.strip() for t in args.topics.split(",") if t.strip()}
    articles = [Article(id=a.doc_id, text=a.text, outlet=a.outlet) for a in corpus.articles
                if not topics or a.topic in topics]
    analyses = [r for r in analyze_batch(articles) if isinstance(r, ArticleAnalysis)]
    counts, own = figures(analyses)
    print(f"ECB+ {args.split}, {len(analyses)} articles")
    for name, value in counts.items():
        print(f"{name:20} {value}")
    for line in own[:args.show]:
        print("  " + line)
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as out:
            for analysis in analyses:
                for t in analysis.triples:
                    flags = {k: bool(getattr(t, k, False)) for k in ("negated", "hedged", "conditional")}
                    if any(flags.values()) or t.attributed_to is not None or getattr(t, "speaker_text", ""):
                        principal = getattr(t, "on_behalf_of", None)
                        out.write(json.dumps({
                            "source": t.source, "subject": t.subject.text, "predicate": t.predicate,
                            "object": t.object.text, **flags,
                            "speaker": t.attributed_to.text if t.attributed_to else None,
                            "on_behalf_of": principal.text if principal else None,
                            "speaker_text": getattr(t, "speaker_text", ""), "sentence": t.sentence}) + "\n")


if __name__ == "__main__":
    main()
