"""Striking and shaking on hand-built parses: a labour strike is a work stoppage, not an attack; a person shaken is
moved, not quaked; and the relation of a verb says what its event says."""

from handmade import make_doc
from newsgraph.graph.build import triple_class
from newsgraph.ingest.events import extract_events
from newsgraph.ingest.lexicon import event_class
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.model import Arg, Triple


def _classes(doc) -> dict[str, str]:
    found = extract_mentions(doc, "a1")
    return {m.text: m.event_class for m in extract_events(doc, "a1", found.token_entity)}


def _strike_noun(*tokens: str) -> str:
    """The event class of the token "strike"/"strikes" in a hand-built sentence."""
    return next(c for text, c in _classes(make_doc(*tokens)).items() if text.lower().startswith("strike"))


def test_a_labour_strike_is_a_stoppage_and_an_air_strike_an_attack():
    attack, stoppage = event_class("attack"), event_class("go on strike")
    assert attack != stoppage
    # the court blocked the strike
    blocked = _strike_noun("The DET det 1", "court NOUN nsubj 2", "blocked VERB ROOT 2 lemma=block",
                           "the DET det 4", "strike NOUN dobj 2 lemma=strike", ". PUNCT punct 2")
    # workers staged a general strike
    general = _strike_noun("Workers NOUN nsubj 1 lemma=worker", "joined VERB ROOT 1 lemma=join", "a DET det 4",
                           "general ADJ amod 4", "strike NOUN dobj 1 lemma=strike", ". PUNCT punct 1")
    # unions went on strike
    on_strike = _classes(make_doc("Unions NOUN nsubj 1 lemma=union", "went VERB ROOT 1 lemma=go",
                                  "on ADP prep 1", "strike NOUN pobj 2 lemma=strike", ". PUNCT punct 1"))
    # a strike by dock workers shut the port
    by_workers = _strike_noun("A DET det 1", "strike NOUN nsubj 5 lemma=strike", "by ADP prep 1",
                              "dock NOUN compound 4", "workers NOUN pobj 2 lemma=worker", "shut VERB ROOT 5",
                              "the DET det 7", "port NOUN dobj 5", ". PUNCT punct 5")
    # a 24-hour strike
    hours = _strike_noun("a DET det 4", "24 NUM nummod 3", "- PUNCT punct 3", "hour NOUN nmod 4",
                         "strike NOUN ROOT 4 lemma=strike")
    # air strikes hit Gaza
    air = _strike_noun("Air NOUN compound 1 lemma=air", "strikes NOUN nsubj 2 lemma=strike",
                       "hit VERB ROOT 2 lemma=hit", "Gaza PROPN dobj 2 ent=GPE", ". PUNCT punct 2")
    # the army carried out a strike on the camp
    on_camp = _strike_noun("The DET det 1", "strike NOUN nsubj 5 lemma=strike", "on ADP prep 1", "the DET det 4",
                           "camp NOUN pobj 2", "killed VERB ROOT 5 lemma=kill", "ten NUM dobj 5", ". PUNCT punct 5")
    assert blocked == general == by_workers == hours == stoppage
    assert on_strike == {"went": stoppage, "strike": stoppage}  # no "going on" (continue) beside it
    assert air == on_camp == attack


def test_the_verb_strike_is_a_stoppage_only_without_an_object_and_with_workers_striking():
    teachers = _classes(make_doc("Teachers NOUN nsubj 1 lemma=teacher", "struck VERB ROOT 1 lemma=strike",
                                 "for ADP prep 1", "higher ADJ amod 4", "wages NOUN pobj 2 lemma=wage",
                                 ". PUNCT punct 1"))
    gunman = _classes(make_doc("The DET det 1", "gunman NOUN nsubj 2", "struck VERB ROOT 2 lemma=strike",
                               "the DET det 4", "victim NOUN dobj 2", ". PUNCT punct 2"))
    assert teachers["struck"] == event_class("go on strike")
    assert gunman["struck"] == event_class("attack")


def test_a_person_shaken_is_moved_not_quaked():
    quake = event_class("quake")
    # he was visibly shaken by the news
    news = _classes(make_doc("He PRON nsubjpass 3", "was AUX auxpass 3 lemma=be", "visibly ADV advmod 3",
                             "shaken VERB ROOT 3 lemma=shake tag=VBN", "by ADP agent 3", "the DET det 6",
                             "news NOUN pobj 4", ". PUNCT punct 3"))
    # a visibly shaken Smith left the court
    smith = _classes(make_doc("A DET det 3", "visibly ADV advmod 2", "shaken VERB amod 3 lemma=shake tag=VBN",
                              "Smith PROPN nsubj 4 ent=PERSON", "left VERB ROOT 4 lemma=leave", "the DET det 6",
                              "court NOUN dobj 4", ". PUNCT punct 4"))
    # she was shaken but unhurt
    she = _classes(make_doc("She PRON nsubjpass 2", "was AUX auxpass 2 lemma=be",
                            "shaken VERB ROOT 2 lemma=shake tag=VBN", ". PUNCT punct 2"))
    # the island was shaken by the quake: still the quake
    island = _classes(make_doc("The DET det 1", "island NOUN nsubjpass 3", "was AUX auxpass 3 lemma=be",
                               "shaken VERB ROOT 3 lemma=shake tag=VBN", "by ADP agent 3", "the DET det 6",
                               "quake NOUN pobj 4", ". PUNCT punct 3"))
    assert news["shaken"] == smith["shaken"] == she["shaken"] == event_class("unsettle") != quake
    assert island["shaken"] == quake


def _triple(predicate: str, obj: str = "Iran") -> Triple:
    return Triple(Arg("the earthquake", 0, 14, concept="earthquake"), predicate, Arg(obj, 20, 24, concept=obj),
                  "a1", "…", 0, 40)


def test_the_relation_of_a_trigger_says_what_its_event_says():
    # a context rule's reading, over a light verb too ("struck" is light in "struck a deal")
    assert triple_class(_triple("strike"), "go on strike").rel_type == "GO_ON_STRIKE"
    # a verb with no curated class takes the curated class of its trigger's event: "hit" is an attack
    assert triple_class(_triple("hit"), event_class="attack").rel_type == "ATTACK"
    assert triple_class(_triple("hit")).rel_type == "HIT"
    # a curated class stays: "lose" tells the side the contest "win" names; a copula and an unknown event too
    assert triple_class(_triple("lose to"), event_class="win").rel_type == "LOSE"
    assert triple_class(_triple("be"), event_class="attack").rel_type == "BE"
    assert triple_class(_triple("smoke in"), event_class="smoke").rel_type == triple_class(_triple("smoke in")).rel_type
