// Events view: filters, timeline (SVG), map (Leaflet on the bundled borders) and the event table.
import { getJSON } from "./api.js";
import { el, svg, clear, fmt, route, articleLink, actorLink, typeColour } from "./dom.js";

const FILTERS = ["event_type", "date_from", "date_to", "place", "actor", "outlet", "q"];
const PAGE = 50;
let borders = null; // the country layer's GeoJSON, fetched once

export async function render(view, params) {
  const filters = {};
  for (const k of FILTERS) if (params.get(k)) filters[k] = params.get(k);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const facets = await getJSON("facets");
  const form = filterForm(filters, facets);
  const timelineBox = el("section.panel.timeline", {}, el("h2", {}, "Timeline"));
  const mapBox = el("section.panel.mapbox", {}, el("h2", {}, "Map"), el("div", { id: "map" }));
  const tableBox = el("section.panel.events", {}, el("h2", {}, "Events"));
  clear(view).append(form, el("div.row", {}, timelineBox, mapBox), tableBox);

  let [events, located, tl] = await Promise.all([
    getJSON("events", { ...filters, limit: PAGE, offset }),
    getJSON("events", { ...filters, located: true, compact: true, limit: 500 }),
    getJSON("timeline", { ...filters, by: "day" }),
  ]);
  const days = tl.buckets.length ? (Date.parse(tl.buckets[tl.buckets.length - 1].date) - Date.parse(tl.buckets[0].date)) / 864e5 : 0;
  if (days > 366) tl = await getJSON("timeline", { ...filters, by: "month" }); // years of data: bars per month
  drawTimeline(timelineBox, tl, filters);
  await drawMap(located.items);
  drawTable(tableBox, events, filters, offset);
}

function filterForm(filters, facets) {
  const select = (name, label, values) =>
    el("label", {}, label + " ",
      el("select", { name, "data-filter": name },
        el("option", { value: "" }, "(all)"),
        values.map((v) => el("option", { value: v.value, selected: v.value === filters[name] }, `${v.value || "(unknown)"} (${v.count})`))));
  const input = (name, label, type = "text", extra = {}) =>
    el("label", {}, label + " ", el("input", { name, type, value: filters[name] || "", "data-filter": name, ...extra }));
  const form = el("form.filters", { id: "event-filters" },
    select("event_type", "Type", facets.event_type),
    select("outlet", "Outlet", facets.outlet.filter((o) => o.value)),
    input("date_from", "From", "text", { placeholder: "YYYY-MM-DD", size: 10 }),
    input("date_to", "To", "text", { placeholder: "YYYY-MM-DD", size: 10 }),
    input("place", "Place"),
    input("actor", "Actor"),
    input("q", "Text"),
    el("button", { type: "submit" }, "Filter"),
    el("a.button", { href: "#/" }, "Reset"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const next = {};
    for (const node of form.querySelectorAll("[data-filter]")) if (node.value.trim()) next[node.name] = node.value.trim();
    location.hash = route("", next);
  });
  for (const s of form.querySelectorAll("select")) s.addEventListener("change", () => form.requestSubmit());
  return form;
}

function drawTimeline(box, tl, filters) {
  const buckets = tl.buckets;
  if (!buckets.length) {
    box.append(el("p.muted", {}, "No dated events."));
    return;
  }
  // bars per day, on a time axis from the first to the last event
  const day = (s) => Date.parse(s.length === 7 ? s + "-01" : s.length === 4 ? s + "-01-01" : s);
  const t0 = day(buckets[0].date), t1 = day(buckets[buckets.length - 1].date);
  const W = 560, H = 160, pad = 24;
  const span = Math.max(t1 - t0, 86400000);
  const max = Math.max(...buckets.map((b) => b.total));
  const barW = Math.max(3, Math.min(24, (W - 2 * pad) / Math.max(buckets.length, 1) - 1));
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": "events per day" });
  chart.append(svg("line", { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, stroke: "#888" }));
  for (const b of buckets) {
    const x = pad + ((day(b.date) - t0) / span) * (W - 2 * pad - barW);
    let y = H - pad;
    for (const [type, n] of Object.entries(b.by_type)) {
      const h = (n / max) * (H - 2 * pad);
      y -= h;
      const rect = svg("rect", { x, y, width: barW, height: h, fill: typeColour(type), class: "bar", "data-date": b.date },
        svg("title", {}, `${b.date}: ${n} × ${type || "(untyped)"}`));
      rect.addEventListener("click", () => { location.hash = route("", { ...filters, date_from: b.date, date_to: b.date }); });
      chart.append(rect);
    }
  }
  const label = (x, text, anchor) => svg("text", { x, y: H - 6, "text-anchor": anchor, class: "axis" }, text);
  chart.append(label(pad, buckets[0].date, "start"), label(W - pad, buckets[buckets.length - 1].date, "end"));
  const legend = el("div.legend", {}, [...new Set(buckets.flatMap((b) => Object.keys(b.by_type)))].map((t) => {
    const sw = el("span.swatch");
    sw.style.background = typeColour(t);
    return el("span", {}, sw, t || "(untyped)");
  }));
  box.append(chart, legend);
}

