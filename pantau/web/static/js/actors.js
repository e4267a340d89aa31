// Actor views: the list of actors, and one actor's labels by outlet (SVG bar chart),
// mentions by outlet, events and quotes.
import { getJSON } from "./api.js";
import { el, svg, clear, fmt, route, articleLink, actorLink } from "./dom.js";

const VALENCE_COLOUR = { legitimizing: "#2ca02c", neutral: "#999999", delegitimizing: "#d62728" };

export async function renderList(view, params) {
  const type = params.get("type") || "";
  const q = params.get("q") || "";
  const page = await getJSON("entities", { type, q, limit: 200 });
  const form = el("form.filters", {},
    el("label", {}, "Name ", el("input", { name: "q", value: q })),
    el("label", {}, "Type ", el("select", { name: "type" }, ["", "PER", "ORG", "LOC", "GPE", "NORP"].map((t) =>
      el("option", { value: t, selected: t === type }, t || "(all)")))),
    el("button", { type: "submit" }, "Find"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = route("actors", { q: form.q.value.trim(), type: form.type.value });
  });
  const rows = page.items.map((e) => el("tr", {},
    el("td", {}, el("a", { href: actorLink(e.name) }, e.name)), el("td", {}, fmt(e.type)),
    el("td.num", {}, e.articles), el("td.num", {}, e.mentions), el("td", {}, e.forms.join(", "))));
  clear(view).append(form, el("section.panel", {}, el("h2", {}, `Actors and places (${page.total})`),
    el("table.data", { id: "actor-table" },
      el("thead", {}, el("tr", {}, ["Name", "Type", "Articles", "Mentions", "Written as"].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows))));
}

export async function renderOne(view, params, name) {
  const p = await getJSON("actors/" + encodeURIComponent(name));
  const chart = labelChart(p.labels_by_outlet);
  const mentions = el("table.data", {}, el("thead", {}, el("tr", {}, el("th", {}, "Outlet"), el("th", {}, "Articles"), el("th", {}, "Mentions"))),
    el("tbody", {}, p.mentions_by_outlet.map((m) => el("tr", {}, el("td", {}, fmt(m.outlet, "(unknown)")), el("td.num", {}, m.articles), el("td.num", {}, m.mentions)))));
  const events = el("ul", {}, p.events.map((ev) => el("li", {},
    el("a", { href: articleLink(ev.article_id, { ev: ev.idx }) }, `${fmt(ev.date)} ${fmt(ev.event_type)} · ${fmt(ev.place)}`),
    " — ", fmt(ev.outlet, "(unknown outlet)"))));
  const quotes = el("ul", {}, p.quotes.map((q) => el("li", {}, el("q", {}, q.text), " ",
    el("a", { href: articleLink(q.article_id, { quote: q.idx }) }, fmt(q.outlet, "(unknown outlet)")))));
  clear(view).append(
    el("h1", { id: "actor-name" }, p.name), el("p.muted", {}, p.types.join(", ")),
    el("div.row", {},
      el("section.panel", {}, el("h2", {}, "How outlets label this actor"), chart),
      el("section.panel", {}, el("h2", {}, "Mentions by outlet"), mentions)),
    el("div.row", {},
      el("section.panel", {}, el("h2", {}, `Events (${p.events.length})`), events),
      el("section.panel", {}, el("h2", {}, `Quotes (${p.quotes.length})`), quotes)));
}

// Horizontal bars: one group per outlet, one bar per label, coloured by valence.
function labelChart(rows) {
  if (!rows.length) return el("p.muted", {}, "No framing labels for this actor.");
  const rowH = 18, labelW = 190, W = 560;
  const max = Math.max(...rows.map((r) => r.n));
  let y = 4;
  const parts = [];
  let lastOutlet = null;
  for (const r of rows) {
    if (r.outlet !== lastOutlet) {
      parts.push(svg("text", { x: 0, y: y + 13, class: "outlet-name" }, fmt(r.outlet, "(unknown outlet)")));
      y += rowH;
      lastOutlet = r.outlet;
    }
    const w = Math.max(2, (r.n / max) * (W - labelW - 40));
    parts.push(svg("text", { x: 12, y: y + 13, class: "axis" }, r.label));
    parts.push(svg("rect", { x: labelW, y: y + 3, width: w, height: rowH - 6, fill: VALENCE_COLOUR[r.valence] || "#1f77b4", class: "label-bar" },
      svg("title", {}, `${r.label}: ${r.n} (${fmt(r.valence)})`)));
    parts.push(svg("text", { x: labelW + w + 4, y: y + 13, class: "axis" }, String(r.n)));
    y += rowH;
  }
  const chart = svg("svg", { viewBox: `0 0 ${W} ${y + 4}`, class: "chart", id: "label-chart", role: "img", "aria-label": "labels by outlet" }, parts);
  const legend = el("div.legend", {}, Object.entries(VALENCE_COLOUR).map(([k, c]) => {
    const sw = el("span.swatch");
    sw.style.background = c;
    return el("span", {}, sw, k);
  }));
  return el("div", {}, chart, legend);
}
