"""The claims benchmark (benchmarks/claims.py): the hand-written gold is well-formed and says what the ECB+ articles
say, and the scorer matches and counts as its documentation says, on a small hand-made evidence file."""

from __future__ import annotations

import doctest
import json
from collections import Counter

import pytest

from benchmarks import claims, claims_gold, claims_misses, claims_scorer as cs
from benchmarks.paths import DEFAULT_DATA
from benchpkg import write_tiny_data

GOLD = claims.DEFAULT_GOLD
DOCS = DEFAULT_DATA / "ecbplus" / "docs.jsonl"


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------- the gold


def test_gold_sentences_are_the_ecbplus_dev_sentences_at_their_index():
    docs = {d["doc_id"]: d for d in map(json.loads, DOCS.read_text(encoding="utf-8").splitlines())}
    facts = claims_gold.read_gold(GOLD)
    for fact in facts:
        for m in fact.mentions:
            doc = docs[m.doc_id]
            assert doc["split_cybulska"] == "dev" and int(doc["topic"]) == fact.topic, (fact.id, m.doc_id)
            assert doc["sentences"][m.sentence_index] == m.sentence, (fact.id, m.doc_id, m.sentence_index)
            if m.copy_of is not None:
                assert m.copy_of in docs and m.copy_of != m.doc_id and docs[m.copy_of]["topic"] == doc["topic"]


def test_gold_fields_are_complete_and_consistent():
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    facts = claims_gold.read_gold(GOLD)
    assert len(records) == len(facts)
    for record, fact in zip(records, facts):
        assert fact.subject and fact.predicate and fact.predicate_lemmas, fact.id
        assert fact.id.startswith(f"t{fact.topic}-")
        assert len({(m.doc_id, m.sentence_index) for m in fact.mentions}) == len(fact.mentions), fact.id
        for m, raw in zip(fact.mentions, record["mentions"]):
            assert not m.conditional or m.hedged, (fact.id, m.doc_id)  # a conditional is also a hedge
            assert m.on_behalf_of is None or m.speaker is not None, (fact.id, m.doc_id)
            assert m.speaker is None or m.speaker_aliases or cs.head(m.speaker), (fact.id, m.doc_id)
            assert set(raw) >= set(claims_gold.REQUIRED_MENTION)


def test_gold_has_the_size_and_mix_the_issue_asks_for():
    facts = claims_gold.read_gold(GOLD)
    mentions = [m for f in facts for m in f.mentions]
    topics = Counter(f.topic for f in facts)
    assert len(facts) >= 60 and len(topics) >= 3
    assert all(t in {2, 5, 12, 18, 21, 23, 34, 35} for t in topics)
    assert sum(m.speaker is not None for m in mentions) >= 25
    assert sum(m.negated for m in mentions) >= 10
    assert sum(m.hedged for m in mentions) >= 10
    assert sum(f.independent_articles >= 2 for f in facts) >= 20
    for topic in topics:  # each topic reported by several articles
        assert len({m.doc_id for f in facts if f.topic == topic for m in f.mentions}) >= 5


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not JSON"),
    (json.dumps({"id": "f", "topic": 1, "subject": "a", "predicate": "b", "object": None, "mentions": []}),
     "without predicate_lemmas"),
    (json.dumps({"id": "f", "topic": 1, "subject": "a", "predicate": "b", "predicate_lemmas": ["b"], "object": None,
                 "mentions": [{"doc_id": "d", "sentence_index": 0, "sentence": "s", "speaker": None,
                               "on_behalf_of": None, "negated": "yes", "hedged": False, "conditional": False,
                               "copy_of": None}]}),
     "must be true/false"),
])
def test_a_malformed_gold_line_is_named(tmp_path, line, problem):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n" + line + "\n")
    with pytest.raises(claims_gold.GoldFormatError, match=rf"gold.jsonl:2: .*{problem}"):
        claims_gold.read_gold(path)


# --------------------------------------------------------------------------------------------- the scorer

