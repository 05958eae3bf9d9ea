"""The article in an HTML page: its main text and its metadata, through trafilatura.

trafilatura finds the main text of a page and leaves out what surrounds it on a news site (navigation, cookie
banners, "Related stories" and "Most read" lists, newsletter boxes, share buttons, comments, footers), and reads
the title, author, publication date, canonical URL and site name from the page's metadata (JSON-LD, OpenGraph,
``<meta>`` tags, bylines, ``<time>`` elements). Teasers for other stories inside the article's body, which
trafilatura can take for paragraphs of it, are pruned from the page before extraction (``TEASER_XPATHS``). The
extracted text is the article's text: every offset in the graph points into it, and its sha256 is the Source's.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Words in the ``class`` or ``id`` of an element that holds a teaser for other stories ("c-readmore",
#: "related-links", "also-read", "more-on-this", "recommended"), lower-cased.
TEASER_NAMES = ("readmore", "read-more", "read_more", "related", "also-read", "alsoread", "also_read", "more-on",
                "more_on", "recommended")

#: How a paragraph (or a block) that is a teaser for other stories begins, lower-cased: "Read more: <headline>".
TEASER_OPENINGS = ("read more:", "related:", "see also:", "also read:", "more on this story")

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_BLOCKS = ("p", "div", "section", "aside", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "figure")


def _lower(expression: str) -> str:
    return f"translate({expression}, '{_UPPER}', '{_UPPER.lower()}')"


#: A teaser is never most of the page: an element that holds half the page's text or more (a wrapper whose class
#: happens to say "related", an article that opens with a teaser) is kept.
_SMALL = "string-length(normalize-space(.)) * 2 < string-length(normalize-space(//body))"

#: What is pruned from a page before its text is extracted: the elements whose class or id names a teaser, and the
#: blocks whose text opens as a teaser does ("Read more: …", "READ MORE", "See also: …", "More on this story").
TEASER_XPATHS = [
    "//*[not(self::html or self::body or self::article or self::main)][{}][{}]".format(
        " or ".join(f"contains({_lower('@' + attribute)}, '{name}')" for attribute in ("class", "id")
                    for name in TEASER_NAMES), _SMALL),
    "//*[{}][{} or starts-with(normalize-space(.), 'READ MORE') or {} = 'read more'][{}]".format(
        " or ".join(f"self::{tag}" for tag in _BLOCKS),
        " or ".join(f"starts-with({_lower('normalize-space(.)')}, '{opening}')" for opening in TEASER_OPENINGS),
        _lower("normalize-space(.)"), _SMALL),
]


@dataclass(frozen=True)
class HtmlArticle:
    """What an HTML page holds as an article; a field the page does not give is ``""``.

    Attributes:
        text: The main text, one paragraph a line.
        title: The headline.
        author: The author or authors (trafilatura joins several with ``"; "``), their names only: a role in
            the byline ("By Jane Doe, Paris correspondent") is left out (``credits.byline_names``).
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

    from newsgraph.ingest.credits import byline_names  # here too: credits reads spaCy Docs, and imports spaCy

    found = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                        include_images=False, include_links=False, include_formatting=False,
                                        prune_xpath=TEASER_XPATHS)
    if found is None:
        return HtmlArticle(text="", url=url)

    def field(name: str) -> str | None:  # a Document, or a dict in trafilatura's as_dict mode
        value = found.get(name) if isinstance(found, dict) else getattr(found, name, None)
        return None if value is None else str(value)

    title = _one_line(field("title"))
    text = _without_headline(field("text") or "", title)
    return HtmlArticle(text=text, title=title, author=byline_names(_one_line(field("author"))),
                       published=_one_line(field("date")), url=_one_line(field("url")) or url,
                       outlet=_one_line(field("sitename")))


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
