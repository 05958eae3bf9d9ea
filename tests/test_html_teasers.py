"""Teasers for other stories inside an HTML article's body ("Read more: <headline>", a "related" box) are left out
of its text, so that they give no facts, entities or evidence of their own."""

import pytest

from newsgraph.ingest.html import html_article

PARAGRAPHS = [
    "DETROIT — Harlow Motors is recalling more than 200,000 vans to fix a faulty brake sensor, the national "
    "road safety agency said on Wednesday.",
    "The recall follows a two-year investigation by the agency into crashes on wet roads. The company did not "
    "respond to a request for comment.",
    "Harlow Motors said in a filing that it would send a software update to owners within a month.",
]
TEASER = "Rival carmaker cuts prices of electric pickups as its chief executive warns on demand"


def _page(teaser: str, *, wrapper: str = "<article>") -> str:
    first, second, third = (f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f'<html><head><meta charset="utf-8"><title>Harlow recalls vans</title></head><body>'
            f'<nav><a href="/">Home</a> | <a href="/cars">Cars</a></nav>{wrapper}{first}{second}{teaser}{third}'
            f"</{wrapper[1:].split()[0].rstrip('>')}><footer>Copyright Metro Times</footer></body></html>")


@pytest.mark.parametrize("teaser", [
    f'<p class="readmore"><strong>Read more:</strong> <a href="/x">{TEASER}</a></p>',
    f'<div id="related-story"><a href="/x">{TEASER}</a></div>',
    f'<aside class="c-Recommended"><h3>For you</h3><ul><li><a href="/x">{TEASER}</a></li></ul></aside>',
    f'<p class="also-read"><a href="/x">{TEASER}</a></p>',
    f'<p><strong>Read more:</strong> <a href="/x">{TEASER}</a></p>',
    f'<p>READ MORE <a href="/x">{TEASER}</a></p>',
    f'<p>Related: <a href="/x">{TEASER}</a></p>',
    f'<p><em>See also:</em> <a href="/x">{TEASER}</a></p>',
    f'<p>Also read: <a href="/x">{TEASER}</a></p>',
    f'<div><h3>More on this story</h3><ul><li><a href="/x">{TEASER}</a></li></ul></div>',
])
def test_a_teaser_inside_the_article_is_left_out(teaser):
    text = html_article(_page(teaser)).text
    assert text == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("paragraph", [
    "Read more carefully, the filing shows the recall covers two model years.",
    "Related talks with suppliers are due next week, the company said.",
    "Owners can read more about the update on the agency's website, officials said.",
])
def test_a_paragraph_that_only_sounds_like_a_teaser_is_kept(paragraph):
    text = html_article(_page(f"<p>{paragraph}</p>")).text
    assert text == "\n".join([*PARAGRAPHS[:2], paragraph, PARAGRAPHS[2]])


def test_a_wrapper_whose_class_says_related_is_no_teaser():
    """A container that holds most of the page is never pruned, whatever its class says."""
    page = _page("", wrapper='<div class="story-body related-enabled">')
    assert html_article(page).text == "\n".join(PARAGRAPHS)