# The tiny ECB+ of tests/benchpkg.py: 2_1ecb = "Police arrested the gunman in Texas .\nThe arrest came on Monday ."
# (sentences at 0-37 and 38-64), 2_1ecbplus = "Officers arrested a shooter .\nHe was held by police ." (0-29, 30-52).
def _mention(doc, sentence, text, speaker=None, aliases=(), negated=False, hedged=False, conditional=False,
             copy_of=None):
    return {"doc_id": doc, "sentence_index": sentence, "sentence": text, "speaker": speaker,
            "speaker_aliases": list(aliases), "on_behalf_of": None, "negated": negated, "hedged": hedged,
            "conditional": conditional, "copy_of": copy_of}


TINY_GOLD = [
    {"id": "t2-1", "topic": 2, "subject": "police", "subject_aliases": ["officers"], "predicate": "arrested",
     "predicate_lemmas": ["arrest"], "object": "the gunman", "object_aliases": ["shooter"], "mentions": [
         _mention("2_1ecb", 0, "Police arrested the gunman in Texas ."),
         _mention("2_1ecbplus", 0, "Officers arrested a shooter .", speaker="Texas police", aliases=["police"],
                  negated=True)]},
    {"id": "t2-2", "topic": 2, "subject": "the gunman", "subject_aliases": [], "predicate": "was held by",
     "predicate_lemmas": ["hold", "held"], "object": "police", "object_aliases": [], "mentions": [
         _mention("2_1ecbplus", 1, "He was held by police .", hedged=True, conditional=True),
         _mention("2_1ecb", 1, "The arrest came on Monday .", copy_of="2_1ecbplus")]},
]


def _row(source, start, end, subject, predicate, obj, **fields):
    return {"source": source, "sentence_start": start, "sentence_end": end, "subject": subject,
            "predicate": predicate, "object": obj, "negated": False, "hedged": False, "attributed_to": None,
            "edge_id": None, "event_id": None, **fields}


TINY_EVIDENCE = [
    _row("2_1ecb", 0, 37, {"text": "Police", "start": 0, "name": "police"}, "arrest",
         {"text": "the gunman", "start": 16, "name": "gunman"}, edge_id="E1", event_id="V1"),
    # the object and subject swapped, and a wrong speaker's head word would not do: this one is right
    _row("2_1ecbplus", 0, 29, {"text": "a shooter", "start": 18, "name": "shooter"}, "be arrest by",
         {"text": "Officers", "start": 0, "name": "officer"}, negated=True, hedged=True,
         attributed_to={"entity_id": "p", "name": "Texas police"}, edge_id="E2", event_id="V1"),
    # same sentence, only the subject agrees: fits less well, not chosen
    _row("2_1ecbplus", 0, 29, {"text": "Officers", "start": 0, "name": "officer"}, "be",
         {"text": "Texas", "start": 50, "name": "Texas"}),
    _row("2_1ecbplus", 30, 52, {"text": "He", "start": 30, "name": "gunman"}, "be hold by",
         {"text": "police", "start": 45, "name": "police"}, conditional=True,
         attributed_to={"entity_id": "o", "name": "Officers"}, edge_id="E3"),
    # one product sentence over both gold sentences of 2_1ecb; its subject is in the second, and it does not fit
    _row("2_1ecb", 0, 64, {"text": "The arrest", "start": 38, "name": "arrest"}, "come on",
         {"text": "Monday", "start": 57, "name": "Monday"}),
]


def _facts(tmp_path):
    return claims_gold.read_gold(_write(tmp_path / "gold.jsonl", TINY_GOLD))


