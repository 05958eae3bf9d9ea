"""Concepts: every noun phrase no entity covers is a concept mention, merged by head within its story only.

The rules on hand-built Docs and records (no model, no server), then end to end through the CLI: two stories that
share a word share no concept, one story's spelling variants are one node, and ingesting again changes nothing.
"""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Doc
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.graph.build import build_graph
from newsgraph.graph.concepts import article_concepts, concept_name, scoped_concept_id
from newsgraph.ingest.concepts import concept_head, extract_concepts
from newsgraph.ingest.spelling import american_spelling
from newsgraph.model import Arg, Article, ArticleAnalysis, ConceptMention, Resolution, Story, StoryAssignment

_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, numbers); no model


def _doc(rows: list[tuple[str, str, str, int, str, str]]) -> Doc:
    """A parsed Doc from (word, pos, lemma, head index, dep, entity IOB tag) rows."""
    words, pos, lemmas, heads, deps, ents = zip(*rows)
    return Doc(_VOCAB, words=list(words), pos=list(pos), lemmas=list(lemmas), heads=list(heads), deps=list(deps),
               ents=list(ents))


QUAKES = _doc([
    ("The", "DET", "the", 2, "det", "O"), ("first", "ADJ", "first", 2, "amod", "B-ORDINAL"),
    ("quake", "NOUN", "quake", 7, "nsubj", "O"), ("and", "CCONJ", "and", 2, "cc", "O"),
    ("the", "DET", "the", 6, "det", "O"), ("second", "ADJ", "second", 6, "amod", "B-ORDINAL"),
    ("quake", "NOUN", "quake", 2, "conj", "O"), ("hit", "VERB", "hit", 7, "ROOT", "O"),
    (".", "PUNCT", ".", 7, "punct", "O"),
])

OFFICERS = _doc([
    ("Police", "NOUN", "police", 1, "compound", "O"), ("officers", "NOUN", "officer", 2, "nsubj", "O"),
    ("said", "VERB", "say", 2, "ROOT", "O"), ("the", "DET", "the", 5, "det", "O"),
    ("deadly", "ADJ", "deadly", 5, "amod", "O"), ("quake", "NOUN", "quake", 6, "nsubj", "O"),
    ("ended", "VERB", "end", 2, "ccomp", "O"), ("Ukraine", "PROPN", "Ukraine", 9, "poss", "B-GPE"),
    ("'s", "PART", "'s", 7, "case", "O"), ("mobilisation", "NOUN", "mobilisation", 6, "dobj", "O"),
    ("on", "ADP", "on", 6, "prep", "O"), ("Tuesday", "PROPN", "Tuesday", 10, "pobj", "B-DATE"),
    (".", "PUNCT", ".", 2, "punct", "O"),
])


def _found(doc: Doc, covered=()) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(m.text, m.head, m.modifiers) for m in extract_concepts(doc, "a1", covered)]


def test_an_ordinal_tells_two_quakes_apart():
    assert _found(QUAKES) == [("The first quake", "earthquake", ("first",)),
                              ("the second quake", "earthquake", ("second",))]
    first, second = extract_concepts(QUAKES, "a1")
    assert first.key == "first earthquake" != second.key


def test_every_noun_phrase_is_a_mention_keyed_by_head_and_named_possessor():
    found = _found(OFFICERS, covered={7})  # "Ukraine" is an entity mention: no concept is headed by it
    assert found == [("Police", "police", ()), ("Police officers", "officer", ()),
                     ("the deadly quake", "earthquake", ()),
                     ("Ukraine 's mobilisation", "mobilization", ("ukraine",)), ("Tuesday", "tuesday", ())]


def test_a_named_day_is_a_concept_of_its_story_and_a_day_relative_to_the_article_is_a_generic_time():
    doc = _doc([("Police", "NOUN", "police", 1, "nsubj", "O"), ("acted", "VERB", "act", 1, "ROOT", "O"),
                ("on", "ADP", "on", 1, "prep", "O"), ("Saturday", "PROPN", "Saturday", 2, "pobj", "B-DATE"),
                ("and", "CCONJ", "and", 1, "cc", "O"), ("yesterday", "NOUN", "yesterday", 1, "npadvmod", "B-DATE"),
                ("at", "ADP", "at", 1, "prep", "O"), ("12", "NUM", "12", 6, "pobj", "B-TIME")])
    found = {m.text: (m.key, m.generic) for m in extract_concepts(doc, "a1")}
    assert found == {"Police": ("police", False), "Saturday": ("saturday", False), "yesterday": ("yesterday", True)}


