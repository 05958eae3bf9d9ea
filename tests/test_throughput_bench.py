"""benchmarks/throughput.py: the memory scales are distinct articles, and the server's memory is printed."""

from __future__ import annotations

import json

from benchmarks import throughput


def _docs(path, n):
    path.write_text("".join(json.dumps({"doc_id": f"d{i}", "text": f"Text {i} ."}) + "\n" for i in range(n)))
    return path


def _written(folder):
    return [json.loads(line) for line in (folder / "articles.jsonl").read_text().splitlines()]


def test_a_share_of_the_corpus_is_distinct_articles_spread_over_it(tmp_path):
    docs = _docs(tmp_path / "docs.jsonl", 25)
    tenth = _written(throughput.write_corpus(docs, tmp_path / "a", None, (1, 10)))
    assert [r["id"] for r in tenth] == ["d0", "d10", "d20"]
    whole = _written(throughput.write_corpus(docs, tmp_path / "b", None, (10, 10)))
    assert [r["id"] for r in whole] == [f"d{i}" for i in range(25)]
    assert len({r["text"] for r in whole}) == 25 and whole[3]["text"] == "Text 3 ."  # no copies, no padding
    assert len(_written(throughput.write_corpus(docs, tmp_path / "c", 12, (1, 1)))) == 12


def test_the_memory_lines_put_the_server_beside_the_ingest_tree():
    def run(n, tree, server):
        return {"articles": n, "peak_rss": tree * 2**20, "server_rss": server * 2**20,
                "counts": {"entities": 2 * n, "concepts": n, "stories": 3, "relations": n}}

    lines = throughput.memory_lines({10: run(100, 1000, 2000), 1: run(10, 800, 400)}, 10, 2)
    assert lines[1].startswith("  1/10:") and "20 entities" in lines[1] and "server 400 MB" in lines[1]
    assert lines[2].startswith("  10/10:") and "ingest tree 1,000 MB, server 2,000 MB" in lines[2]
    assert lines[3] == ("  peak RSS, 10/10 / 1/10: ingest tree 1.25 (target ≤ 1.2), FalkorDB server 5.00 "
                        "(it holds the graph)")
