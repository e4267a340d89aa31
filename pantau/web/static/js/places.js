// Control of a place (#/control?place=Aleppo): who held it and from when, from its territorial events,
// each period with the evidence it rests on; and outlet profiles (#/outlets): each outlet's articles,
// slant and the events it reported, by type and those no other outlet reported.
import { getJSON } from "./api.js";
import { el, clear, fmt, route, articleLink, typeColour } from "./dom.js";

export async function renderControl(view, params) {
  const place = (params.get("place") || "").trim();
  const form = el("form.filters", { id: "control-form" },
    el("label", {}, "Place ", el("input", { name: "place", value: place, placeholder: "Aleppo", required: true })),
    el("button", { type: "submit" }, "Show control"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = route("control", { place: form.querySelector("input").value.trim() });
  });
  clear(view).append(el("h1", {}, "Control of a place"), form);
  if (!place) {
    view.append(el("p.muted", {}, "Name a place to see who held it and from when, with the reports that say so."));
    return;
  }
  const res = await getJSON("control", { place });
  const periods = res.control || [];
  const box = el("section.panel", {}, el("h2", {}, `${place}: ${periods.length} period(s) of control`));
  if (!periods.length) box.append(el("p.muted", {}, "No territorial events name this place."));
  const rows = periods.map((p) => el("tr.control-row", { dataset: { side: p.side } },
    el("td", {}, fmt(p.from)), el("td", {}, el("span.tag", { class: `tag side-${p.side}` }, fmt(p.state))),
    el("td", {}, fmt(p.who)),
    el("td", {}, el("ul.evidence-list", {}, (p.evidence || []).map((e) => el("li", {},
      el("a", { href: articleLink(e.article, {}) }, fmt(e.outlet, "(unknown outlet)")), ` ${fmt(e.published)}: `,
      el("q", {}, fmt(e.evidence))))))));
  if (periods.length) {
    box.append(el("table.data", { id: "control-table" },
      el("thead", {}, el("tr", {}, ["From", "State", "Held by", "Evidence"].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)));
  }
  const events = res.events || [];
  const list = el("section.panel", {}, el("h2", {}, `Events at ${place} (${events.length}, from ${res.counts.reports} reports)`),
    el("table.data", { id: "control-events" },
      el("thead", {}, el("tr", {}, ["Date", "Type", "Sub-type", "Place", "Actor 1", "Reports"].map((h) => el("th", {}, h)))),
      el("tbody", {}, events.map((e) => el("tr", {},
        el("td", {}, fmt(e.date || e.earliest)), el("td", {}, el("span.tag", {}, fmt(e.event_type))),
        el("td", {}, fmt(e.sub_event_type)), el("td", {}, fmt(e.place)), el("td", {}, fmt(e.actor1)),
        el("td.num", {}, String((e.sources || []).length)))))));
  view.append(box, list);
}

export async function renderOutlets(view) {
  const res = await getJSON("outlets");
  const types = [...new Set(res.outlets.flatMap((o) => Object.keys(o.events_by_type || {})))].sort();
  const rows = res.outlets.map((o) => el("tr.outlet-row", { dataset: { outlet: o.outlet } },
    el("td", {}, el("a", { href: route("", { outlet: o.outlet === "(unknown)" ? "" : o.outlet }) }, o.outlet)),
    el("td.num", {}, String(o.articles)),
    el("td", {}, Object.entries(o.slant || {}).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ") || "—"),
    el("td.num", {}, o.mean_score === null ? "—" : Number(o.mean_score).toFixed(2)),
    el("td.num", { class: "num events" }, String(o.events)),
    el("td.num", {}, fmt(o.events_only_here, "0")),
    el("td", {}, bar(o.events_by_type || {}, o.events, types))));
  const legend = el("div.legend", {}, types.map((t) => {
    const sw = el("span.swatch");
    sw.style.background = typeColour(t);
    return el("span", {}, sw, t || "(untyped)");
  }));
  clear(view).append(el("h1", {}, `Outlet profiles (${res.outlets.length})`),
    el("section.panel", {}, legend, el("table.data", { id: "outlet-table" },
      el("thead", {}, el("tr", {}, ["Outlet", "Articles", "Slant", "Mean slant", "Events", "Only here", "Event types"]
        .map((h) => el("th", {}, h)))),
      el("tbody", {}, rows))));
}

function bar(byType, total, types) {
  const wrap = el("div.typebar", { title: Object.entries(byType).map(([t, n]) => `${t || "(untyped)"}: ${n}`).join("\n") });
  for (const t of types) {
    const n = byType[t] || 0;
    if (!n) continue;
    const seg = el("span.seg", { "data-type": t, "data-count": n });
    seg.style.background = typeColour(t);
    seg.style.width = `${(100 * n) / Math.max(total, 1)}%`;
    wrap.append(seg);
  }
  return wrap;
}
