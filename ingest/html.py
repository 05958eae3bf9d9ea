"""The article in an HTML page: its main text and its metadata, through trafilatura.

trafilatura finds the main text of a page and leaves out what surrounds it on a news site (navigation, cookie
banners, "Related stories" and "Most read" lists, newsletter boxes, share buttons, comments, footers), and reads
the title, author, publication date, canonical URL and site name from the page's metadata (JSON-LD, OpenGraph,
``<meta>`` tags, bylines, ``<time>`` elements). The extracted text is the article's text: every offset in the graph
points into it, and its sha256 is the Source's.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HtmlArticle:
    """What an HTML page holds as an article; a field the page does not give is ``""``.

    Attributes:
        text: The main text, one paragraph a line.
        title: The headline.
        author: The author or authors (trafilatura joins several with ``"; "``).
        published: The publication date as trafilatura reads it (ISO 8601, ``YYYY-MM-DD``).
        url: The canonical URL (``<link rel="canonical">``, ``og:url``), else the URL it was read from.
        outlet: The site's name (``og:site_name``, the publisher in JSON-LD), else its host name.
    """

    text: str
    title: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    outlet: str = ""


def html_article(html: str, url: str = "") -> HtmlArticle:
    """Extract the article of an HTML page: its main text without the page's boilerplate, and its metadata.

    Args:
        html: The page's markup, decoded.
        url: Where the page came from, if known; it helps to find the date and the site, and stands for the URL
            when the page names no canonical one.

    Returns:
        The article; its ``text`` is ``""`` when the page holds no main text.

    >>> page = ('<html><head><title>Bridge reopens | City News</title></head><body><nav><a href="/">Home</a>'
    ...         '</nav><article><p>The Kessel bridge reopened on Monday after three months of repairs, the city '
    ...         'said.</p><p>Engineers replaced the worn bearings and the deck joints, and the road is open to cars '
    ...         'again.</p><p>Cyclists will have a lane of their own from next spring, the council added.</p>'
    ...         '</article></body></html>')
    >>> found = html_article(page)
    >>> found.title
    'Bridge reopens'
    >>> print(found.text)
    The Kessel bridge reopened on Monday after three months of repairs, the city said.
    Engineers replaced the worn bearings and the deck joints, and the road is open to cars again.
    Cyclists will have a lane of their own from next spring, the council added.
    """
    import trafilatura  # imported here: it takes a while to load and only HTML input needs it

    found = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                        include_images=False, include_links=False, include_formatting=False)
    if found is None:
        return HtmlArticle(text="", url=url)

    def field(name: str) -> str | None:  # a Document, or a dict in trafilatura's as_dict mode
        value = found.get(name) if isinstance(found, dict) else getattr(found, name, None)
        return None if value is None else str(value)

    title = _one_line(field("title"))
    text = _without_headline(field("text") or "", title)
    return HtmlArticle(text=text, title=title, author=_one_line(field("author")), published=_one_line(field("date")),
                       url=_one_line(field("url")) or url, outlet=_one_line(field("sitename")))


def _without_headline(text: str, title: str) -> str:
    """``text`` without a first line that only repeats the headline (some layouts put the ``<h1>`` inside the
    article's container), so the headline is not read as the first sentence.

    >>> _without_headline("Council delays vote\\nThe council postponed its vote.", "Council delays vote")
    'The council postponed its vote.'
    >>> _without_headline("The council postponed its vote.", "Council delays vote")
    'The council postponed its vote.'
    """
    first, newline, rest = text.partition("\n")
    if title and newline and " ".join(first.split()).casefold() == title.casefold():
        return rest
    return text


def _one_line(value: object) -> str:
    """A metadata value as one line of text (``None`` → ``""``).

    >>> _one_line(" Helena\\n Marsh "), _one_line(None)
    ('Helena Marsh', '')
    """
    return " ".join(str(value).split()) if value else ""
