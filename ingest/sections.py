"""Long articles in sections: where to cut a text, and how to put the analyses of its sections back together.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters), and the memory a parse takes grows with
the length of the text parsed at once (a 950,000-character article peaked at 2.6 GB). So an article longer than
``SECTION_CHARS`` is parsed a section at a time, each section cut at a paragraph break (else a line break, a
sentence end, a space), and the analyses of the sections are shifted to their place in the article and joined:
every offset (mentions, triples, sentences) points into the article's own text, exactly as for a short article.

What is lost at a cut: a sentence is never split (a cut falls between sentences unless a paragraph runs longer than
a section), but a pronoun or a description at the start of a section does not reach back to an antecedent in the
section before. Entities named in several sections are joined by resolution, as across articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import overload

from newsgraph.model import Arg, Article, ArticleAnalysis, ConceptMention

#: Articles longer than this (in characters) are parsed in sections of at most this length.
SECTION_CHARS = 50_000

_BOUNDARIES = (
    re.compile(r"\n[^\S\n]*\n\s*"),  # a paragraph break (a blank line)
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # a sentence end
    re.compile(r"\s+"),  # a space
)


def section_spans(text: str, size: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive ``(start, end)`` spans of at most ``size`` characters that cover it whole.

    Each cut falls after the last paragraph break of the window that leaves a section of at least a quarter of
    ``size``; failing that, after the last such line break, sentence end or space; failing all, at ``size``
    characters.

    >>> text = "One two.\\n\\nThree four. Five six.\\nSeven eight nine."
    >>> [text[s:e] for s, e in section_spans(text, 20)]
    ['One two.\\n\\n', 'Three four. ', 'Five six.\\n', 'Seven eight nine.']
    >>> section_spans("x" * 25, 10)
    [(0, 10), (10, 20), (20, 25)]
    """
    if size < 2:
        raise ValueError(f"a section must be at least 2 characters long, not {size}")
    spans = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = end
        for boundary in _BOUNDARIES:
            last = None
            for last in boundary.finditer(text, start + size // 4, end):
                pass
            if last is not None:
                cut = last.end()
                break
        spans.append((start, cut))
        start = cut
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def join_sections(article: Article, parts: Sequence[tuple[int, ArticleAnalysis]]) -> ArticleAnalysis:
    """One analysis of ``article`` from the analyses of its sections, each given with the offset of its section.

    Offsets are shifted by the section's start and local entity ids renumbered so that they stay apart.
    """
    mentions, entities, triples, events = [], [], [], []
    concepts: list[ConceptMention] = []
    terms: Counter[str] = Counter()
    sentences = words = 0
    base = 0
    for offset, part in parts:
        renumber: dict[int, int] = {}
        used = [e.local_id for e in part.entities] + [m.local_id for m in part.mentions] + [
            a.local_id for t in part.triples for a in (t.subject, t.object, t.attributed_to)
            if a is not None and a.local_id is not None] + [
            p.arg.local_id for e in part.events for p in e.participants if p.arg.local_id is not None]
        for local_id in used:
            renumber.setdefault(local_id, base + len(renumber))
        base += len(renumber)
        mentions += [replace(m, start=m.start + offset, end=m.end + offset, local_id=renumber[m.local_id],
                             source=article.id) for m in part.mentions]
        entities += [replace(e, local_id=renumber[e.local_id], source=article.id) for e in part.entities]
        triples += [replace(t, subject=_shift(t.subject, offset, renumber), object=_shift(t.object, offset, renumber),
                            attributed_to=_shift(t.attributed_to, offset, renumber), source=article.id,
                            sentence_start=t.sentence_start + offset, sentence_end=t.sentence_end + offset,
                            trigger_start=t.trigger_start + offset if t.trigger_start >= 0 else -1,
                            trigger_end=t.trigger_end + offset if t.trigger_end >= 0 else -1)
                    for t in part.triples]
        events += [replace(e, source=article.id, start=e.start + offset, end=e.end + offset,
                           sentence_start=e.sentence_start + offset, sentence_end=e.sentence_end + offset,
                           content=e.content + offset if e.content >= 0 else -1,
                           participants=tuple(replace(p, arg=_shift(p.arg, offset, renumber)) for p in e.participants))
                   for e in part.events]
        concepts += [replace(c, source=article.id, start=c.start + offset, end=c.end + offset) for c in part.concepts]
        terms.update(dict(part.terms))
        sentences += part.sentence_count
        words += part.word_count
    return ArticleAnalysis(article=article, mentions=tuple(mentions), entities=tuple(entities), triples=tuple(triples),
                           sentence_count=sentences, word_count=words, events=tuple(events),
                           terms=tuple(sorted(terms.items())), concepts=tuple(concepts))


@overload
def _shift(arg: Arg, offset: int, renumber: dict[int, int]) -> Arg: ...
@overload
def _shift(arg: None, offset: int, renumber: dict[int, int]) -> None: ...
def _shift(arg: Arg | None, offset: int, renumber: dict[int, int]) -> Arg | None:
    if arg is None:
        return None
    local_id = None if arg.local_id is None else renumber[arg.local_id]
    return replace(arg, start=arg.start + offset, end=arg.end + offset, local_id=local_id)
