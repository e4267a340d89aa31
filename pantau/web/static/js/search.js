// Search view: full-text query (Indonesian stemming) with facet filters.
import { getJSON } from "./api.js";
import { el, clear, fmt, route, articleLink } from "./dom.js";

const KEYS = ["q", "outlet", "date_from", "date_to", "actor", "place", "event_type", "slant"];
const MARK_OPEN = "\ue000", MARK_CLOSE = "\ue001"; // snippet match markers chosen by the API

export async function render(view, params) {
  const state = {};
  for (const k of KEYS) if (params.get(k)) state[k] = params.get(k);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const res = await getJSON("search", { ...state, limit: 25, offset, marks: "private" });
  const form = el("form.filters", { id: "search-form" },
    el("input", { name: "q", value: state.q || "", placeholder: "pengepungan Aleppo, \"Kota Tua\", -Rusia", size: 40 }),
    el("button", { type: "submit" }, "Search"),
    el("span.muted", {}, " words match their stems too; \"phrases\", OR, -exclude"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = route("search", { ...state, q: form.q.value.trim() });
  });
  const active = el("div.active-filters", {}, Object.entries(state).filter(([k]) => k !== "q").map(([k, v]) => {
    const rest = { ...state };
    delete rest[k];
    return el("a.chip", { href: route("search", rest), title: "remove filter" }, `${k}: ${v} ✕`);
  }));
  const sampled = res.facets_over < res.total ? el("p.muted", {}, `counts over the best ${res.facets_over} matches`) : "";
  const facetBox = el("aside.side.facets", {}, sampled, Object.entries(res.facets || {}).map(([name, values]) =>
    el("section", {}, el("h3", {}, name.replace("_", " ")), el("ul", {}, values.map((v) => {
      const next = { ...state };
      if (name === "month") {
        next.date_from = v.value;
        next.date_to = v.value;
      } else next[name] = v.value;
      return el("li", {}, el("a", { href: route("search", next), dataset: { facet: name } }, fmt(v.value, "(unknown)")), ` ${v.count}`);
    })))));
  const hits = el("ol.hits", { id: "search-hits", start: offset + 1 }, res.items.map((h) => el("li", {},
    el("a", { href: articleLink(h.id) }, fmt(h.title, h.id)), el("div.muted", {}, fmt(h.outlet, "(unknown outlet)"), " · ", fmt(h.published)),
    el("div.snippet", {}, snippet(h.snippet)))));
  const nav = el("div.pager");
  if (offset > 0) nav.append(el("a.button", { href: route("search", { ...state, offset: Math.max(0, offset - 25) }) }, "← previous"));
  if (offset + 25 < res.total) nav.append(el("a.button", { href: route("search", { ...state, offset: offset + 25 }) }, "next →"));
  clear(view).append(form, active, el("div.article-layout", {},
    el("section.panel", {}, el("p", { id: "search-total" }, `${res.total} article(s)`),
      res.error ? el("p.error", {}, res.error) : "", hits, nav), facetBox));
}

// The snippet's matches become <mark> elements; everything else stays plain text.
function snippet(s) {
  const out = [];
  for (const [i, part] of String(s || "").split(MARK_OPEN).entries()) {
    if (i === 0) { out.push(part); continue; }
    const [hit, rest = ""] = part.split(MARK_CLOSE);
    out.push(el("mark", {}, hit), rest);
  }
  return out;
}
