"""Build spaCy Docs by hand, so pure logic is tested without a model.

Each token is ``"word POS dep head"`` (head = index of the head token, its own index for the root), optionally
followed by ``lemma=...``, ``tag=...`` and ``ent=LABEL`` (``B-``/``I-`` are worked out from runs).
"""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

_VOCAB = English().vocab  # a blank English vocab: lexical attributes, no model


def make_doc(*tokens: str, spaces: list[bool] | None = None) -> Doc:
    words, pos, deps, heads, lemmas, tags, ents = [], [], [], [], [], [], []
    previous = "O"
    for token in tokens:
        word, p, dep, head, *rest = token.split()
        extra = dict(item.split("=", 1) for item in rest)
        words.append(word)
        pos.append(p)
        deps.append(dep)
        heads.append(int(head))
        lemmas.append(extra.get("lemma", word.lower()))
        tags.append(extra.get("tag", "POS" if dep == "case" else p))
        label = extra.get("ent", "O")
        ents.append("O" if label == "O" else ("I-" if previous == label else "B-") + label)
        previous = label
    if spaces is None:
        spaces = [i + 1 < len(words) and words[i + 1] not in {".", ",", "’s", "'s"} for i in range(len(words))]
    return Doc(_VOCAB, words=words, spaces=spaces, pos=pos, deps=deps, heads=heads, lemmas=lemmas, tags=tags,
               ents=ents, sent_starts=None)


def entity_spans(doc: Doc, mentions) -> dict[int, tuple[int, int]]:
    """Token index → (start, end) token span of the mention covering it, as ``analyze`` gives ``extract_triples``."""
    spans: dict[int, tuple[int, int]] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end)
        for token in span:
            spans[token.i] = (span.start, span.end)
    return spans


def named_triples(doc: Doc, published: str = ""):
    """(subject, predicate, object, triple) of each triple ``extract_triples`` finds in ``doc`` after
    ``extract_mentions``, an entity end by its name and a concept end as "[concept]"."""
    from newsgraph.ingest.mentions import extract_mentions
    from newsgraph.ingest.triples import extract_triples

    found = extract_mentions(doc, "a1")
    names = {e.local_id: e.name for e in found.entities}
    side = lambda a: names[a.local_id] if a.is_entity else f"[{a.concept}]"  # noqa: E731
    return [(side(t.subject), t.predicate, side(t.object), t)
            for t in extract_triples(doc, "a1", found.token_entity, entity_spans=entity_spans(doc, found.mentions),
                                     published=published)]


def quote_over_two_sentences() -> Doc:
    """Anna Smith spoke. “Russia rejected the plan. Kyiv accepted the deal,” she said."""
    return make_doc("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON", "spoke VERB ROOT 2",
                    ". PUNCT punct 2",
                    "“ PUNCT punct 6", "Russia PROPN nsubj 6 ent=GPE", "rejected VERB ROOT 6 lemma=reject",
                    "the DET det 8", "plan NOUN dobj 6", ". PUNCT punct 6",
                    "Kyiv PROPN nsubj 11 ent=GPE", "accepted VERB ccomp 17 lemma=accept", "the DET det 13",
                    "deal NOUN dobj 11", ", PUNCT punct 17", "” PUNCT punct 17", "she PRON nsubj 17",
                    "said VERB ROOT 17 lemma=say tag=VBD", ". PUNCT punct 17")
