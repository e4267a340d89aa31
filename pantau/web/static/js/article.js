// Article view: the cleaned text with every extracted fact highlighted at its span
// (built from text nodes), and a side list of events, quotes, labels and entities.
import { getJSON } from "./api.js";
import { el, clear, fmt, articleLink, actorLink, safeHref } from "./dom.js";

// Every spanned fact of a record, as {kind, start, end, ref, note}.
export function factsOf(rec) {
  const facts = [];
  const add = (kind, item, ref, note) => {
    const span = item && item.span;
    if (Array.isArray(span) && span.length === 2 && Number.isInteger(span[0]) && span[1] > span[0])
      facts.push({ kind, start: span[0], end: span[1], ref, note });
  };
  (rec.entities || []).forEach((e, i) => add("entity", e, `entity-${i}`, `${e.type || "?"}: ${e.canonical || e.text}`));
  (rec.timexes || []).forEach((t, i) => add("timex", t, `timex-${i}`, `${t.type || "TIMEX"} ${fmt(t.value)}`));
  (rec.numbers || []).forEach((n, i) => add("number", n, `number-${i}`, `${fmt(n.value)} ${fmt(n.unit, "")} (${fmt(n.role, "")})`));
  (rec.quotes || []).forEach((q, i) => add("quote", q, `quote-${i}`, `quote: ${(q.speaker && (q.speaker.canonical || q.speaker.text)) || "?"}`));
  (rec.events || []).forEach((ev, i) => add("event", ev.evidence, `event-${i}`, `${fmt(ev.event_type)} ${fmt(ev.date && ev.date.value, "")}`));
  ((rec.framing && rec.framing.labels) || []).forEach((l, i) => add("label", l, `label-${i}`, `${fmt(l.actor)}: ${fmt(l.valence)}`));
  (rec.credited_sources || []).forEach((s, i) => add("source", s, `credited-${i}`, `credited: ${s.name}`));
  (rec.cited_sources || []).forEach((s, i) => add("source", s, `cited-${i}`, `cited: ${s.name}`));
  return facts;
}

