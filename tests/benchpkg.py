"""Tiny gold corpora in the shared data layout, for the tests of the benchmarks.

The benchmarks themselves are imported as ``benchmarks.NAME``: pytest puts the repository root on ``sys.path``
(``pythonpath`` in pyproject.toml), as ``python -m benchmarks.NAME`` run from the root does.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# A tiny ECB+ and MEANTIME in the shared data layout: topic 2 is a dev topic, topic 1 a train topic.
ECB_DOCS = {
    "2_1ecb": (2, ["Police arrested the gunman in Texas .", "The arrest came on Monday ."], [0, 1]),
    "2_1ecbplus": (2, ["Officers arrested a shooter .", "He was held by police ."], [0, 1]),
    "1_1ecb": (1, ["Reid entered rehab ."], [0]),
}
#: (doc, m_id, category, 1-based token ids, cluster, in a selected sentence)
ECB_MENTIONS = [
    ("2_1ecb", "1", "event", [2], "ARREST", True),
    ("2_1ecb", "2", "event", [9], "ARREST", True),
    ("2_1ecbplus", "1", "event", [2], "ARREST", True),
    ("2_1ecbplus", "2", "event", [8], "HOLD", True),
    ("2_1ecb", "3", "entity", [3, 4], "GUNMAN", True),
    ("2_1ecbplus", "3", "entity", [3, 4], "GUNMAN", True),
    ("2_1ecbplus", "4", "entity", [6], "GUNMAN", True),
    ("2_1ecb", "4", "entity", [1], "POLICE", True),
    ("2_1ecbplus", "5", "entity", [1], "POLICE", True),
    ("2_1ecbplus", "6", "entity", [9, 10], "POLICE", True),
    ("2_1ecb", "5", "entity", [5, 6], "TEXAS", False),
    ("1_1ecb", "1", "entity", [1], "REID", True),
]
MEANTIME_DOCS = {"corpus_x/1": ["Apple sold phones .", "It grew ."], "corpus_x/2": ["Apple Inc. grew ."]}
#: (doc, sentence, 0-based token numbers in the sentence, chain)
MEANTIME_MENTIONS = [("corpus_x/1", 0, [0], "APPLE"), ("corpus_x/1", 1, [0], "APPLE"),
                     ("corpus_x/2", 0, [0, 1], "APPLE"), ("corpus_x/1", 0, [2], "PHONES")]


def write_tiny_data(folder: Path) -> Path:
    """Write the tiny corpora above under ``folder`` (``ecbplus/``, ``meantime/``) and return ``folder``."""
    import json

    ecb, meantime = folder / "ecbplus", folder / "meantime"
    ecb.mkdir(parents=True)
    meantime.mkdir(parents=True)
    words = {d: [w for s in sentences for w in s.split(" ")] for d, (_, sentences, _) in ECB_DOCS.items()}
    with (ecb / "docs.jsonl").open("w") as out:
        for doc_id, (topic, sentences, selected) in ECB_DOCS.items():
            out.write(json.dumps({"doc_id": doc_id, "topic": topic, "sentences": sentences,
                                  "selected_sentences": selected, "text": "\n".join(sentences)}) + "\n")
    (ecb / "doc_sources.tsv").write_text("doc_id\ttopic\tsubcorpus\tsplit\turl\thost\n"
                                         "2_1ecbplus\t2\tecbplus\tdev\thttp://news.example/a\tnews.example\n")
    with (ecb / "mentions_train_dev.jsonl").open("w") as out:
        for doc_id, m_id, category, tokens, cluster, selected in ECB_MENTIONS:
            out.write(json.dumps({"doc_id": doc_id, "m_id": m_id, "category": category, "token_ids": tokens,
                                  "text": " ".join(words[doc_id][i - 1] for i in tokens), "cluster_id": cluster,
                                  "in_selected_sentence": selected}) + "\n")
    with (meantime / "meantime_docs.jsonl").open("w") as out:
        for key, sentences in MEANTIME_DOCS.items():
            out.write(json.dumps({"conll_doc_key": key, "topic": key.split("/")[0], "sentences": sentences,
                                  "text": "\n".join(sentences)}) + "\n")
    gold = [{"conll_doc_key": key, "mention_id": f"{key}-{n}", "sent_id": sent, "tokens_number": tokens,
             "coref_chain": chain, "tokens_str": " ".join(MEANTIME_DOCS[key][sent].split(" ")[i] for i in tokens)}
            for n, (key, sent, tokens, chain) in enumerate(MEANTIME_MENTIONS)]
    (meantime / "entities_mentions.json").write_text(json.dumps(gold))
    return folder
