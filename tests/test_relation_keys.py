"""One fact, one relation: a "be" that opens a chain ("is set to buy", "is due to appear") is no passive of the
chain's last verb, so two outlets' wordings of a fact share an edge; a passive with no doer keeps its "be"."""

from __future__ import annotations

from handmade import make_doc
from newsgraph.graph.build import build_graph
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.names import slug
from newsgraph.ingest.triples import extract_triples
from newsgraph.model import Article, ArticleAnalysis, Entity, Resolution


def _graph(*docs):
    """The graph of one article per Doc, the entities of all resolved by name."""
    analyses, entities, assignment = [], {}, {}
    for n, doc in enumerate(docs):
        source = f"a{n}"
        found = extract_mentions(doc, source)
        for entity in found.entities:
            entities.setdefault(slug(entity.name), Entity(slug(entity.name), entity.name, entity.type))
            assignment[(source, entity.local_id)] = slug(entity.name)
        triples = extract_triples(doc, source, found.token_entity)
        analyses.append(ArticleAnalysis(Article(id=source, text=doc.text), found.mentions, found.entities, triples))
    return build_graph(analyses, Resolution(tuple(entities.values()), assignment))


def _relations(graph):
    """(subject, key, object, sources) of every relation edge, by name."""
    name = lambda node: graph.nodes[node]["name"]  # noqa: E731
    return sorted((name(s), k, name(o), tuple(d["sources"])) for s, o, k, d in graph.edges(keys=True, data=True)
                  if graph.nodes[s]["kind"] != "Source" and "sources" in d)


SET_TO_BUY = ("Acme PROPN nsubjpass 2 ent=ORG", "is AUX auxpass 2 lemma=be tag=VBZ",
              "set VERB ROOT 2 lemma=set tag=VBN", "to PART aux 4 tag=TO", "buy VERB xcomp 2 lemma=buy tag=VB",
              "Zenith PROPN dobj 4 ent=ORG", ". PUNCT punct 2")
WILL_BUY = ("Acme PROPN nsubj 2 ent=ORG", "will AUX aux 2 tag=MD", "buy VERB ROOT 2 lemma=buy tag=VB",
            "Zenith PROPN dobj 2 ent=ORG", ". PUNCT punct 2")
DUE_TO_APPEAR = ("Roe PROPN nsubj 1 ent=PERSON", "is AUX ROOT 1 lemma=be tag=VBZ", "due ADJ acomp 1 tag=JJ",
                 "to PART aux 4 tag=TO", "appear VERB xcomp 2 lemma=appear tag=VB", "before ADP prep 4",
                 "Lakeside PROPN compound 7 ent=ORG", "Court PROPN pobj 5 ent=ORG", ". PUNCT punct 1")
WILL_APPEAR = ("Roe PROPN nsubj 2 ent=PERSON", "will AUX aux 2 tag=MD", "appear VERB ROOT 2 lemma=appear tag=VB",
               "at ADP prep 2", "Lakeside PROPN compound 5 ent=ORG", "Court PROPN pobj 3 ent=ORG", ". PUNCT punct 2")


def test_is_set_to_and_will_are_one_relation():
    graph = _graph(make_doc(*SET_TO_BUY), make_doc(*WILL_BUY))
    assert _relations(graph) == [("Acme", "buy", "Zenith", ("a0", "a1"))]


def test_is_due_to_appear_and_will_appear_are_one_relation():
    graph = _graph(make_doc(*DUE_TO_APPEAR), make_doc(*WILL_APPEAR))
    assert _relations(graph) == [("Roe", "appear", "Lakeside Court", ("a0", "a1"))]


def test_a_passive_with_no_doer_keeps_its_be_and_a_chain_s_own_passive_too():
    # Roe was arrested at Lakeside.  /  Roe is expected to be arrested at Lakeside.
    # Roe is expected to join Lakeside.
    arrested = make_doc("Roe PROPN nsubjpass 2 ent=PERSON", "was AUX auxpass 2 lemma=be tag=VBD",
                        "arrested VERB ROOT 2 lemma=arrest tag=VBN", "at ADP prep 2", "Lakeside PROPN pobj 3 ent=ORG",
                        ". PUNCT punct 2")
    expected = make_doc("Roe PROPN nsubjpass 2 ent=PERSON", "is AUX auxpass 2 lemma=be tag=VBZ",
                        "expected VERB ROOT 2 lemma=expect tag=VBN", "to PART aux 5 tag=TO",
                        "be AUX auxpass 5 lemma=be tag=VB", "arrested VERB xcomp 2 lemma=arrest tag=VBN",
                        "at ADP prep 5", "Lakeside PROPN pobj 6 ent=ORG", ". PUNCT punct 2")
    assert _relations(_graph(arrested, expected)) == [("Roe", "be arrest", "Lakeside", ("a0", "a1"))]
    active = make_doc("Roe PROPN nsubjpass 2 ent=PERSON", "is AUX auxpass 2 lemma=be tag=VBZ",
                      "expected VERB ROOT 2 lemma=expect tag=VBN", "to PART aux 4 tag=TO",
                      "join VERB xcomp 2 lemma=join tag=VB", "Lakeside PROPN dobj 4 ent=ORG", ". PUNCT punct 2")
    assert _relations(_graph(active)) == [("Roe", "join", "Lakeside", ("a0",))]
