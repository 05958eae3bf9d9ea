/* newsgraph workbench: DOM helpers, data access, the evidence panel and the graph view.
 * Every piece of text from the graph goes in through textContent (h() below): article text is never parsed as HTML. */
"use strict";

const NG = window.NG = {};

/* h("a", {href: "#/x", class: "c", onclick: f}, "text", child, [more]) builds an element; strings become text nodes. */
NG.h = function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "href") el.setAttribute("href", NG.safeHref(value));
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  const add = (child) => {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(add);
    else el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  };
  children.forEach(add);
  return el;
};
const h = NG.h;

/* Only in-app links and http(s) URLs become links. */
NG.safeHref = (value) => {
  const text = String(value);
  return /^(#|https?:\/\/)/i.test(text) ? text : "#";
};
NG.link = (kind, id, text) => h("a", {href: "#/" + kind + "/" + encodeURIComponent(id)}, text);
NG.nodeLink = (kind, id, text) => NG.link(kind === "Concept" || kind === "Entity" ? "entity" : kind.toLowerCase(), id, text);
NG.plural = (n, word, many) => n + " " + (n === 1 ? word : many || word + "s");

/* --- data: the server's JSON API, or the data embedded in an HTML export ------------------------------------- */
NG.embedded = (() => {
  const el = document.getElementById("newsgraph-data");
  return el ? JSON.parse(el.textContent) : null;
})();

NG.api = async function api(path, params, body) {
  if (NG.embedded) return NG.local(path, params || {});
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    (Array.isArray(value) ? value : [value]).forEach((v) => query.append(key, v));
  }
  const response = await fetch(path + (query.toString() ? "?" + query : ""), body === undefined ? {} :
    {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
};

/* An export answers the graph and evidence requests from its own data; nothing else is in it. */
NG.local = async function local(path, params) {
  const data = NG.embedded;
  if (path === "/api/graph") return data.graph;
  if (path === "/api/evidence") return {edge: params.edge, evidence: data.evidence[params.edge] || []};
  throw new Error("this export holds the graph view and the evidence only; open the workbench (newsgraph browse) for more");
};

NG.showError = (where, error) => where.replaceChildren(h("p", {class: "error"}, String(error.message || error)));

/* --- evidence ------------------------------------------------------------------------------------------------- */
NG.marks = (item) => [
  item.negated ? h("span", {class: "badge mark-negated"}, "negated") : null,
  item.hedged ? h("span", {class: "badge mark-hedged"}, "hedged") : null,
  item.attributed_to ? h("span", {class: "badge"}, "according to " + item.attributed_to) : null,
];

/* The sentence with its subject, predicate and object spans marked. The offsets count characters (code points,
   as Python does), not JavaScript's UTF-16 units: an emoji before a name would shift every mark after it. */
NG.sentence = function sentence(item) {
  const chars = Array.from(item.sentence || "");
  const text = (start, end) => chars.slice(start, end).join("");
  const parts = [];
  let at = 0;
  for (const span of item.spans || []) {
    if (span.start < at) continue;
    parts.push(text(at, span.start));
    parts.push(h("mark", {class: span.role, title: span.role}, text(span.start, span.end)));
    at = span.end;
  }
  parts.push(text(at));
  return h("div", {class: "sentence"}, parts);
};

/* An in-app page as a link; in an HTML export, which holds no such page, as plain text. */
NG.target = (link) => (NG.embedded ? h("span", {class: "in-app"}, link.textContent) : link);

NG.evidenceItem = (item) => h("div", {class: "evidence-item", "data-source": item.source},
  h("div", {class: "meta"}, h("strong", {class: "outlet"}, item.outlet), " · ", item.published || "no date", " · ",
    NG.target(NG.link("source", item.source, item.title || item.source)),
    item.url ? [" · ", h("a", {href: item.url, rel: "noopener noreferrer", target: "_blank"}, "article")] : null,
    " ", NG.marks(item), item.event_id ? [" · event ", h("code", {}, item.event_id)] : null),
  NG.sentence(item));

NG.legend = () => h("p", {class: "legend muted"}, h("mark", {class: "subject"}, "subject"),
  h("mark", {class: "predicate"}, "predicate"), h("mark", {class: "object"}, "object"));

/* The panel for one relation: what it says, who reports it, every sentence behind it. */
NG.evidencePanel = async function evidencePanel(target, edge) {
  target.replaceChildren(h("p", {class: "muted"}, "Loading the evidence…"));
  try {
    const data = await NG.api("/api/evidence", {edge: edge.id});
    const outlets = [...new Set(data.evidence.map((e) => e.outlet))];
    target.replaceChildren(h("section", {id: "evidence-panel"},
      h("h2", {}, (edge.sourceName || edge.source) + " –" + edge.predicate + "→ " + (edge.targetName || edge.target)),
      h("p", {}, h("code", {}, edge.type), " ", h("span", {class: "badge"}, NG.plural(edge.width || outlets.length, "source")),
        edge.polarity === "contested" ? h("span", {class: "badge mark-contested"}, "contested") : null,
        edge.polarity === "negated" ? h("span", {class: "badge mark-negated"}, "negated") : null,
        edge.hedged ? h("span", {class: "badge mark-hedged"}, "hedged") : null),
      h("p", {class: "muted"}, "Reported by " + (outlets.join(", ") || "no stored sentence") + "."),
      NG.legend(), data.evidence.map(NG.evidenceItem)));
  } catch (error) { NG.showError(target, error); }
};

/* --- graph view ----------------------------------------------------------------------------------------------- */
const TYPE_COLOURS = {Person: "#3f7fd9", Organization: "#8b5fc7", Place: "#2f9e6e", Group: "#c7692f", Event: "#c7a22f",
  Concept: "#9aa3b2", Source: "#5d6b80", Work: "#b0507a", Law: "#607d3b", Product: "#3b8f9a", Other: "#7a7a7a"};
const EDGE_COLOURS = {positive: "#3866b8", negated: "#c0392b", contested: "#e08e0b", none: "#c4c8d0"};

NG.graphStyle = [
  {selector: "node", style: {"label": "data(name)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
    "background-color": (n) => TYPE_COLOURS[n.data("type")] || TYPE_COLOURS[n.data("kind")] || "#7a7a7a",
    "width": (n) => 16 + 4 * Math.min(6, Math.sqrt(n.data("sources") || 0)), "height": (n) => 16 + 4 * Math.min(6, Math.sqrt(n.data("sources") || 0)),
    "text-max-width": 140, "text-wrap": "ellipsis"}},
  {selector: "node[kind = 'Concept']", style: {"shape": "round-rectangle", "width": 12, "height": 12}},
  {selector: "node[kind = 'Source']", style: {"shape": "square", "width": 10, "height": 10}},
  {selector: "node[kind = 'Event']", style: {"shape": "diamond"}},
  {selector: "node.start", style: {"border-width": 3, "border-color": "#1f2a3c"}},
  {selector: "edge", style: {"curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": .8,
    "width": (e) => 1 + 1.6 * Math.min(8, e.data("width") || 1), "line-color": (e) => EDGE_COLOURS[e.data("polarity")] || "#999",
    "target-arrow-color": (e) => EDGE_COLOURS[e.data("polarity")] || "#999", "font-size": 8,
    "label": (e) => (e.cy().edges().length <= 40 || e.selected() ? e.data("predicate") : ""),
    "text-rotation": "autorotate", "color": "#444", "text-background-color": "#fff", "text-background-opacity": .8}},
  {selector: "edge[?hedged]", style: {"line-style": "dashed"}},
  {selector: "edge[?bookkeeping]", style: {"label": "", "width": 1, "target-arrow-shape": "none"}},
  {selector: ":selected", style: {"overlay-opacity": .15, "overlay-color": "#000"}},
];

NG.elements = (graph, existing) => {
  const out = [];
  for (const node of graph.nodes) if (!existing || existing.getElementById(node.id).empty()) out.push({group: "nodes", data: node});
  for (const edge of graph.edges) if (!existing || existing.getElementById(edge.id).empty()) out.push({group: "edges", data: edge});
  return out;
};

/* cose (force-directed) up to a few hundred nodes; beyond, concentric rings by degree, which costs next to nothing.
 * Resolves when the nodes are in place. */
NG.layout = (cy, fit, randomize) => {
  const n = cy.nodes().length;
  const options = n > 250 ? {name: "concentric", concentric: (node) => node.degree(), levelWidth: () => 3, minNodeSpacing: 6}
    : {name: "cose", animate: false, randomize: randomize !== false, nodeRepulsion: () => 40000, idealEdgeLength: () => 110,
       nodeOverlap: 20, gravity: 0.5, numIter: n > 120 ? 500 : 1000};
  const layout = cy.layout({...options, fit: fit !== false, padding: 20});
  const done = layout.promiseOn("layoutstop");
  layout.run();
  return done;
};

/* Draw a graph in `container`; clicking an edge opens its evidence in `panel`, clicking a node expands it. A node's
 * graph id may be the view's own (the console's "n" + store id): its page is at `nid`, the graph's id, when given. */
NG.graphView = function graphView(container, panel, graph, options) {
  const opts = options || {};
  const cy = window.cytoscape({container, elements: NG.elements(graph), style: NG.graphStyle,
    minZoom: .05, maxZoom: 4});
  (graph.start || []).forEach((id) => cy.getElementById(id).addClass("start"));
  cy.laidOut = NG.layout(cy);
  cy.on("tap", "edge", (event) => {
    const data = event.target.data();
    if (data.bookkeeping) return;
    const name = (id) => cy.getElementById(id).data("name");
    NG.evidencePanel(panel, {...data, sourceName: name(data.source), targetName: name(data.target)});
  });
  cy.on("tap", "node", async (event) => {
    const data = event.target.data();
    const page = typeof data.nid === "string" ? data.nid : data.id;
    panel.replaceChildren(h("section", {}, h("h2", {}, data.name), h("p", {}, h("span", {class: "badge"}, data.type || data.kind),
      page && NG.embedded ? h("span", {class: "muted"}, " id " + page) : null,
      page && !NG.embedded && (data.kind === "Entity" || data.kind === "Concept") ? [" ", NG.nodeLink(data.kind, page, "open its page")] : null,
      page && !NG.embedded && data.kind === "Source" ? [" ", NG.link("source", page, "open the source")] : null),
      h("p", {class: "muted"}, "Click an edge to see the sentences behind it.")));
    if (opts.expand && (data.kind === "Entity" || data.kind === "Concept")) await opts.expand(cy, data.id);
  });
  window.newsgraphCy = cy;  // for the browser tests and the benchmark
  return cy;
};