// Split text at every fact boundary; each piece becomes a text node, wrapped in a
// <mark> listing the facts that cover it (facts may nest or overlap).
export function highlighted(text, facts) {
  const cuts = new Set([0, text.length]);
  for (const f of facts) {
    cuts.add(Math.min(f.start, text.length));
    cuts.add(Math.min(f.end, text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const piece = document.createTextNode(text.slice(s, e));
    const covering = facts.filter((f) => f.start <= s && f.end >= e);
    if (!covering.length) {
      frag.append(piece);
      continue;
    }
    const mark = document.createElement("mark");
    mark.className = [...new Set(covering.map((f) => "hl-" + f.kind))].join(" ");
    mark.dataset.refs = covering.map((f) => f.ref).join(" ");
    mark.title = covering.map((f) => f.note).join("\n");
    mark.append(piece);
    frag.append(mark);
  }
  return frag;
}

export async function render(view, params, id) {
  const rec = await getJSON("articles/" + encodeURIComponent(id));
  const facts = factsOf(rec);
  // ?span=START,END points at any passage (e.g. a number another outlet disagrees with)
  const asked = (params.get("span") || "").split(",").map((x) => parseInt(x, 10));
  if (asked.length === 2 && asked.every(Number.isInteger) && asked[1] > asked[0])
    facts.push({ kind: "pointed", start: asked[0], end: asked[1], ref: "pointed", note: "the passage linked to" });
  const body = el("div.article-text", { id: "article-text", lang: rec.language || "id" });
  body.append(highlighted(rec.text || "", facts));

  const meta = el("div.meta", {},
    el("span.outlet", {}, fmt(rec.outlet && rec.outlet.name, "(outlet unknown)")), " · ",
    el("span", {}, fmt(rec.published && rec.published.date, "date unknown")),
    rec.published && rec.published.precision && rec.published.precision !== "day" ? ` (${rec.published.precision})` : "",
    rec.author ? ` · ${rec.author}` : "", " · slant: ",
    el("span.slant", {}, fmt(rec.framing && rec.framing.slant && rec.framing.slant.label)));
  const sources = el("ul.sources", {}, (rec.sources || []).map((s) => el("li", {},
    fmt(s.path), s.record !== null && s.record !== undefined ? ` #${s.record}` : "", s.url ? " · " : "",
    s.url ? (/^https?:\/\//i.test(s.url) ? el("a", { href: safeHref(s.url), rel: "noopener noreferrer", target: "_blank" }, s.url) : el("span", {}, s.url)) : "")));
  const legend = el("div.legend", {}, ["entity", "timex", "number", "quote", "event", "label"].map((k) =>
    el("label", {}, el("input", { type: "checkbox", checked: true, "data-kind": k }), el("mark", { class: "hl-" + k }, k))));
  legend.addEventListener("change", (ev) => {
    const k = ev.target.dataset.kind;
    body.classList.toggle("hide-" + k, !ev.target.checked);
  });

  const side = el("aside.side", {}, sideList(rec, body));
  clear(view).append(el("div.article-layout", {},
    el("article.panel", {}, el("h1", { id: "article-title", class: rec.title ? "" : "untitled" }, rec.title || untitled(rec)), meta, legend, body,
      el("h3", {}, "Sources"), sources),
    side));
  const focus = params.get("ev") !== null ? `event-${params.get("ev")}` : params.get("quote") !== null ? `quote-${params.get("quote")}`
    : params.get("span") ? "pointed" : null;
  if (focus) focusFact(body, focus);
}

function focusFact(body, ref) {
  for (const m of body.querySelectorAll("mark.focus")) m.classList.remove("focus");
  const marks = [...body.querySelectorAll("mark")].filter((m) => m.dataset.refs.split(" ").includes(ref));
  for (const m of marks) m.classList.add("focus");
  if (marks.length) marks[0].scrollIntoView({ block: "center" });
  document.querySelectorAll(".side li.active").forEach((li) => li.classList.remove("active"));
  const li = document.querySelector(`.side li[data-ref="${CSS.escape(ref)}"]`);
  if (li) li.classList.add("active");
}

function sideList(rec, body) {
  const item = (ref, ...content) => {
    const li = el("li", { dataset: { ref }, tabindex: 0 }, ...content);
    li.addEventListener("click", (ev) => {
      if (ev.target.closest("a")) return;
      focusFact(body, ref);
    });
    return li;
  };
  const events = (rec.events || []).map((ev, i) => item(`event-${i}`,
    el("strong", {}, fmt(ev.event_type)), " · ", fmt(ev.sub_event_type), el("br"),
    fmt(ev.date && ev.date.value), " · ", fmt(ev.place && ev.place.name), el("br"),
    actor(ev.actor1), ev.actor2 ? " vs " : "", ev.actor2 ? actor(ev.actor2) : "",
    ev.fatalities !== null && ev.fatalities !== undefined ? ` · ${ev.fatalities} killed` : "",
    ev.attributed_to ? el("div.muted", {}, "according to ", ev.attributed_to) : ""));
  const quotes = (rec.quotes || []).map((q, i) => item(`quote-${i}`,
    el("q", {}, fmt(q.text)), el("br"), "— ", actor(q.speaker), q.cue ? ` (${q.cue})` : ""));
  const labels = ((rec.framing && rec.framing.labels) || []).map((l, i) => item(`label-${i}`,
    el("span", { class: "valence-" + String(l.valence).replace(/[^a-z]/g, "") }, fmt(l.label)), " → ",
    el("a", { href: actorLink(l.actor) }, fmt(l.actor)), ` (${fmt(l.valence)})`,
    l.attributed_to ? ` · said by ${l.attributed_to}` : ""));
  const counts = new Map();
  for (const e of rec.entities || []) {
    const key = `${e.canonical || e.text}\u0000${e.type}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const ents = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key, n]) => {
    const [name, type] = key.split("\u0000");
    return el("li", {}, el("a", { href: actorLink(name) }, name), ` ${type} ×${n}`);
  });
  const section = (title, id, items) => el("section", {}, el("h3", {}, `${title} (${items.length})`),
    items.length ? el("ul", { id }, items) : el("p.muted", {}, "none"));
  return [section("Events", "side-events", events), section("Quotes", "side-quotes", quotes),
    section("Labels", "side-labels", labels), section("Entities", "side-entities", ents)];
}

// No recognised title: show the opening words instead of an id.
function untitled(rec) {
  const words = (rec.text || "").slice(0, 200).split(/\s+/).slice(0, 12).join(" ");
  return words ? words + " …" : rec.id;
}

function actor(a) {
  if (!a) return "?";
  const name = a.canonical || a.text;
  return name ? el("a", { href: actorLink(name) }, name) : "?";
}

export { articleLink };