def test_a_name_no_entity_mention_covers_is_a_concept_mention():
    assert ("Ukraine", "ukraine", ()) in _found(OFFICERS)


@pytest.mark.parametrize("word, head", [("mobilisation", "mobilization"), ("Defence", "defense"),
                                        ("centre", "center"), ("labour", "labor"), ("truce", "ceasefire"),
                                        ("blaze", "fire"), ("exercise", "exercise"), ("tour", "tour"),
                                        ("contour", "contour"), ("actress", "actress")])
def test_heads_fold_british_spelling_and_synonyms(word, head):
    assert concept_head(word) == head


@pytest.mark.parametrize("first, second", [("quake", "earthquake"), ("brigand", "bandit"), ("armistice", "truce"),
                                           ("cease-fire", "ceasefire"), ("kid", "child"), ("movie", "film")])
def test_nouns_of_one_wordnet_sense_share_a_head(first, second):
    assert concept_head(first) == concept_head(second)


@pytest.mark.parametrize("first, second", [("host", "emcee"), ("man", "woman"), ("ship", "boat"), ("fire", "arms")])
def test_nouns_that_share_only_a_rarer_sense_keep_their_heads(first, second):
    assert concept_head(first) != concept_head(second)


def test_a_noun_whose_senses_wordnet_hardly_counts_keeps_its_head():
    assert concept_head("pirate") == "pirate"  # WordNet lists "plagiarist" first, on two tagged occurrences


def test_a_name_word_is_keyed_by_itself_not_by_a_synonym():
    jobs = _doc([("Jobs", "PROPN", "Jobs", 1, "nsubj", "O"), ("spoke", "VERB", "speak", 1, "ROOT", "O"),
                 ("of", "ADP", "of", 1, "prep", "O"), ("jobs", "NOUN", "job", 2, "pobj", "O")])
    assert [m.head for m in extract_concepts(jobs, "a1")] == ["jobs", "occupation"]


def test_a_respelling_must_be_a_common_word():
    assert american_spelling("premise") == "premise" and american_spelling("licences") == "licenses"


def _analysis(source: str, text: str, *phrases: tuple[str, str, tuple[str, ...], bool]) -> ArticleAnalysis:
    mentions, at = [], 0
    for phrase, head, modifiers, generic in phrases:
        start = text.index(phrase, at)
        at = start + len(phrase)
        mentions.append(ConceptMention(source, start, at, phrase, head, modifiers, generic))
    return ArticleAnalysis(Article(source, text), (), (), (), concepts=tuple(mentions))


def _stories(**of: str) -> StoryAssignment:
    ids = sorted(set(of.values()))
    return StoryAssignment(dict(of), tuple(Story(i, i, (), list(of.values()).count(i)) for i in ids))


def _sources_of(graph) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for source, node, key in graph.edges(keys=True):
        if key == "MENTIONS" and graph.nodes[node]["kind"] == "Concept":
            found.setdefault(node, set()).add(source)
    return found


def test_concepts_merge_within_a_story_and_never_across_stories():
    war = "Kyiv halted the mobilisation. The decision took time."
    war2 = "Kyiv halted the mobilization. It took time."
    quake = "The quake struck. The decision took time."
    analyses = [
        _analysis("a", war, ("the mobilisation", "mobilization", (), False), ("The decision", "decision", (), False),
                  ("time", "time", (), True)),
        _analysis("b", war2, ("the mobilization", "mobilization", (), False), ("time", "time", (), True)),
        _analysis("c", quake, ("The quake", "quake", (), False), ("The decision", "decision", (), False),
                  ("time", "time", (), True)),
    ]
    graph = build_graph(analyses, Resolution(()), _stories(a="story:war", b="story:war", c="story:quake"))
    sources = _sources_of(graph)
    assert sources[scoped_concept_id("mobilization", "story:war")] == {"a", "b"}  # spelling variants: one node
    assert all(len(found) == 1 for node, found in sources.items() if "mobilization" not in node)
    decisions = [n for n in sources if n.endswith(":decision")]
    assert len(decisions) == 2 and {graph.nodes[n]["story"] for n in decisions} == {"story:war", "story:quake"}
    assert len([n for n in sources if n.endswith(":time")]) == 3  # a generic noun stays with its article
    mention = graph.edges["a", scoped_concept_id("mobilization", "story:war"), "MENTIONS"]["mentions"][0]
    assert (mention["text"], war[mention["start"]:mention["end"]]) == ("the mobilisation", "the mobilisation")


