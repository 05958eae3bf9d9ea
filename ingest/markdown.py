"""Markdown as the plain text an analysis reads: markup out, words kept (``markdown_text``).

A ``.md`` file is read as Markdown (CommonMark, with tables and strikethrough) by markdown-it-py, and its text is
what a reader sees: ``**Olaf Scholz** met [Donald Tusk](https://…)`` is ``Olaf Scholz met Donald Tusk``. Each
block (heading, paragraph, list item, table cell, code block) is a paragraph of its own, so a heading and a list
item end where they end, and a line break inside a paragraph is kept. A list item keeps a marker, as a reader
sees it: "• " for a bulleted item, its number and "." or ")" for a numbered one; so its line starts a sentence
(``newsgraph.ingest.line_breaks``) though the item above it ends with a semicolon or a comma. Inline HTML and HTML
blocks are left out, an image is its alt text. The plain text is the article's text: every offset points into
it, as for a web page.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_text(source: str) -> str:
    """The plain text of the Markdown ``source``: one paragraph per block, markup left out.

    >>> markdown_text("# Talks\\n\\n**Olaf Scholz** met [Donald Tusk](https://x.org) in `Warsaw`.\\n\\n* One;\\n* Two.")
    'Talks\\n\\nOlaf Scholz met Donald Tusk in Warsaw.\\n\\n• One;\\n\\n• Two.\\n'
    >>> markdown_text("They agreed:\\n\\n3. to talk,\\n4. to meet.")
    'They agreed:\\n\\n3. to talk,\\n\\n4. to meet.\\n'
    """
    blocks: list[str] = []
    marker = ""  # the marker of the list item whose first block comes next
    for token in _PARSER.parse(source):
        if token.type == "list_item_open":
            marker = f"{token.info}{token.markup} " if token.info else "\u2022 "
            continue
        if token.type == "inline":
            text = _inline(token.children or [])
        elif token.type in ("code_block", "fence"):
            text = token.content.rstrip("\n")
        else:
            continue
        if text.strip():
            blocks.append(marker + text.strip())
            marker = ""
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _inline(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline(child.children or []))
    return "".join(parts)