def test_each_gold_mention_takes_the_best_fitting_row_of_its_sentence(tmp_path):
    data = write_tiny_data(tmp_path / "data")
    facts = _facts(tmp_path)
    texts = {a.doc_id: a.text for a in claims.gold_corpus(data, facts).articles}
    matched = cs.match(facts, TINY_EVIDENCE, texts)
    found = {(m.fact_id, m.doc_id, m.sentence_index): row for m, row in matched.items()}
    assert found == {("t2-1", "2_1ecb", 0): TINY_EVIDENCE[0], ("t2-1", "2_1ecbplus", 0): TINY_EVIDENCE[1],
                     ("t2-2", "2_1ecbplus", 1): TINY_EVIDENCE[3]}


def test_metrics_on_the_hand_made_evidence(tmp_path):
    data = write_tiny_data(tmp_path / "data")
    facts = _facts(tmp_path)
    texts = {a.doc_id: a.text for a in claims.gold_corpus(data, facts).articles}
    matched = cs.match(facts, TINY_EVIDENCE, texts)
    # two matched rows name a speaker, one rightly; one gold mention has a speaker
    assert cs.attribution(facts, matched) == cs.PRF(1, 2, 1)
    assert cs.qualifier(matched, "negated", ["negated"]) == cs.PRF(1, 1, 1)
    # hedged counts a product conditional; the second row's hedge is a false positive
    assert cs.qualifier(matched, "hedged", ["hedged", "conditional"]) == cs.PRF(1, 2, 1)
    assert cs.qualifier(matched, "conditional", ["conditional"]) == cs.PRF(1, 1, 1)
    assert cs.qualifier(matched, "conditional", ["speculative"]) is None  # a field the export lacks
    # t2-1 from two independent articles shares event V1; t2-2 has one (its second mention is a copy)
    assert cs.merging(facts, matched) == cs.Merging(facts=1, merged=1, partly=1)
    without_event = {m: {**row, "event_id": None} for m, row in matched.items()}
    assert cs.merging(facts, without_event) == cs.Merging(facts=1, merged=0, partly=0)
    p = cs.PRF(1, 2, 1)
    assert (p.precision, p.recall, round(p.f1, 3)) == (0.5, 1.0, 0.667)


def test_cli_scores_a_given_export(tmp_path, capsys):
    data = write_tiny_data(tmp_path / "data")
    gold = _write(tmp_path / "gold.jsonl", TINY_GOLD)
    evidence = _write(tmp_path / "evidence.jsonl", TINY_EVIDENCE)
    assert claims.main(["--data", str(data), "--gold", str(gold), "--evidence", str(evidence)]) == 0
    out = capsys.readouterr().out
    assert "claims gold: 2 facts, 4 mentions in 2 articles (ECB+ dev topics 2)" in out
    assert "matched: 3/4 gold mentions (75%)" in out
    assert "attribution (speaker)         0.50   1.00  0.67" in out
    assert "negation                      1.00   1.00  1.00" in out
    assert "merged across independent outlets: 1/1 facts (100%)" in out
    assert "principal (on_behalf_of)  absent from the export" in out
    assert ("targets: attribution ≥ 0.80 (not met), negation ≥ 0.85 (met), hedging ≥ 0.75 (not met), "
            "merged ≥ 80% (met)") in out


def test_cli_names_a_gold_sentence_the_data_does_not_have(tmp_path, capsys):
    data = write_tiny_data(tmp_path / "data")
    bad = json.loads(json.dumps(TINY_GOLD))
    bad[1]["mentions"][0]["sentence_index"] = 9
    gold = _write(tmp_path / "gold.jsonl", bad)
    evidence = _write(tmp_path / "evidence.jsonl", TINY_EVIDENCE)
    assert claims.main(["--data", str(data), "--gold", str(gold), "--evidence", str(evidence)]) == 2
    err = capsys.readouterr().err
    assert "t2-2: no sentence 9 in ECB+ dev article '2_1ecbplus'" in err