def test_a_generic_time_is_one_concept_of_its_story_and_a_generic_noun_stays_with_its_article():
    first = "The gunman was arrested yesterday. It took time."
    second = "Police arrested the gunman yesterday, a week after the attack. It took time."
    other = "The quake struck yesterday. It took time."

    def analysis(source: str, text: str) -> ArticleAnalysis:
        found = []
        for phrase, head, time in (("yesterday", "yesterday", True), ("a week", "week", True),
                                   ("time", "time", False)):
            if phrase in text:
                start = text.index(phrase)
                found.append(ConceptMention(source, start, start + len(phrase), phrase, head, generic=True,
                                            time=time))
        return ArticleAnalysis(Article(source, text), (), (), (), concepts=tuple(found))

    graph = build_graph([analysis("a", first), analysis("b", second), analysis("c", other)], Resolution(()),
                        _stories(a="story:arrest", b="story:arrest", c="story:quake"))
    sources = _sources_of(graph)
    assert sources[scoped_concept_id("yesterday", "story:arrest")] == {"a", "b"}  # one story's "yesterday"
    assert sources[scoped_concept_id("yesterday", "story:quake")] == {"c"}  # never another story's
    assert sources[scoped_concept_id("week", "story:arrest")] == {"b"}
    assert len([n for n in sources if n.endswith(":time")]) == 3  # "time", no date, stays with its article


def test_concept_ids_are_the_same_in_every_chunk():
    text = "The decision came."
    one = build_graph([_analysis("a", text, ("The decision", "decision", (), False))], Resolution(()),
                      _stories(a="story:s"))
    later = build_graph([_analysis("b", text, ("The decision", "decision", (), False))], Resolution(()),
                        _stories(b="story:s"))
    assert set(_sources_of(one)) == set(_sources_of(later)) == {scoped_concept_id("decision", "story:s")}


WAR_GB = ("Ukraine halted the mobilisation of reservists on Monday, the Ukrainian defence ministry said in Kyiv. "
          "Volodymyr Zelenskyy said the mobilisation decision would be reviewed in time for the spring campaign.")
WAR_US = ("Ukraine halted the mobilization of reservists on Monday, the Ukrainian defense ministry said in Kyiv. "
          "Volodymyr Zelenskyy said the mobilization decision would be reviewed in time for the spring campaign.")
QUAKE = ("A strong earthquake struck the Indonesian island of Sumatra on Friday, officials in Jakarta said. "
         "The decision to evacuate the coast came in time, Indonesian President Susilo Bambang Yudhoyono said.")


