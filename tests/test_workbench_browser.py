"""The workbench in a real browser: Debian's chromium driven by Playwright (never a downloaded browser), on the
seed graph, on an article that carries markup, and the HTML export opened with networking disabled.

Screenshots of every step go to ``tests/artifacts/workbench/`` (git-ignored).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import GUARDIAN, NYT
from workbench_fixtures import CEASEFIRE, FACT_LAYER, serving, write_copies

pytestmark = [pytest.mark.store, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "workbench"


@pytest.fixture()
def page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.problems = []  # uncaught errors and CSP violations
    page.on("pageerror", lambda error: page.problems.append(f"error: {error}"))
    page.on("console", lambda m: page.problems.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def ready(page) -> None:
    page.wait_for_selector("#main[data-ready='1']", timeout=20_000)


def click_edge(page, predicate: str, target: str, attempts: int = 3) -> None:
    """Centre the view on the edge and click it with the mouse, as a user would; click again (at most
    ``attempts`` times) when the graph took the click for another element, as a user would on a view that was
    still settling."""
    for _ in range(attempts):
        _click_edge_once(page, predicate, target)
        tapped = page.evaluate("""([predicate, target]) => {
            const edges = window.newsgraphCy.edges(":selected");
            return edges.length === 1 && edges[0].data("predicate") === predicate && edges[0].data("target") === target;
        }""", [predicate, target])
        if tapped:
            return
    raise AssertionError(f"{attempts} clicks on the edge {predicate!r} → {target!r} selected another element")


def _click_edge_once(page, predicate: str, target: str) -> None:
    point = page.evaluate("""async ([predicate, target]) => {
        const cy = window.newsgraphCy;
        // the renderer updates an edge's drawn path on its next frame: a hit test before it sees where the edge
        // was before the layout or the fit, and on a slow machine the click then lands on another edge
        const drawn = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        if (cy.laidOut) await cy.laidOut;
        const edge = cy.edges().filter((e) => e.data("predicate") === predicate && e.data("target") === target)[0];
        // where the renderer puts its drawing area on the page: inside the container's border and padding (the
        // container's own box is a pixel off, and a pixel decides between two edges that cross close by)
        const [left, top] = cy.renderer().findContainerClientCoords();
        const around = [[0, 0], [-2, 0], [2, 0], [0, -2], [0, 2], [-2, -2], [2, 2], [-2, 2], [2, -2]];
        // a point of the edge that no other edge or label covers within a few pixels (the renderer's own hit test)
        const clean = async (padding) => {
            cy.fit(edge, padding);
            await drawn();
            const a = edge.renderedSourceEndpoint(), b = edge.renderedTargetEndpoint();
            const pan = cy.pan(), zoom = cy.zoom();
            const hits = (x, y) => {
                const hit = cy.renderer().findNearestElement((x - pan.x) / zoom, (y - pan.y) / zoom, true, false);
                return hit && hit.id() === edge.id();
            };
            for (let i = 0; i <= 16; i++) {
                const t = 0.5 + (i % 2 ? -1 : 1) * Math.ceil(i / 2) * 0.05;  // 0.5, 0.55, 0.45, 0.6, …
                const p = {x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t};
                if (around.every(([dx, dy]) => hits(p.x + dx, p.y + dy))) return {x: left + p.x, y: top + p.y};
            }
            return null;
        };
        // closer in until one is found: the busier the neighbourhood, the more the view must zoom in on the edge
        for (const padding of [120, 60, 20]) {
            const point = await clean(padding);
            if (point) return point;
        }
        // a layout can put the far end right beside a hub, under the labels of its other edges: as a user would,
        // drag that end out of the crowd, beyond every other node, one direction after another
        const from = edge.source().position();
        const away = (n) => Math.hypot(n.position().x - from.x, n.position().y - from.y);
        const reach = 1.5 * Math.max(...cy.nodes().map(away));
        for (let k = 0; k < 12; k++) {
            const angle = (k * Math.PI) / 6;
            edge.target().position({x: from.x + reach * Math.cos(angle), y: from.y + reach * Math.sin(angle)});
            const point = await clean(60);
            if (point) return point;
        }
        return null;
    }""", [predicate, target])
    assert point is not None, f"no point of the edge {predicate!r} → {target!r} that only it covers"
    page.mouse.click(point["x"], point["y"])


def check_agree_to_panel(page) -> None:
    page.wait_for_selector("#evidence-panel .evidence-item", timeout=20_000)
    assert page.inner_text("#evidence-panel h2") == "Vladimir Putin –agree to→ limited ceasefire"
    items = page.locator("#evidence-panel .evidence-item")
    by_outlet = {items.nth(i).locator(".outlet").inner_text(): items.nth(i) for i in range(items.count())}
    assert set(by_outlet) == {"The Guardian", "The New York Times"}
    guardian, nyt = by_outlet["The Guardian"], by_outlet["The New York Times"]
    assert guardian.locator("mark.subject").inner_text() == "Vladimir Putin"
    assert nyt.locator("mark.subject").inner_text() == "President Vladimir V. Putin"
    for item in (guardian, nyt):
        assert item.locator("mark.object").inner_text() == "a limited ceasefire"
    assert guardian.get_attribute("data-source") == GUARDIAN and nyt.get_attribute("data-source") == NYT


@pytest.mark.model
def test_analyst_session_on_the_seed_graph(seed_store, page):
    with serving(seed_store) as url:
        page.goto(url)
        ready(page)
        shot(page, "home")
        assert "2 sources" in page.inner_text("#stories")  # the two seed reports are one story
        page.fill("#search-input", "Putin")
        page.press("#search-input", "Enter")
        page.wait_for_selector(".result-entities a")
        ready(page)
        shot(page, "search")
        page.click(".result-entities a:text('Vladimir Putin')")
        page.wait_for_selector(".aliases-table")
        ready(page)
        shot(page, "entity")
        row = page.locator(".aliases-table tr", has=page.locator("td.alias", has_text="the Russian leader"))
        assert "The Guardian" in row.inner_text()
        assert "in-article description" in page.inner_text(".resolution-table")
        assert "agree to" in page.inner_text(".relation-class[data-class='AGREE_TO']")

        page.click("a:text('Graph view')")
        page.wait_for_selector("#graph canvas")
        ready(page)
        shot(page, "graph")
        click_edge(page, "agree to", CEASEFIRE)
        check_agree_to_panel(page)
        shot(page, "evidence")
        before = page.evaluate("window.newsgraphCy.nodes().length")
        page.evaluate("window.newsgraphCy.getElementById('donald-trump').emit('tap')")
        for _ in range(100):  # wait_for_function evaluates a string, which the page's CSP forbids
            if page.evaluate("window.newsgraphCy.nodes().length") > before:
                break
            page.wait_for_timeout(200)
        assert page.evaluate("window.newsgraphCy.nodes().length") > before

        page.goto(url + "#/console")
        ready(page)
        page.select_option("#canned-select", "corroborated")
        page.fill("#canned-params input[name='min_sources']", "2")
        page.click("#canned-run")
        page.wait_for_selector("#result-table td")
        assert "limited ceasefire" in page.inner_text("#result-table")
        shot(page, "console")
        page.fill("#cypher-text", "CREATE (n:Hack {x: 1}) RETURN n")
        page.click("#cypher-run")
        page.wait_for_selector(".console-error")
        assert "writes to the graph" in page.inner_text(".console-error")
        page.fill("#cypher-text", "MATCH (a:Entity {id: $id})-[r]->(b) RETURN a, r, b LIMIT 20")
        page.fill("#cypher-params", json.dumps({"id": "vladimir-putin"}))
        page.click("#cypher-run")
        page.wait_for_selector("#result-table td")
        page.click("button:text('Graph')")
        page.wait_for_selector("#console-graph canvas")
        shot(page, "console-graph")
    assert seed_store.run("MATCH (n:Hack) RETURN count(n) AS n")[0]["n"] == 0
    assert page.problems == []


@pytest.mark.model
def test_markup_in_an_article_stays_inert(empty_store, seed_settings, tmp_path, page):
    from newsgraph.pipeline import ingest

    article = {"id": "markup", "title": "<script>window.__pwned = 'title'</script>Ceasefire talks",
               "outlet": "<img src=x onerror=\"window.__pwned = 'outlet'\">", "url": "javascript:window.__pwned='url'",
               "published": "2025-03-19",
               "text": "Vladimir Putin agreed to a limited ceasefire <script>window.__pwned = 'text'</script> on "
                       "Tuesday, the Kremlin said.\nThe <b onmouseover=\"window.__pwned = 'b'\">Kremlin</b> rejected "
                       "a full truce.\n"}
    source = tmp_path / "markup.jsonl"
    source.write_text(json.dumps(article) + "\n", encoding="utf-8")
    ingest([source], empty_store, seed_settings)
    sentences = [r["s"] for r in empty_store.run("MATCH (v:Evidence) RETURN v.sentence AS s")]
    assert any("<script>" in s for s in sentences), sentences  # the markup is in the graph, as text
    with serving(empty_store) as url:
        page.goto(url + "#/source/markup")
        ready(page)
        page.wait_for_timeout(300)
        shot(page, "markup-source")
        text = page.inner_text("#main")
        assert "<script>window.__pwned = 'title'</script>Ceasefire talks" in text
        assert "<script>window.__pwned = 'text'</script>" in text
        assert page.locator("#main script, #main img, #main b").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        page.goto(url + "#/search/" + "ceasefire")
        ready(page)
        page.goto(url + "#/graph/vladimir-putin")
        page.wait_for_selector("#graph canvas")
        ready(page)
        page.evaluate("""() => { const e = window.newsgraphCy.edges()[0]; e.emit('tap'); }""")
        page.wait_for_selector("#evidence-panel .evidence-item")
        assert page.evaluate("window.__pwned") is None
    assert page.problems == []


@pytest.mark.model
def test_html_export_works_offline(seed_store, tmp_path, chromium):
    from newsgraph.workbench.html_export import export_html

    path = export_html(seed_store.read_graph(["vladimir-putin"], hops=1), tmp_path / "putin.html",
                       title="newsgraph: Vladimir Putin, 1 hop", start=["vladimir-putin"])
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    requested = []
    context.route("**/*", lambda route: (requested.append(route.request.url), route.abort()
                                         if not route.request.url.startswith("file:") else route.continue_()))
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(path.as_uri())
    page.wait_for_selector("#graph canvas")
    ready(page)
    click_edge(page, "agree to", CEASEFIRE)
    check_agree_to_panel(page)
    shot(page, "export")
    # The predicate is marked as on the server's panel (before, never in the export): only the relation's own
    # trigger, not another mention of its event in the sentence ("agreed", not "commit" of "declined to commit").
    marks = page.locator("#evidence-panel .evidence-item mark.predicate")
    assert marks.count() >= 1 and {marks.nth(i).inner_text() for i in range(marks.count())} == {"agreed"}
    # Offsets count characters, not UTF-16 units: an emoji before the name shifted every mark after it.
    marked = page.evaluate("""() => Array.from(NG.sentence({sentence: "😀 𝕏 Angela Merkel met Emmanuel Macron.",
        spans: [{role: "subject", start: 4, end: 17}, {role: "predicate", start: 18, end: 21},
                {role: "object", start: 22, end: 37}]}).querySelectorAll("mark"), (m) => m.textContent)""")
    assert marked == ["Angela Merkel", "met", "Emmanuel Macron"]
    assert [u for u in requested if not u.startswith("file:")] == []
    assert problems == []
    context.close()


@pytest.mark.parametrize("hash_, expect", [
    ("#/story/story-1", ["Corroborated", "Ann Lee meets Acme", "One independent source says", "Acme resigns",
                         "Contested"]),
    ("#/entity/ann-lee", ["2024-05-01", "Ann Lee meets Acme", "contested"]),
])
def test_fact_layer_pages(empty_store, page, hash_, expect):
    for statement in FACT_LAYER:
        empty_store.run(statement)
    with serving(empty_store) as url:
        page.goto(url + hash_)
        ready(page)
        text = page.inner_text("#main")
        for wanted in expect:
            assert wanted in text
        shot(page, "story" if "story" in hash_ else "timeline")
    assert page.problems == []


def test_console_graph_opens_a_node_by_its_id_and_says_when_rows_were_cut(empty_store, page):
    """Before: "open its page" on a console graph node linked #/entity/n4 (the view's own id), a page that does not
    exist."""
    for statement in FACT_LAYER:
        empty_store.run(statement)
    with serving(empty_store) as url:
        page.goto(url + "#/console")
        ready(page)
        page.fill("#cypher-text", "UNWIND range(1, 5000) AS i RETURN i")
        page.click("#cypher-run")
        page.wait_for_selector("#result-table td")
        assert page.inner_text("#result-note").startswith("More than 1000 rows: the first 1000 shown")
        assert page.locator("#result-table tr").count() == 1001  # the header and 1000 rows
        page.fill("#cypher-text", "MATCH (a:Entity {id: 'ann-lee'})-[r]->(b) RETURN a, r, b")
        page.click("#cypher-run")
        page.wait_for_selector("#result-table td")
        page.click("button:text('Graph')")
        page.wait_for_selector("#console-graph canvas")
        page.evaluate("window.newsgraphCy.nodes().filter((n) => n.data('name') === 'Ann Lee')[0].emit('tap')")
        page.click("a:text('open its page')")
        page.wait_for_selector(".aliases-table")
        ready(page)
        assert page.url.endswith("#/entity/ann-lee") and page.inner_text("h1").startswith("Ann Lee")
    assert page.problems == []


def test_a_bad_address_and_an_unknown_id_show_an_error(empty_store, page):
    """Before: a stray % threw an uncaught "URI malformed" and left the old page; #/graph/<unknown> drew an empty
    graph."""
    for statement in FACT_LAYER:
        empty_store.run(statement)
    with serving(empty_store) as url:
        page.goto(url + "#/search/%E0%A4%A")
        ready(page)
        assert "The address is not valid" in page.inner_text("#main .error")
        page.goto(url + "#/graph/nobody")
        ready(page)
        assert "no entity or concept has the id 'nobody'" in page.inner_text("#main .error")
    assert page.problems == []


def test_story_facts_show_their_marks_and_open_their_sentences(empty_store, page):
    """Before: "Only one outlet says: Orbis Bank –fire→ Tomas Dvorak" had no negated mark and no link, and a fact
    told only by two copies of one article was corroborated."""
    write_copies(empty_store)
    with serving(empty_store) as url:
        page.goto(url + "#/story/st-1")
        ready(page)
        fire = page.locator(".single li[data-fact='r-fire']")
        assert "negated ×1" in fire.inner_text() and "1 independent source" in fire.inner_text()
        assert "Beta News, Delta Daily" in page.inner_text(".single li[data-fact='r-thank']")
        # an article and its copies are one source: the heading says so, not "one outlet" above two outlets
        assert page.inner_text(".single h2") == "One independent source says"
        assert page.locator(".corroborated li[data-fact='r-thank']").count() == 0
        shot(page, "story-copies")
        fire.locator("a").click()
        page.wait_for_selector("#evidence-panel .evidence-item")
        ready(page)
        assert page.url.endswith("#/relation/r-fire")
        item = page.locator("#evidence-panel .evidence-item")
        assert "Orbis Bank did not fire Tomas Dvorak." in item.inner_text() and "negated" in item.inner_text()
    assert page.problems == []