def test_principals_and_speaker_text_are_read_where_the_export_puts_them(tmp_path):
    m = claims_gold.Mention("f", "d", 0, "", "Police spokesman", (), "New Zealand Police", False, False, False, None)
    nested = {"attributed_to": {"name": "Dave Gaskin", "on_behalf_of": {"name": "police"}}}
    flat = {"attributed_to": {"name": "Dave Gaskin"}, "on_behalf_of": "Foreign Office"}
    assert claims._principals({m: nested}).endswith("1/1 matched gold mentions with a principal get it right")
    assert claims._principals({m: flat}).endswith("0/1 matched gold mentions with a principal get it right")
    assert "absent from the export" in claims._principals({m: {"attributed_to": {"name": "Dave Gaskin"}}})
    assert cs.product_speaker({"attributed_to": None, "speaker_text": "her rep"}) == "her rep"


# Event mentions (mentions-jsonl Event lines) of the tiny ECB+: 2_1ecbplus "He was held by police ." has no
# fitting relation row above once it is dropped; "held" (30 + 7) is its trigger.
TINY_EVENTS = [
    {"source": "2_1ecb", "start": 7, "end": 15, "text": "arrested", "node_id": "V1", "node_label": "Event",
     "kind": "verbal", "lemma": "arrest", "negated": False, "hedged": False, "conditional": False,
     "attributed_to": None, "on_behalf_of": None, "speaker_text": ""},
    {"source": "2_1ecbplus", "start": 37, "end": 41, "text": "held", "node_id": "V2", "node_label": "Event",
     "kind": "verbal", "lemma": "hold", "negated": True, "hedged": True, "conditional": False,
     "attributed_to": {"entity_id": "p", "name": "Texas police"}, "on_behalf_of": None, "speaker_text": "police"},
    # a trigger of another predicate in the same sentence: never a match
    {"source": "2_1ecbplus", "start": 30, "end": 32, "text": "He", "node_id": "V3", "node_label": "Event",
     "kind": "nominal", "lemma": "go", "negated": False, "hedged": False, "conditional": False,
     "attributed_to": None, "on_behalf_of": None, "speaker_text": ""},
    {"source": "2_1ecbplus", "start": 0, "end": 8, "text": "Officers", "node_id": "V4", "node_label": "Entity"},
]


def test_a_mention_without_a_fitting_relation_row_matches_an_event_mention_of_its_predicate(tmp_path):
    data = write_tiny_data(tmp_path / "data")
    facts = _facts(tmp_path)
    texts = {a.doc_id: a.text for a in claims.gold_corpus(data, facts).articles}
    rows = [TINY_EVIDENCE[0], TINY_EVIDENCE[1]]  # no relation row for "He was held by police ."
    events = cs.event_lines(TINY_EVENTS)
    assert [e["node_id"] for e in events] == ["V1", "V2", "V3"]
    matched = cs.match(facts, rows, texts, events)
    found = {(m.fact_id, m.doc_id, m.sentence_index): row for m, row in matched.items()}
    # a fitting relation row wins over an event mention of the same sentence
    assert found[("t2-1", "2_1ecb", 0)] is TINY_EVIDENCE[0]
    held = found[("t2-2", "2_1ecbplus", 1)]
    assert (held["matched_by"], held["event_id"], held["edge_id"]) == ("event", "V2", None)
    assert cs.product_speaker(held) == "Texas police" and held["negated"] and held["hedged"]
    assert len(matched) == 3 and cs.match(facts, rows, texts) == {
        m: r for m, r in matched.items() if r.get("matched_by") != "event"}
    # the predicate must be the fact's: an event of another lemma in the sentence does not match
    other = [{**e, "lemma": "arrest", "text": "arrested"} if e["node_id"] == "V2" else e for e in events]
    assert ("t2-2", "2_1ecbplus", 1) not in {(m.fact_id, m.doc_id, m.sentence_index)
                                             for m in cs.match(facts, rows, texts, other)}
    # nor does one outside the gold sentence
    moved = [{**e, "start": 10} if e["node_id"] == "V2" else e for e in events]
    assert len(cs.match(facts, rows, texts, moved)) == 2