def _json(runner: CliRunner, *args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.store
@pytest.mark.model
def test_two_stories_share_no_concept_and_one_storys_spellings_are_one_node(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in (("war-gb", WAR_GB), ("war-us", WAR_US), ("quake", QUAKE)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    data = str(tmp_path / "store")
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(folder), "--data-dir", data, "--examples", "0"])
    assert ingested.exit_code == 0, ingested.output

    def cypher(statement: str):
        return _json(runner, "cypher", statement, "--format", "json", "--data-dir", data)

    stories = cypher("MATCH (s:Source)-[:IN_STORY]->(t:Story) RETURN s.id AS source, t.id AS story")
    story = {r["source"]: r["story"] for r in stories}
    assert story["war-gb"] == story["war-us"] != story["quake"]
    shared = cypher("MATCH (s:Source)-[:MENTIONS]->(c:Concept)<-[:MENTIONS]-(o:Source) WHERE s.id < o.id "
                    "RETURN c.name AS name, s.id AS a, o.id AS b")
    assert shared and all({r["a"], r["b"]} == {"war-gb", "war-us"} for r in shared)  # never across stories
    assert "mobilization" in {r["name"] for r in shared} and "defense ministry" not in {r["name"] for r in shared}
    mobilisation = cypher("MATCH (s:Source)-[m:MENTIONS]->(c:Concept {name: 'mobilization'}) "
                          "RETURN c.id AS id, s.id AS source, m.texts AS texts")
    assert len({r["id"] for r in mobilisation}) == 1 and {r["source"] for r in mobilisation} == {"war-gb", "war-us"}
    assert {t for r in mobilisation for t in r["texts"]} >= {"the mobilisation", "the mobilization"}
    decisions = cypher("MATCH (s:Source)-[:MENTIONS]->(c:Concept) WHERE c.name ENDS WITH 'decision' "
                       "RETURN DISTINCT c.id AS id, c.story AS story")
    assert len({r["story"] for r in decisions}) == 2  # the war's decision and the quake's are two concepts
    connections = _json(runner, "query", "connections", "-p", "a=Volodymyr Zelenskyy", "-p",
                        "b=Susilo Bambang Yudhoyono", "-f", "json",
                        "--data-dir", data)
    assert connections == []

    export = tmp_path / "mentions.jsonl"
    assert runner.invoke(app, ["export", "--format", "mentions-jsonl", "-o", str(export), "--data-dir", data]
                         ).exit_code == 0
    rows = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    concept_rows = [r for r in rows if r["node_label"] == "Concept"]
    assert {r["node_id"] for r in concept_rows if r["text"] in {"the mobilisation", "the mobilization"}} == {
        mobilisation[0]["id"]}

    counts = cypher("MATCH (c:Concept) OPTIONAL MATCH (c)<-[m:MENTIONS]-() RETURN count(DISTINCT c) AS concepts, "
                    "count(m) AS mentions")
    again = runner.invoke(app, ["ingest", str(folder), "--data-dir", data, "--force", "--examples", "0"])
    assert again.exit_code == 0, again.output
    assert cypher("MATCH (c:Concept) OPTIONAL MATCH (c)<-[m:MENTIONS]-() RETURN count(DISTINCT c) AS concepts, "
                  "count(m) AS mentions") == counts


def test_a_concept_is_named_after_the_most_informative_phrase_of_its_mentions_in_the_story():
    one = _analysis("a", "The truce held. Somali pirates fled.", ("The truce", "ceasefire", (), False),
                    ("Somali pirates", "pirate", (), False))
    two = _analysis("b", "The ceasefire and the truce. The Somali pirates.", ("The ceasefire", "ceasefire", (), False),
                    ("the truce", "ceasefire", (), False), ("The Somali pirates", "pirate", (), False))
    graph = build_graph([one, two], Resolution(()), _stories(a="story:s", b="story:s"))
    names = {graph.nodes[n]["name"] for n in _sources_of(graph)}
    assert names == {"truce", "Somali pirates"}  # not the keys "ceasefire" and "pirate"


def test_a_concept_name_is_no_long_description_and_keeps_the_keys_spelling_among_equals():
    assert concept_name(["the mobilisation", "the mobilization"], "mobilization") == "mobilization"
    assert concept_name(["the man who was seen near the shop on Tuesday"], "man") == "man"
    assert concept_name(["Truce", "the truce", "a truce"], "ceasefire") == "truce"


def test_a_pronoun_that_stands_for_a_concept_never_names_it():
    assert concept_name(["which", "a wider 30-day stop"], "stop") == "wider 30-day stop"
    assert concept_name(["who", "a misdemeanor"], "misdemeanor") == "misdemeanor"
    assert concept_name(["they", "They", "pirates"], "pirate") == "pirates"
    assert concept_name(["which"], "stop") == "stop"  # no phrase but the pronoun: the key


def test_a_time_is_a_concept_mention_but_never_the_argument_a_relation_is_about():
    text = "Putin agreed on Saturday to a limited ceasefire."
    saturday, ceasefire = text.index("Saturday"), text.index("a limited ceasefire")
    analysis = ArticleAnalysis(Article("a", text), (), (), (), concepts=(
        ConceptMention("a", saturday, saturday + 8, "Saturday", "saturday", time=True),
        ConceptMention("a", ceasefire + 2, len(text) - 1, "limited ceasefire", "ceasefire", ("limited",))))
    concepts = article_concepts(analysis, "story:s")
    node, _ = concepts.node_of(Arg("on Saturday to a limited ceasefire", saturday - 3, len(text) - 1), "ceasefire")
    assert node == scoped_concept_id("limited ceasefire", "story:s")
    assert scoped_concept_id("saturday", "story:s") in concepts.spans  # still a mention of its story's Saturday



def test_a_part_of_a_day_written_with_its_weekday_is_that_days_concept_in_the_story():
    first = "Police said the gunman struck on Friday night. On Wednesday night the office was quiet."
    second = "The gunman struck late Friday, police said. The night was cold."
    days = {"Friday night": "night", "Wednesday night": "night", "Friday": "friday", "The night": "night"}

    def analysis(source: str, text: str) -> ArticleAnalysis:
        found = []
        for phrase, head in days.items():
            if phrase in text:
                start = text.index(phrase)
                found.append(ConceptMention(source, start, start + len(phrase), phrase, head, time=True))
        return ArticleAnalysis(Article(source, text), (), (), (), concepts=tuple(found))

    graph = build_graph([analysis("a", first), analysis("b", second)], Resolution(()),
                        _stories(a="story:s", b="story:s"))
    sources = _sources_of(graph)
    assert sources[scoped_concept_id("friday", "story:s")] == {"a", "b"}  # "Friday night" and "late Friday"
    assert sources[scoped_concept_id("wednesday", "story:s")] == {"a"}  # not Friday's night
    assert sources[scoped_concept_id("night", "story:s")] == {"b"}  # a night of no named day stays a night


def _timed(source: str, text: str, phrases: dict[str, tuple[str, tuple[str, ...]]]) -> ArticleAnalysis:
    found = []
    for phrase, (head, mods) in phrases.items():
        if phrase in text:
            start = text.index(phrase)
            found.append(ConceptMention(source, start, start + len(phrase), phrase, head, mods,
                                        generic=head in {"yesterday", "today", "tomorrow"}, time=True))
    return ArticleAnalysis(Article(source, text), (), (), (), concepts=tuple(found))


TIMES = {"Tuesday": ("tuesday", ()), "Tuesday morning": ("morning", ()), "yesterday": ("yesterday", ()),
         "last night": ("night", ("last",)), "tomorrow": ("tomorrow", ()), "Monday": ("monday", ())}


def test_a_relative_day_of_an_article_naming_no_weekday_is_the_day_its_story_names():
    texts = {"a": "The receiver was arrested early Tuesday morning.", "b": "He was arrested on Tuesday.",
             "c": "He was arrested yesterday and appears in court tomorrow.", "d": "He was stopped last night.",
             "e": "He spoke on Monday about his arrest yesterday."}
    graph = build_graph([_timed(s, t, TIMES) for s, t in texts.items()], Resolution(()),
                        _stories(**dict.fromkeys(texts, "story:s")))
    sources = _sources_of(graph)
    assert sources[scoped_concept_id("tuesday", "story:s")] == {"a", "b", "c", "d"}  # yesterday, last night
    assert sources[scoped_concept_id("tomorrow", "story:s")] == {"c"}  # ahead: another day
    assert sources[scoped_concept_id("yesterday", "story:s")] == {"e"}  # "e" names a weekday of its own


def test_a_story_whose_articles_name_two_days_as_often_has_no_day_of_its_own():
    texts = {"a": "He was arrested on Tuesday.", "b": "He was arrested on Tuesday.", "c": "She was hurt on Monday.",
             "d": "She was hurt on Monday.", "e": "He was arrested yesterday."}
    graph = build_graph([_timed(s, t, TIMES) for s, t in texts.items()], Resolution(()),
                        _stories(**dict.fromkeys(texts, "story:s")))
    assert _sources_of(graph)[scoped_concept_id("yesterday", "story:s")] == {"e"}


def test_its_standing_for_a_common_noun_subject_is_a_mention_of_that_subjects_concept():
    # "The index fell to its lowest level ." / "Markets resumed its slide ." (number disagrees: no mention)
    doc = Doc(spacy.blank("en").vocab, words=["The", "index", "fell", "to", "its", "lowest", "level", "."],
              heads=[1, 2, 2, 2, 6, 6, 3, 2], deps=["det", "nsubj", "ROOT", "prep", "poss", "amod", "pobj", "punct"],
              pos=["DET", "NOUN", "VERB", "ADP", "PRON", "ADJ", "NOUN", "PUNCT"],
              tags=["DT", "NN", "VBD", "IN", "PRP$", "JJS", "NN", "."],
              lemmas=["the", "index", "fall", "to", "its", "low", "level", "."])
    found = [(m.text, m.head) for m in extract_concepts(doc, "a1")]
    assert found == [("The index", "index"), ("its lowest level", "degree"), ("its", "index")]
    doc = Doc(spacy.blank("en").vocab, words=["Markets", "resumed", "its", "slide", "."], heads=[1, 1, 3, 1, 1],
              deps=["nsubj", "ROOT", "poss", "dobj", "punct"], pos=["NOUN", "VERB", "PRON", "NOUN", "PUNCT"],
              tags=["NNS", "VBD", "PRP$", "NN", "."], lemmas=["market", "resume", "its", "slide", "."])
    assert [m.text for m in extract_concepts(doc, "a1")] == ["Markets", "its slide"]


def test_a_relative_pronoun_is_a_mention_of_the_concept_its_clause_hangs_on():
    # "The planes , which fly far , landed ."
    doc = Doc(spacy.blank("en").vocab, words=["The", "planes", ",", "which", "fly", "far", ",", "landed", "."],
              heads=[1, 7, 1, 4, 1, 4, 1, 7, 7],
              deps=["det", "nsubj", "punct", "nsubj", "relcl", "advmod", "punct", "ROOT", "punct"],
              pos=["DET", "NOUN", "PUNCT", "PRON", "VERB", "ADV", "PUNCT", "VERB", "PUNCT"],
              tags=["DT", "NNS", ",", "WDT", "VBP", "RB", ",", "VBD", "."],
              lemmas=["the", "plane", ",", "which", "fly", "far", ",", "land", "."])
    found = [(m.text, m.head) for m in extract_concepts(doc, "a1")]
    assert found == [("The planes", "airplane"), ("which", "airplane")]


def test_its_standing_for_a_proper_noun_subject_left_a_concept_is_a_mention_of_that_concept():
    # "The Industrial Average closed at its lowest level ." (a name the model tagged no entity)
    doc = Doc(spacy.blank("en").vocab, words=["The", "Industrial", "Average", "closed", "at", "its", "lowest", "level",
                                              "."],
              heads=[2, 2, 3, 3, 3, 7, 7, 4, 3],
              deps=["det", "compound", "nsubj", "ROOT", "prep", "poss", "amod", "pobj", "punct"],
              pos=["DET", "PROPN", "PROPN", "VERB", "ADP", "PRON", "ADJ", "NOUN", "PUNCT"],
              tags=["DT", "NNP", "NNP", "VBD", "IN", "PRP$", "JJS", "NN", "."],
              lemmas=["the", "Industrial", "Average", "close", "at", "its", "low", "level", "."])
    found = [(m.text, m.head) for m in extract_concepts(doc, "a1")]
    assert ("its", found[0][1]) in found and found[0][0].endswith("Average")


def test_a_name_word_starting_with_a_digit_is_a_concept_mention_though_tagged_a_number():
    doc = _doc([("But", "CCONJ", "but", 3, "cc", "O"), ("the", "DET", "the", 2, "det", "O"),
                ("76ers", "NOUN", "76er", 3, "nsubj", "B-CARDINAL"), ("lost", "VERB", "lose", 3, "ROOT", "O"),
                ("in", "ADP", "in", 3, "prep", "O"), ("the", "DET", "the", 6, "det", "O"),
                ("1990s", "NOUN", "1990", 4, "pobj", "B-CARDINAL"), ("and", "CCONJ", "and", 3, "cc", "O"),
                ("21st", "NOUN", "21st", 3, "conj", "B-CARDINAL"), ("at", "ADP", "at", 3, "prep", "O"),
                ("100mph", "NOUN", "100mph", 9, "pobj", "B-QUANTITY")])
    # a decade, an ordinal and a measure stay numbers
    assert [m.text for m in extract_concepts(doc, "a1")] == ["the 76ers"]


def test_a_plural_or_counted_mention_of_a_head_is_no_mention_of_the_one_entity_the_story_ties_it_to():
    """Before: "two women" and "the women" (the victims) joined the shooter the story ties "woman" to: a plural
    was told by a final "s" alone, so "women", "men" and "children" passed as one."""
    from newsgraph.graph.story_ties import StoryTie

    text = "A woman shot two women. The women were co-workers. The woman, 43, and 3 people fled; the people ran."
    phrases = [("A woman", "woman"), ("two women", "woman"), ("The women", "woman"), ("The woman", "woman"),
               ("3 people", "people"), ("the people", "people")]
    mentions, at = [], 0
    for phrase, head in phrases:
        start = text.index(phrase, at)
        at = start + len(phrase)
        mentions.append(ConceptMention("a", start, at, phrase, head))
    analysis = ArticleAnalysis(Article("a", text), (), (), (), concepts=tuple(mentions))
    ties = {("story:s", "woman"): StoryTie("story:s", "woman", "doe", 2, 2),
            ("story:s", "people"): StoryTie("story:s", "people", "crowd", 2, 2)}
    found = article_concepts(analysis, "story:s", ties)
    assert [m["text"] for m in found.linked["doe"]] == ["A woman", "The woman"]
    assert "crowd" not in found.linked
