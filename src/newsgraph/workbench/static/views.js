/* newsgraph workbench: the pages (home, search, entity, graph, story, source, console) and the router. */
"use strict";
(() => {
const {h, api, link, nodeLink, plural, showError} = window.NG;
const main = () => document.getElementById("main");
const put = (...children) => main().replaceChildren(h("div", {class: "page"}, children));
const sourceRef = (s) => [link("source", s.id, s.outlet || s.id), s.published ? h("span", {class: "muted"}, " " + s.published) : null];
const none = (text) => h("p", {class: "muted"}, text);

async function home() {
  const info = await api("/api/info");
  const c = info.counts;
  put(h("h1", {}, "The graph"),
    h("p", {}, `${plural(c.sources, "source")}, ${plural(c.entities, "entity", "entities")}, ${plural(c.concepts, "concept")}, ` +
      `${plural(c.evidence, "evidence sentence")} (store: ${info.store}).`),
    h("div", {class: "cols"},
      h("section", {}, h("h2", {}, "Most reported entities"), h("ul", {class: "plain"}, info.entities.map((e) =>
        h("li", {}, nodeLink("Entity", e.id, e.name), h("span", {class: "badge"}, e.type), " ",
          h("span", {class: "muted"}, plural(e.sources || 0, "source")))))),
      h("section", {id: "stories"}, h("h2", {}, "Stories"), info.layers.stories
        ? h("ul", {class: "plain"}, info.stories.map((t) => h("li", {}, link("story", t.id, t.name || t.id),
            h("span", {class: "muted"}, ` ${plural(t.size || 0, "source")} ${t.first || ""}${t.last && t.last !== t.first ? " – " + t.last : ""}`))))
        : none("No stories in this graph."))));
}

async function search(q) {
  document.getElementById("search-input").value = q;
  const r = await api("/api/search", {q});
  const list = (title, cls, items, render) => h("section", {}, h("h2", {}, title),
    items.length ? h("ul", {class: "plain " + cls}, items.map((i) => h("li", {}, render(i)))) : none("Nothing found."));
  put(h("h1", {}, `Search: ${q}`), h("div", {class: "cols"},
    list("Entities", "result-entities", r.entities, (e) => [nodeLink("Entity", e.id, e.name), h("span", {class: "badge"}, e.type),
      e.matched && e.matched.length ? h("span", {class: "muted"}, " — also called " + e.matched.join(", ")) :
      (e.aliases && e.aliases.length ? h("span", {class: "muted"}, " — " + e.aliases.join(", ")) : null)]),
    list("Concepts", "result-concepts", r.concepts, (e) => nodeLink("Concept", e.id, e.name)),
    list("Sources", "result-sources", r.sources, (s) => [link("source", s.id, s.title || s.id), " ", h("span", {class: "muted"}, `${s.outlet || ""} ${s.published || ""}`)]),
    h("div", {}, list("Stories", "result-stories", r.stories, (t) => link("story", t.id, t.name || t.id)))));
}

function relationRow(rel, nodeName) {
  const slot = h("div", {class: "relation-evidence"});
  let open = false;
  const toggle = () => {
    open = !open;
    if (!open) return slot.replaceChildren();
    const names = rel.direction === "out" ? [nodeName, rel.other_name] : [rel.other_name, nodeName];
    window.NG.evidencePanel(slot, {...rel, sourceName: names[0], targetName: names[1]});
  };
  const other = nodeLink(rel.other_kind, rel.other_id, rel.other_name);
  return h("li", {class: "relation", "data-edge": rel.id},
    rel.direction === "out" ? ["→ ", h("button", {class: "linklike", onclick: toggle}, rel.predicate), " ", other]
      : ["← ", other, " ", h("button", {class: "linklike", onclick: toggle}, rel.predicate)],
    h("span", {class: "badge", title: "independent sources"}, plural(rel.width, "source")),
    rel.negated_count ? h("span", {class: "badge mark-negated"}, `negated ×${rel.negated_count}`) : null,
    rel.hedged_count ? h("span", {class: "badge mark-hedged"}, `hedged ×${rel.hedged_count}`) : null,
    rel.polarity === "contested" ? h("span", {class: "badge mark-contested"}, "contested") : null,
    rel.attributed_to.length ? h("span", {class: "muted"}, " according to " + rel.attributed_to.join(", ")) : null, slot);
}

async function entity(id) {
  const p = await api("/api/entity", {id});
  const timeline = p.kind !== "Entity" ? null : p.timeline === null ? none("No events in this graph.")
    : p.timeline.length ? h("ul", {class: "plain timeline"}, p.timeline.map((e) => h("li", {}, h("strong", {}, e.date || "undated"), " ",
        e.name || e.id, e.event_class ? h("span", {class: "badge"}, e.event_class) : null, e.role ? h("span", {class: "muted"}, ` as ${e.role}`) : null,
        e.story ? [" ", link("story", e.story, "story")] : null, h("span", {class: "muted"}, " " + (e.outlets || []).join(", ")))))
    : none("No events with this entity.");
  put(h("h1", {}, p.name, h("span", {class: "badge"}, p.type)),
    h("p", {}, p.mentions ? `${plural(p.mentions, "mention")} in ${plural(p.sources || 0, "source")}. ` : "",
      link("graph", p.id, "Graph view"), h("span", {class: "muted"}, " · id " + p.id)),
    p.kind === "Entity" ? [
      h("h2", {}, "Aliases"),
      h("table", {class: "aliases-table"}, h("tr", {}, h("th", {}, "name used"), h("th", {}, "by"), h("th", {}, "mentions"), h("th", {}, "merged by rule")),
        p.aliases.map((a) => h("tr", {}, h("td", {class: "alias"}, a.alias),
          h("td", {}, a.sources.map((s, i) => [i ? ", " : "", sourceRef(s)])), h("td", {}, a.count || ""), h("td", {}, a.rules.join(", "))))),
      p.pronouns ? none(`Also ${plural(p.pronouns, "pronoun mention")} (he, his, …).`) : null,
      h("h2", {}, "How it was resolved"),
      p.resolution.length ? h("table", {class: "resolution-table"}, h("tr", {}, h("th", {}, "source"), h("th", {}, "alias"), h("th", {}, "rule"), h("th", {}, "why")),
        p.resolution.map((m) => h("tr", {}, h("td", {}, link("source", m.source, m.outlet || m.source)), h("td", {}, m.alias), h("td", {}, m.rule), h("td", {class: "muted"}, m.detail || ""))))
        : none("No resolution log for this entity."),
      h("h2", {}, "Timeline"), timeline] : null,
    h("h2", {}, "Relations by class"),
    p.relations.length ? p.relations.map((g) => h("section", {class: "relation-class", "data-class": g.class},
      h("h3", {}, g.label, h("span", {class: "badge"}, plural(g.sources, "source")),
        g.contested ? h("span", {class: "badge mark-contested"}, `${g.contested} contested`) : null),
      h("ul", {class: "plain"}, g.relations.map((r) => relationRow(r, p.name))))) : none("No relations."),
    p.sources_list ? [h("h2", {}, "Sources mentioning it"), h("ul", {class: "plain"}, p.sources_list.map((s) =>
      h("li", {}, sourceRef(s), h("span", {class: "muted"}, ` ${plural(s.count || 0, "mention")}`))))] : null);
}

async function graph(id) {
  const embedded = Boolean(window.NG.embedded);  // an HTML export: its graph only, nothing to expand a node with
  const panel = h("aside", {id: "panel"}, none("Click an edge to see the sentences behind it" +
    (embedded ? "; click a node for its name and type." : "; click a node to expand it.")));
  const box = h("div", {id: "graph"});
  const controls = {hops: h("select", {id: "hops"}, [1, 2].map((n) => h("option", {value: n}, `${n} hop${n > 1 ? "s" : ""}`))),
    sources: h("input", {type: "checkbox", id: "show-sources"}), events: h("input", {type: "checkbox", id: "show-events"})};
  const legend = h("span", {class: "graph-legend"}, [["positive", "#3866b8"], ["negated", "#c0392b"], ["contested", "#e08e0b"]]
    .map(([k, c]) => h("span", {}, h("span", {class: "swatch", style: null, "data-colour": c}), k)), h("span", {class: "muted"}, "width = independent sources; dashed = hedged"));
  put(h("div", {class: "toolbar"}, h("strong", {}, embedded ? (window.NG.embedded.title || "Graph") : "Graph view"),
      embedded ? null : [controls.hops, h("label", {}, controls.sources, " sources"), h("label", {}, controls.events, " events"),
        link("entity", id, "entity page")], legend),
    h("div", {class: "graph-layout"}, box, panel));
  legend.querySelectorAll(".swatch").forEach((s) => { s.style.background = s.dataset.colour; });
  const params = () => ({id, hops: controls.hops.value, sources: controls.sources.checked ? 1 : 0, events: controls.events.checked ? 1 : 0});
  const draw = async () => {
    const data = await api("/api/graph", params());
    if (window.newsgraphCy) window.newsgraphCy.destroy();
    box.dataset.ready = "";
    const cy = window.NG.graphView(box, panel, data, {expand: embedded ? null : async (cy, nodeId) => {
      const more = await api("/api/graph", {...params(), id: nodeId, hops: 1});
      const at = cy.getElementById(nodeId).position();
      const added = cy.add(window.NG.elements(more, cy).map((el) => el.group === "nodes" ? {...el, position: {x: at.x + Math.random() * 40 - 20, y: at.y + Math.random() * 40 - 20}} : el));
      if (added.length) await window.NG.layout(cy, false, false);
    }});
    await cy.laidOut;
    box.dataset.ready = "1";
  };
  for (const c of Object.values(controls)) c.addEventListener("change", draw);
  await draw();
}

/* A story fact's counts as the queries count them, with the entity page's marks. */
const factMarks = (f) => [
  h("span", {class: "badge", title: "independent sources: an article and its copies count once"}, plural(f.independent, "independent source")),
  f.negated ? h("span", {class: "badge mark-negated"}, `negated ×${f.negated}`) : null,
  f.hedged ? h("span", {class: "badge mark-hedged"}, `hedged ×${f.hedged}`) : null,
  f.contested ? h("span", {class: "badge mark-contested"}, "contested") : null];

/* An event fact: its name, and on a click each source's sentence telling it (or telling it did not happen). */
function eventFact(f) {
  const slot = h("ul", {class: "plain fact-sentences"});
  let open = false;
  const toggle = () => {
    open = !open;
    slot.replaceChildren(...(open ? f.reports.flatMap((r) => [
      r.affirmed_sentence ? h("li", {}, h("strong", {}, r.outlet || r.source), " ", r.affirmed_sentence) : null,
      r.negated_sentence ? h("li", {}, h("strong", {}, r.outlet || r.source), h("span", {class: "badge mark-negated"}, "negated"), " ", r.negated_sentence) : null]).filter(Boolean) : []));
  };
  return [h("button", {class: "linklike fact-event", onclick: toggle}, h("strong", {}, f.name)), slot];
}

async function story(id) {
  const s = await api("/api/story", {id});
  const facts = (title, cls, items) => h("section", {class: cls}, h("h2", {}, title), items.length ? h("ul", {class: "plain"}, items.map((f) =>
    h("li", {class: "fact", "data-fact": f.id}, f.kind === "event" ? eventFact(f) : link("relation", f.id, f.name),
      factMarks(f), h("span", {class: "muted"}, " — " + f.outlets.join(", "))))) : none("None."));
  put(h("h1", {}, s.story.name || s.story.id), h("p", {class: "muted"}, `${plural(s.sources.length, "source")} ${s.story.first || ""} – ${s.story.last || ""}`),
    h("h2", {}, "Sources"), h("table", {}, h("tr", {}, h("th", {}, "outlet"), h("th", {}, "date"), h("th", {}, "title"), h("th", {}, "copy of")),
      s.sources.map((r) => h("tr", {}, h("td", {}, link("source", r.id, r.outlet || r.id)), h("td", {}, r.published || ""), h("td", {}, r.title || ""), h("td", {}, (r.copy_of || []).join(", "))))),
    h("h2", {}, "Events"), s.events.length ? h("ul", {class: "plain story-events"}, s.events.map((e) => h("li", {}, h("strong", {}, e.name),
      e.event_class ? h("span", {class: "badge"}, e.event_class) : null, h("span", {class: "muted"}, " — " + e.outlets.join(", ")),
      e.participants.length ? h("span", {}, " · ", e.participants.map((p, i) => [i ? ", " : "", nodeLink("Entity", p.id, p.name), p.role ? ` (${p.role})` : ""])) : null)))
      : none("No events in this story."),
    h("p", {class: "muted"}, "Counted as the queries count: an article and its copies are one independent source; a relation counts all its " +
      "sentences, also those of other stories. Click a relation for its sentences, an event for its reports."),
    h("div", {class: "cols"}, facts("Corroborated", "corroborated", s.corroborated), facts("One independent source says", "single", s.single),
      facts("Contested", "contested", s.contested)));
}

/* One relation: its ends, its marks and every sentence behind it. */
async function relation(id) {
  const r = await api("/api/relation", {id});
  const panel = h("div", {id: "relation-evidence"});
  put(h("h1", {}, nodeLink("Entity", r.source, r.subject_name || r.source), " –" + r.predicate + "→ ", nodeLink("Entity", r.target, r.object_name || r.target)),
    h("p", {}, link("graph", r.source, "Graph view"), h("span", {class: "muted"}, " · id " + r.id)), panel);
  await window.NG.evidencePanel(panel, {...r, sourceName: r.subject_name, targetName: r.object_name});
}

async function source(id) {
  const s = await api("/api/source", {id});
  const m = s.source;
  put(h("h1", {}, m.title || m.name || m.id), h("p", {}, h("strong", {}, m.outlet || "unknown outlet"), " · ", m.published || "no date",
      m.url && /^https?:/i.test(m.url) ? [" · ", h("a", {href: m.url, rel: "noopener noreferrer", target: "_blank"}, m.url)] : null),
    s.stories.length ? h("p", {}, "Story: ", s.stories.map((t) => link("story", t.id, t.name || t.id))) : null,
    s.copy_of.length ? h("p", {class: "muted"}, "Copy of " + s.copy_of.join(", ")) : null,
    h("h2", {}, "Entities mentioned"), h("p", {}, s.entities.map((e, i) => [i ? ", " : "", nodeLink("Entity", e.id, e.name), h("span", {class: "muted"}, ` ×${e.count}`)])),
    h("h2", {}, "Relation sentences"), window.NG.legend(), s.evidence.map((e) => h("div", {}, h("div", {class: "muted"}, `${e.subject_text} –${e.predicate}→ ${e.object_text}`), window.NG.evidenceItem(e))));
}

/* --- console ---------------------------------------------------------------------------------------------------- */
const cell = (v) => {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return "[" + v.map(cell).join(", ") + "]";
  if (typeof v === "object" && v.element === "node") return `(:${v.labels.join(":")} ${v.properties.name || v.properties.id || ""})`;
  if (typeof v === "object" && v.element === "relationship") return `[:${v.type} ${v.properties.predicate || ""}]`;
  if (typeof v === "object" && v.element === "path") return `path of ${plural(v.relationships.length, "relationship")}`;
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
};

function showResult(out, r) {
  const table = h("div", {class: "result-table"}, h("table", {id: "result-table"}, h("tr", {}, r.columns.map((c) => h("th", {}, c))),
    r.rows.map((row) => h("tr", {}, r.columns.map((c) => h("td", {}, cell(row[c])))))));
  const note = h("p", {class: "muted", id: "result-note"}, r.truncated ? `More than ${plural(r.rows.length, "row")}: the first ${r.rows.length} shown ` +
    "(the store stops there; add LIMIT, SKIP or a narrower MATCH to see others)." : `${plural(r.total, "row")}.`);
  if (!r.graph.nodes.length) return out.replaceChildren(note, table);
  const box = h("div", {id: "console-graph"});
  const tableTab = h("button", {class: "active"}, "Table"), graphTab = h("button", {}, "Graph");
  const view = h("div", {}, table);
  const panel = h("div", {});
  tableTab.addEventListener("click", () => { view.replaceChildren(table); panel.replaceChildren(); tableTab.className = "active"; graphTab.className = ""; });
  graphTab.addEventListener("click", () => {
    view.replaceChildren(box); graphTab.className = "active"; tableTab.className = "";
    const g = {nodes: r.graph.nodes.map((n) => ({id: "n" + n.id, name: n.name, kind: n.labels.includes("Entity") ? "Entity" : n.labels[0] || "Node",
        type: n.properties.type || n.labels[0], sources: n.properties.source_count || 0, nid: n.properties.id || ""})),
      edges: r.graph.edges.map((e) => ({id: e.properties.id || "r" + e.id, source: "n" + e.source, target: "n" + e.target, type: e.type,
        predicate: e.properties.predicate || e.type, width: e.properties.source_count || 1, polarity: "positive",
        bookkeeping: !e.properties.predicate}))};
    window.NG.graphView(box, panel, g, {});
  });
  out.replaceChildren(note, h("div", {class: "tabs"}, tableTab, graphTab), view, panel);
}

async function consolePage() {
  const {queries} = await api("/api/queries");
  const out = h("div", {id: "console-result"});
  const run = async (body) => {
    out.replaceChildren(none("Running…"));
    try { showResult(out, await api("/api/query", {}, body)); } catch (error) { out.replaceChildren(h("p", {class: "error console-error"}, error.message)); }
  };
  const select = h("select", {id: "canned-select"}, queries.map((q) => h("option", {value: q.name}, q.name)));
  const form = h("div", {id: "canned-params"});
  const fill = () => {
    const q = queries.find((x) => x.name === select.value);
    form.replaceChildren(h("div", {}, h("p", {class: "muted"}, q.answers), q.params.map((p) => h("label", {}, `${p.name} (${p.type}${p.required ? "" : " = " + p.default})`,
      h("input", {type: "text", name: p.name, value: q.examples[p.name] || "", placeholder: p.required ? "required" : String(p.default), title: p.description})))));
  };
  select.addEventListener("change", fill);
  fill();
  const cypher = h("textarea", {id: "cypher-text", rows: 7}, "MATCH (e:Entity)-[r]->(o)\nWHERE r.source_count >= 2\nRETURN e, r, o LIMIT 50");
  const params = h("textarea", {id: "cypher-params", rows: 2, placeholder: "{\"name\": \"value\"}"});
  put(h("h1", {}, "Cypher console"), h("p", {class: "muted"}, "Everything runs read-only: a statement that writes is refused by the store."),
    h("div", {class: "console"},
      h("div", {}, h("h2", {}, "Canned queries"), select, form,
        h("button", {id: "canned-run", onclick: () => run({name: select.value, params: Object.fromEntries([...form.querySelectorAll("input")].map((i) => [i.name, i.value]))})}, "Run"),
        h("h2", {}, "Cypher"), cypher, h("label", {}, "Parameters (JSON object)"), params,
        h("button", {id: "cypher-run", onclick: () => {
          let parsed = {};
          try { parsed = params.value.trim() ? JSON.parse(params.value) : {}; } catch (error) { return out.replaceChildren(h("p", {class: "error console-error"}, "parameters: " + error.message)); }
          run({cypher: cypher.value, params: parsed});
        }}, "Run Cypher")),
      h("div", {}, h("h2", {}, "Result"), out)));
}

/* --- router ----------------------------------------------------------------------------------------------------- */
const ROUTES = {"": home, search, entity, graph, story, relation, source, console: consolePage};

let drawn = false;  // an HTML export has one page, drawn once: a changed address (a typed #/…) leaves it as it is

async function route() {
  if (window.NG.embedded && drawn) return;
  drawn = true;
  const [, name = "", ...rest] = (location.hash || "#/").slice(1).split("/");
  const page = window.NG.embedded ? graph : ROUTES[name];
  if (window.newsgraphCy && !window.NG.embedded) { window.newsgraphCy.destroy(); window.newsgraphCy = null; }
  main().dataset.page = name || "home";
  main().dataset.ready = "";
  try {
    if (!page) throw new Error(`No page ${name}.`);
    let arg = "";
    try { arg = decodeURIComponent(rest.join("/")); } catch (error) { throw new Error(`The address is not valid: ${rest.join("/")} (${error.message}).`); }
    await page(window.NG.embedded ? "" : arg);
  } catch (error) { showError(main(), error); }
  main().dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("search-form");
  if (form) form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = document.getElementById("search-input").value.trim();
    if (q) location.hash = "#/search/" + encodeURIComponent(q);
  });
  window.addEventListener("hashchange", route);
  route();
});
})();