def test_an_event_mention_merges_a_fact_by_its_event_id(tmp_path):
    data = write_tiny_data(tmp_path / "data")
    facts = _facts(tmp_path)
    texts = {a.doc_id: a.text for a in claims.gold_corpus(data, facts).articles}
    # t2-1: 2_1ecb by relation evidence (event V1), 2_1ecbplus by its event mention of V1 only
    events = [{"source": "2_1ecbplus", "start": 9, "end": 17, "text": "arrested", "node_id": "V1",
               "node_label": "Event", "lemma": "arrest", "negated": False, "hedged": False, "conditional": False,
               "attributed_to": None, "on_behalf_of": None, "speaker_text": ""}]
    matched = cs.match(facts, [TINY_EVIDENCE[0]], texts, events)
    assert cs.merging(facts, matched) == cs.Merging(facts=1, merged=1, partly=1)
    assert cs.merging(facts, cs.match(facts, [TINY_EVIDENCE[0]], texts)) == cs.Merging(facts=1, merged=0, partly=0)


def test_cli_prints_event_figures_beside_the_relation_only_ones(tmp_path, capsys):
    data = write_tiny_data(tmp_path / "data")
    gold = _write(tmp_path / "gold.jsonl", TINY_GOLD)
    evidence = _write(tmp_path / "evidence.jsonl", TINY_EVIDENCE[:2])
    mentions = _write(tmp_path / "mentions.jsonl", TINY_EVENTS)
    assert claims.main(["--data", str(data), "--gold", str(gold), "--evidence", str(evidence),
                        "--mentions", str(mentions)]) == 0
    out = capsys.readouterr().out
    assert ("matched: 3/4 gold mentions (75%) to relation evidence (2) or, without one, an event mention (1) in "
            "their sentence") in out
    assert "; 3 event mentions on the 2 articles" in out
    assert "negation                      0.50   1.00  0.67" in out
    assert "relation evidence only: 1.00 1.00 1.00" in out
    assert "relation evidence only: 1/1 (100%)" in out


