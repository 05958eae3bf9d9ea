"""What an ingest does with each input article (``sort_article``), and what it tells of one already stored whose
metadata the input now gives otherwise (``metadata_changes``).

One id stands for one text, and a source is its (id, text) pair: an article whose id is stored with another text is
refused; one whose id and text are stored is already stored; the same text under another id (a wire story an
outlet ran word for word, a file copied under a new name) is a new source, which copy detection links to the
first (``COPY_OF``), so that it counts once among independent sources.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsgraph.graph.cypher import STORED_METADATA
from newsgraph.model import Article

#: The metadata fields an input may change: each is compared as stored (``published`` by its ISO 8601 form).
FIELDS = ("title", "outlet", "url", "published", "author")


def sort_article(item: Article, stored: dict[str, str], seen: set[tuple[str, str]], force: bool) -> str:
    """What a run does with an article: ``"taken"`` (its id is ``stored`` with another text: one source id never
    stands for two texts, whose offsets would point into both), ``"repeated"`` (its id and text came earlier in
    this input and are written then, ``seen``), ``"already"`` (its id is stored with this text), else ``"new"``: it
    is written (and its id and text added to ``seen``). With ``force`` a stored source is written again. The same
    text under another id is new.

    >>> a = Article("a", "Text.", path=None)
    >>> [sort_article(a, {}, set(), False), sort_article(a, {"a": a.sha256}, set(), False)]
    ['new', 'already']
    >>> [sort_article(a, {"a": a.sha256}, set(), True), sort_article(a, {"b": a.sha256}, set(), False)]
    ['new', 'new']
    >>> seen = set(); [sort_article(a, {}, seen, False), sort_article(a, {}, seen, False)]
    ['new', 'repeated']
    """
    if stored.get(item.id, item.sha256) != item.sha256:
        return "taken"
    pair = (item.id, item.sha256)
    if pair in seen:
        return "repeated"
    if item.id in stored and not force:
        return "already"
    seen.add(pair)
    return "new"


def id_taken(article_id: str, sha256: str) -> str:
    r"""The reason an article is skipped whose id is stored with another text.

    >>> print(id_taken("a1", "0e84c4eace66ae14").replace("; ", ";\n"))
    article id 'a1' is already stored with another text (sha256 0e84c4eace66…);
    give this text another id to keep both versions
    """
    return (f"article id {article_id!r} is already stored with another text (sha256 {sha256[:12]}…); "
            f"give this text another id to keep both versions")


def metadata_changes(run: Callable[..., list[dict]], articles: Sequence[Article]) -> list[tuple[str, str]]:
    """``(where, message)`` for each of ``articles`` (already stored, with the same text) whose stored metadata
    differs from the input's: the stored values are kept, and the message names the fields and ``--force``."""
    if not articles:
        return []
    rows = {row["id"]: row for row in run(STORED_METADATA, {"ids": [a.id for a in articles]})}
    found = []
    for article in articles:
        row = rows.get(article.id)
        if row is None:
            continue
        changes = describe_changes(row, article)
        if changes:
            found.append((article.path or article.id, f"article {article.id!r} is already stored with other "
                                                      f"metadata ({changes}); the stored values are kept: ingest it "
                                                      f"with --force to store the new ones"))
    return found


def describe_changes(row: dict, article: Article) -> str:
    """The fields of ``article`` whose values differ from the stored ``row``'s, each ``field 'old' → 'new'``.

    >>> describe_changes({"outlet": "", "published": "2025-03-03", "published_raw": "3 March 2025"},
    ...                  Article("a1", "Text.", outlet="The Bugle", published="2025-03-04", published_raw="2025-03-04"))
    "outlet '' → 'The Bugle', published '3 March 2025' → '2025-03-04'"
    """
    parts = []
    for name in FIELDS:
        old, new = row.get(name) or "", getattr(article, name) or ""
        if old != new:
            if name == "published":
                old, new = row.get("published_raw") or old, article.published_raw or new
            parts.append(f"{name} {old!r} → {new!r}")
    return ", ".join(parts)