async function drawMap(events) {
  const node = document.getElementById("map");
  if (!window.L || !node) return;
  const map = L.map(node, { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: true });
  map.setView([20, 20], 1); // layers need a view before they can be added
  map.attributionControl.setPrefix("Leaflet");
  if (!borders) borders = await (await fetch("/static/vendor/countries-110m.geojson")).json();
  L.geoJSON(borders, { style: { color: "#777", weight: 0.6, fillColor: "#e8e4d8", fillOpacity: 1 }, interactive: false })
    .addTo(map);
  map.attributionControl.addAttribution("Natural Earth");
  const points = [];
  for (const ev of events) {
    if (ev.lat === null || ev.lon === null) continue;
    const marker = L.circleMarker([ev.lat, ev.lon], {
      radius: 7, color: "#222", weight: 1, fillColor: typeColour(ev.event_type), fillOpacity: 0.85, className: "event-marker",
    });
    // popups get DOM nodes, never HTML strings
    marker.bindPopup(() => el("div.popup", {},
      el("strong", {}, fmt(ev.event_type)), " · ", fmt(ev.date), el("br"), fmt(ev.place), el("br"),
      el("a", { href: articleLink(ev.article_id, { ev: ev.idx }) }, fmt(ev.title, ev.article_id))));
    marker.addTo(map);
    points.push([ev.lat, ev.lon]);
  }
  node.dataset.markers = String(points.length);
  if (points.length) map.fitBounds(points, { maxZoom: 7, padding: [30, 30] });
}

function drawTable(box, page, filters, offset) {
  box.append(el("p.muted", { id: "event-count" }, `${page.total} event(s)`));
  const head = el("tr", {}, ["Date", "Type", "Sub-type", "Place", "Actor 1", "Actor 2", "Deaths", "Outlet", "Article"].map((h) => el("th", {}, h)));
  const rows = page.items.map((ev) => el("tr.event-row", { dataset: { key: ev.key } },
    el("td", {}, fmt(ev.date)),
    el("td", {}, el("span.tag", {}, fmt(ev.event_type))),
    el("td", {}, fmt(ev.sub_event_type)),
    el("td", {}, fmt(ev.place)),
    el("td", {}, ev.actor1 ? el("a", { href: actorLink(ev.actor1) }, ev.actor1) : "—"),
    el("td", {}, ev.actor2 ? el("a", { href: actorLink(ev.actor2) }, ev.actor2) : "—"),
    el("td.num", {}, fmt(ev.fatalities)),
    el("td", {}, fmt(ev.outlet)),
    el("td", {}, el("a.open-event", { href: articleLink(ev.article_id, { ev: ev.idx }) }, fmt(ev.title, ev.article_id)))));
  box.append(el("table.data", { id: "event-table" }, el("thead", {}, head), el("tbody", {}, rows)));
  const nav = el("div.pager");
  if (offset > 0) nav.append(el("a.button", { href: route("", { ...filters, offset: Math.max(0, offset - PAGE) }) }, "← newer"));
  if (offset + PAGE < page.total) nav.append(el("a.button", { href: route("", { ...filters, offset: offset + PAGE }) }, "older →"));
  box.append(nav);
}