def test_misses_lists_each_unmerged_fact_with_what_its_articles_matched(tmp_path, capsys):
    data = write_tiny_data(tmp_path / "data")
    gold = _write(tmp_path / "gold.jsonl", TINY_GOLD)
    # 2_1ecbplus's row on another edge and event: t2-1 is not merged, and the listing says what each side matched
    rows = [TINY_EVIDENCE[0], {**TINY_EVIDENCE[1], "edge_id": "E9", "event_id": "V9"}, *TINY_EVIDENCE[2:]]
    evidence = _write(tmp_path / "evidence.jsonl", rows)
    assert claims.main(["--data", str(data), "--gold", str(gold), "--evidence", str(evidence), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "merged across independent outlets: 0/1 facts (0%)" in out
    listing = out.split("facts of two or more independent articles not merged:\n")[1].splitlines()
    assert listing[0] == "t2-1: police | arrested | the gunman   [one story, different edges and events]"
    assert "    matched: relation Police -arrest-> the gunman (class None) edge E1 event V1 story ?" in listing
    assert "    matched: relation a shooter -be arrest by-> Officers (class None) edge E9 event V9 story ?" in listing
    assert "    also:    relation Officers -be-> Texas (class None) edge None event None story ?" in listing
    assert not any(line.startswith("t2-2") for line in listing)  # one independent article: not listed


@pytest.mark.parametrize("module", [cs, claims_gold, claims_misses])
def test_doctests(module):
    assert doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed == 0


def test_every_fitting_evidence_of_a_sentence_counts_towards_merging(tmp_path):
    data = write_tiny_data(tmp_path / "data")
    facts = _facts(tmp_path)
    texts = {a.doc_id: a.text for a in claims.gold_corpus(data, facts).articles}
    # 2_1ecbplus#0's matched row carries event V2; a second fitting trigger there is on V1, as 2_1ecb's row is
    rows = [TINY_EVIDENCE[0], {**TINY_EVIDENCE[1], "edge_id": "E2", "event_id": "V2"}]
    events = [{"source": "2_1ecbplus", "start": 9, "end": 17, "text": "arrested", "node_id": "V1",
               "node_label": "Event", "lemma": "arrest"},
              {"source": "2_1ecbplus", "start": 0, "end": 8, "text": "Officers", "node_id": "V9",
               "node_label": "Event", "lemma": "officer"}]  # no predicate lemma of the fact: not its evidence
    matched = cs.match(facts, rows, texts, events)
    found = cs.evidence(facts, rows, texts, events)
    t21 = {m.doc_id: found[m] for m in facts[0].mentions}
    assert t21 == {"2_1ecb": {"edge_id:E1", "event_id:V1"}, "2_1ecbplus": {"edge_id:E2", "event_id:V2", "event_id:V1"}}
    assert cs.merging(facts, matched) == cs.Merging(facts=1, merged=0, partly=0)
    assert cs.merging(facts, matched, found) == cs.Merging(facts=1, merged=1, partly=1)


def test_a_node_that_also_holds_a_fact_of_other_parties_is_a_wrong_merge(tmp_path):
    data = write_tiny_data(tmp_path / "data")
    facts = _facts(tmp_path)
    texts = {a.doc_id: a.text for a in claims.gold_corpus(data, facts).articles}
    matched = cs.match(facts, TINY_EVIDENCE, texts)
    assert cs.merging(facts, matched) == cs.Merging(facts=1, merged=1, partly=1)
    # a third fact, about other people, whose report lands on V1 too: V1 holds two happenings
    other = claims_gold.Fact("t2-3", 2, "the senator", (), "arrested", ("arrest",), "a driver", (), (
        claims_gold.Mention("t2-3", "2_1ecb", 1, "", None, (), None, False, False, False, None),))
    found = {m: cs._ids([row]) for m, row in matched.items()} | {other.mentions[0]: {"event_id:V1"}}
    assert cs.wrong_merges([*facts, other], found)["t2-1"] == {"event_id:V1"}
    assert cs.merging([*facts, other], matched, found) == cs.Merging(facts=1, merged=0, partly=0, wrong=1)
    # a fact of the same parties (the gunman held by police) on V1 is no wrong merge
    same = claims_gold.Fact("t2-4", 2, "the gunman", (), "was held", ("hold",), "police", (), other.mentions)
    assert cs.merging([*facts, same], matched, found) == cs.Merging(facts=1, merged=1, partly=1)


def test_independent_articles_are_counted_per_gold_sentence_and_a_copy_stands_for_its_original():
    def mention(doc, copy_of=None):
        return claims_gold.Mention("f", doc, 0, "", None, (), None, False, False, False, copy_of)

    original, copy, other, copy_elsewhere = mention("a"), mention("b", "a"), mention("c"), mention("d", "c")
    fact = claims_gold.Fact("f", 1, "X", (), "p", ("p",), "Y", (), (original, copy, other))
    assert fact.independent_articles == 2  # "a" and its copy "b" are one report
    # the original matched nothing, its copy landed on E: the report is on E; so is the independent one
    found = {original: set(), copy: {"edge_id:E"}, other: {"edge_id:E", "event_id:V"}}
    assert cs.origin_evidence(fact, found) == [{"edge_id:E"}, {"edge_id:E", "event_id:V"}]
    assert cs.merging([fact], {}, found) == cs.Merging(facts=1, merged=1, partly=1)
    # a fact told only by one article and a copy of it is not a multi-outlet fact at all
    wire = claims_gold.Fact("w", 1, "X", (), "p", ("p",), "Y", (), (other, copy_elsewhere))
    assert wire.independent_articles == 1 and cs.merging([wire], {}, found).facts == 0
    # a sentence's copy_of is the gold's, per sentence: the same article can be a copy in one fact and an
    # independent report in another (a rewritten wire story with sentences of its own)
    own = claims_gold.Fact("o", 1, "X", (), "p", ("p",), "Y", (), (other, mention("d")))
    assert own.independent_articles == 2
