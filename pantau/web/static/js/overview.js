// Events view: filters with event counts, timeline (SVG), map (Leaflet on the bundled borders, clustered
// markers) and the sortable event table. Every part reads the same filters, so they count the same events:
// merged events (one per real event, its reports across articles one click away).
import { getJSON } from "./api.js";
import { el, svg, clear, fmt, route, articleLink, actorLink, typeColour } from "./dom.js";

const FILTERS = ["event_type", "country", "date_from", "date_to", "place", "actor", "outlet", "q"];
const PAGE = 50;
const CSV_MAX = 10000; // rows the CSV download fetches at most
let borders = null; // the country layer's GeoJSON, fetched once (antimeridian-safe)

export async function render(view, params) {
  const filters = {};
  for (const k of FILTERS) if (params.get(k)) filters[k] = params.get(k);
  const sort = params.get("sort") || "-date";
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const [facets, events, located, daily] = await Promise.all([
    getJSON("events/facets", filters),
    getJSON("events", { ...filters, sort, limit: PAGE, offset }),
    getJSON("events", { ...filters, located: true, compact: true, limit: 500 }),
    getJSON("timeline", { ...filters, by: "day" }),
  ]);
  const form = filterForm(filters, facets);
  const timelineBox = el("section.panel.timeline", {}, el("h2", {}, "Timeline"));
  const mapBox = el("section.panel.mapbox", {}, el("h2", {}, "Map"), el("div", { id: "map" }), el("p.muted", { id: "map-note" }));
  const tableBox = el("section.panel.events", {}, el("h2", {}, "Events"));
  clear(view).append(form, el("div.row", {}, timelineBox, mapBox), tableBox);
  await drawTimeline(timelineBox, daily, filters, params.get("zoom") !== "all");
  await drawMap(located);
  drawTable(tableBox, events, filters, sort, offset);
}

function filterForm(filters, facets) {
  const select = (name, label, values) =>
    el("label", {}, label + " ",
      el("select", { name, "data-filter": name },
        el("option", { value: "" }, "(all)"),
        values.map((v) => el("option", { value: v.value, selected: v.value === filters[name] },
          `${v.value || "(unknown)"} (${v.count})`))));
  const input = (name, label, type = "text", extra = {}) =>
    el("label", {}, label + " ", el("input", { name, type, value: filters[name] || "", "data-filter": name, ...extra }));
  const keep = (list, name) => {
    const vals = list.filter((v) => v.value);
    if (filters[name] && !vals.some((v) => v.value === filters[name])) vals.unshift({ value: filters[name], count: 0 });
    return vals;
  };
  const form = el("form.filters", { id: "event-filters" },
    select("event_type", "Type", keep(facets.event_type, "event_type")),
    select("country", "Country", keep(facets.country, "country")),
    select("outlet", "Outlet", keep(facets.outlet, "outlet")),
    input("date_from", "From", "text", { placeholder: "YYYY[-MM[-DD]]", size: 10, pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" }),
    input("date_to", "To", "text", { placeholder: "YYYY[-MM[-DD]]", size: 10, pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" }),
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

// -- timeline ------------------------------------------------------------------------------------

const DAY = 864e5;
const parseDay = (s) => Date.parse(s.length === 7 ? s + "-01" : s.length === 4 ? s + "-01-01" : s);
const iso = (t) => new Date(t).toISOString().slice(0, 10);

// The window holding the middle 95% of events: a few stray old or far-future dates do not squash the
// months that hold nearly everything into one bar.
function dataWindow(buckets) {
  const total = buckets.reduce((n, b) => n + b.total, 0);
  const cut = Math.floor(total * 0.025);
  let seen = 0, lo = buckets[0].date, hi = buckets[buckets.length - 1].date;
  for (const b of buckets) { if (seen + b.total > cut) { lo = b.date; break; } seen += b.total; }
  seen = 0;
  for (const b of [...buckets].reverse()) { if (seen + b.total > cut) { hi = b.date; break; } seen += b.total; }
  return [lo, hi];
}

function niceStep(max) {
  const raw = max / 4;
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) || p;
}

async function drawTimeline(box, daily, filters, zoom) {
  const all = daily.buckets;
  if (!all.length) {
    box.append(el("p.muted", { id: "timeline-note" }, "No dated events."));
    return;
  }
  const total = all.reduce((n, b) => n + b.total, 0);
  let [lo, hi] = [all[0].date, all[all.length - 1].date];
  let outside = 0;
  if (zoom) {
    const [wlo, whi] = dataWindow(all);
    if (parseDay(whi) - parseDay(wlo) < (parseDay(hi) - parseDay(lo)) / 2) {
      [lo, hi] = [wlo, whi];
      outside = all.filter((b) => b.date < lo || b.date > hi).reduce((n, b) => n + b.total, 0);
    }
  }
  const spanDays = (parseDay(hi) - parseDay(lo)) / DAY;
  const by = spanDays > 3 * 366 ? "year" : spanDays > 120 ? "month" : "day";
  const shown = by === "day" ? all : (await getJSON("timeline", { ...filters, by })).buckets;
  const cut = (d) => d.slice(0, by === "year" ? 4 : by === "month" ? 7 : 10);
  const buckets = shown.filter((b) => b.date >= cut(lo) && b.date <= cut(hi));
  // the x axis: one slot per day / month / year from lo to hi
  const slots = [];
  const start = new Date(parseDay(cut(lo))), end = new Date(parseDay(cut(hi)));
  for (let d = start; d <= end;) {
    slots.push(cut(iso(d)));
    if (by === "day") d = new Date(d.getTime() + DAY);
    else if (by === "month") d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    else d = new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
  }
  const index = new Map(slots.map((s, i) => [s, i]));
  const W = 600, H = 200, left = 36, right = 8, top = 10, bottom = 34;
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const step = niceStep(max), yMax = Math.ceil(max / step) * step;
  const slotW = (W - left - right) / Math.max(slots.length, 1);
  const barW = Math.max(1, slotW - (slotW > 4 ? 1 : 0));
  const y = (n) => H - bottom - (n / yMax) * (H - top - bottom);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", id: "timeline-chart", role: "img",
    "aria-label": `events per ${by}`, "data-by": by });
  for (let n = 0; n <= yMax; n += step) {
    chart.append(svg("line", { x1: left, x2: W - right, y1: y(n), y2: y(n), stroke: n ? "#eee" : "#888" }),
      svg("text", { x: left - 4, y: y(n) + 4, "text-anchor": "end", class: "axis y-tick" }, String(n)));
  }
  // x labels: at most 8, evenly spaced slots
  const every = Math.max(1, Math.ceil(slots.length / 8));
  const labelOf = (s) => by === "day" && slots[0].slice(0, 4) === slots[slots.length - 1].slice(0, 4) ? s.slice(5) : s;
  slots.forEach((s, i) => {
    if (i % every !== 0) return;
    const x = left + i * slotW + slotW / 2;
    chart.append(svg("line", { x1: x, x2: x, y1: H - bottom, y2: H - bottom + 4, stroke: "#888" }),
      svg("text", { x, y: H - bottom + 16, "text-anchor": "middle", class: "axis x-tick" }, labelOf(s)));
  });
  chart.append(svg("text", { x: left, y: H - 4, class: "axis" }, `${slots[0]} – ${slots[slots.length - 1]} (per ${by})`));
  for (const b of buckets) {
    const i = index.get(b.date);
    if (i === undefined) continue;
    const x = left + i * slotW;
    let base = 0;
    for (const [type, n] of Object.entries(b.by_type)) {
      const rect = svg("rect", { x, y: y(base + n), width: barW, height: y(base) - y(base + n), fill: typeColour(type),
        class: "bar", "data-date": b.date, "data-count": n },
        svg("title", {}, `${b.date}: ${n} × ${type || "(untyped)"}`));
      rect.addEventListener("click", () => { location.hash = route("", { ...filters, date_from: b.date, date_to: b.date }); });
      chart.append(rect);
      base += n;
    }
  }
  const legend = el("div.legend", {}, [...new Set(buckets.flatMap((b) => Object.keys(b.by_type)))].map((t) => {
    const sw = el("span.swatch");
    sw.style.background = typeColour(t);
    return el("span", {}, sw, t || "(untyped)");
  }));
  const note = el("p.muted", { id: "timeline-note", "data-total": total, "data-outside": outside },
    `${total} dated event(s)` + (outside ? `; ${outside} outside ${lo} – ${hi} not drawn ` : ""));
  if (outside) note.append(el("a", { href: route("", { ...filters, zoom: "all" }) }, "show all"));
  box.append(chart, legend, note);
}

// -- map -----------------------------------------------------------------------------------------

// Polygons crossing the antimeridian (Russia, Fiji) would be drawn as bands across the world:
// their longitudes are unwrapped so each ring stays continuous.
function unwrap(ring) {
  let prev = null;
  const out = ring.map(([x, y]) => {
    let lon = x;
    if (prev !== null) { while (lon - prev > 180) lon -= 360; while (prev - lon > 180) lon += 360; }
    prev = lon;
    return [lon, y];
  });
  // a ring around a pole (Antarctica) does not close once unwrapped: it is drawn as it is
  return Math.abs(out[out.length - 1][0] - out[0][0]) > 1 ? ring : out;
}

export function unwrapGeometry(g) {
  if (g.type === "Polygon") return { ...g, coordinates: g.coordinates.map(unwrap) };
  if (g.type === "MultiPolygon") return { ...g, coordinates: g.coordinates.map((p) => p.map(unwrap)) };
  return g;
}

// Markers are clustered on a pixel grid at each zoom: a cluster shows how many events it holds
// and zooms in on click; a single event opens its popup.
const CLUSTER_PX = 36;

async function drawMap(located) {
  const node = document.getElementById("map");
  const note = document.getElementById("map-note");
  if (!window.L || !node) return;
  const map = L.map(node, { worldCopyJump: false, minZoom: 1, maxZoom: 12, attributionControl: true });
  map.setView([20, 20], 1);
  map.attributionControl.setPrefix("Leaflet");
  if (!borders) {
    const raw = await (await fetch("/static/vendor/countries-110m.geojson")).json();
    borders = { ...raw, features: raw.features.map((f) => ({ ...f, geometry: unwrapGeometry(f.geometry) })) };
  }
  L.geoJSON(borders, { style: { color: "#777", weight: 0.6, fillColor: "#e8e4d8", fillOpacity: 1 }, interactive: false })
    .addTo(map);
  map.attributionControl.addAttribution("Natural Earth");
  // a country or a wider region ("Middle East") is no point on a map: counted, not drawn
  const points = located.items.filter((ev) => ev.lat !== null && ev.lon !== null && !(ev.place_rank !== null && ev.place_rank !== undefined && ev.place_rank <= 1));
  const regions = located.items.length - points.length;
  const layer = L.layerGroup().addTo(map);
  const draw = () => {
    layer.clearLayers();
    const cells = new Map();
    for (const ev of points) {
      const p = map.project([ev.lat, ev.lon], map.getZoom());
      const key = `${Math.floor(p.x / CLUSTER_PX)}:${Math.floor(p.y / CLUSTER_PX)}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(ev);
    }
    let markers = 0, clusters = 0;
    for (const evs of cells.values()) {
      const lat = evs.reduce((s, e) => s + e.lat, 0) / evs.length, lon = evs.reduce((s, e) => s + e.lon, 0) / evs.length;
      if (evs.length === 1) {
        const ev = evs[0];
        const marker = L.circleMarker([ev.lat, ev.lon], {
          radius: 7, color: "#222", weight: 1, fillColor: typeColour(ev.event_type), fillOpacity: 0.85, className: "event-marker",
        });
        marker.bindPopup(() => el("div.popup", {},
          el("strong", {}, fmt(ev.event_type)), " · ", fmt(ev.date), el("br"), fmt(ev.place),
          ev.n_reports > 1 ? ` · ${ev.n_reports} reports` : "", el("br"),
          el("a", { href: articleLink(ev.article_id, { ev: ev.idx }) }, fmt(ev.title, ev.article_id))));
        marker.addTo(layer);
        markers += 1;
      } else {
        const icon = L.divIcon({ className: "cluster", html: "", iconSize: [30, 30] });
        const m = L.marker([lat, lon], { icon, title: `${evs.length} events` });
        m.on("add", () => { const e = m.getElement(); if (e) { e.textContent = String(evs.length); e.dataset.count = String(evs.length); } });
        m.on("click", () => map.fitBounds(evs.map((e) => [e.lat, e.lon]), { maxZoom: map.getZoom() + 3, padding: [30, 30] }));
        m.addTo(layer);
        clusters += 1;
      }
    }
    node.dataset.markers = String(markers);
    node.dataset.clusters = String(clusters);
  };
  node.dataset.points = String(points.length);
  node.dataset.regions = String(regions);
  if (note) note.textContent = `${points.length} located event(s)` +
    (regions ? `; ${regions} placed only at a country or region, not drawn` : "") +
    (located.total > located.items.length ? `; the ${located.items.length} newest of ${located.total} shown` : "");
  // the first view is set without animation: an animated zoom redraws the clusters while the first
  // drawing's counts are still read (the map's data-* attributes and the cluster elements disagree)
  if (points.length) map.fitBounds(points.map((e) => [e.lat, e.lon]), { maxZoom: 7, padding: [30, 30], animate: false });
  map.on("zoomend", draw);
  draw();
}

// -- table ---------------------------------------------------------------------------------------

const COLUMNS = [
  ["date", "Date"], ["event_type", "Type"], [null, "Sub-type"], ["place", "Place"], ["actor1", "Actor 1"],
  [null, "Actor 2"], ["fatalities", "Deaths"], ["n_reports", "Reports"], ["outlet", "Outlets"], [null, "Evidence"],
  ["confidence", "Conf."], [null, "Article"],
];

function drawTable(box, page, filters, sort, offset) {
  const csv = el("button", { type: "button", id: "csv-download" }, "Download CSV");
  csv.addEventListener("click", () => downloadCsv(filters, sort, csv));
  box.append(el("div.table-head", {}, el("p.muted", { id: "event-count" },
    `${page.total} event(s)` + (page.merged ? " (merged across articles)" : "")), csv));
  const head = el("tr", {}, COLUMNS.map(([key, label]) => {
    if (!key) return el("th", {}, label);
    const current = sort.replace(/^-/, "") === key;
    const next = current && !sort.startsWith("-") ? "-" + key : current ? key : (key === "date" || key === "fatalities" || key === "n_reports" || key === "confidence" ? "-" + key : key);
    return el("th", { class: current ? "sorted" : "" },
      el("a.sort", { href: route("", { ...filters, sort: next }), "data-sort": key },
        label + (current ? (sort.startsWith("-") ? " ▼" : " ▲") : "")));
  }));
  const body = el("tbody");
  for (const ev of page.items) {
    const reports = ev.n_reports > 1
      ? el("button.reports", { type: "button", "data-key": ev.key }, `${ev.n_reports} reports`)
      : "1";
    const tr = el("tr.event-row", { dataset: { key: ev.key } },
      el("td", {}, fmt(ev.date || (ev.earliest && `${ev.earliest} – ${ev.latest}`))),
      el("td", {}, el("span.tag", {}, fmt(ev.event_type))),
      el("td", {}, fmt(ev.sub_event_type)),
      el("td", {}, fmt(ev.place)),
      el("td", {}, ev.actor1 ? el("a", { href: actorLink(ev.actor1) }, ev.actor1) : "—"),
      el("td", {}, ev.actor2 ? el("a", { href: actorLink(ev.actor2) }, ev.actor2) : "—"),
      el("td.num", {}, fmt(ev.fatalities)),
      el("td.num", {}, reports),
      el("td", {}, fmt((ev.outlets && ev.outlets.length ? ev.outlets.join("; ") : ev.outlet))),
      el("td.evidence", { title: ev.evidence || "" }, clip(ev.evidence, 160)),
      el("td.num", {}, ev.confidence === null || ev.confidence === undefined ? "—" : Number(ev.confidence).toFixed(2)),
      el("td", {}, el("a.open-event", { href: articleLink(ev.article_id, { ev: ev.idx }) }, fmt(ev.title, ev.article_id))));
    body.append(tr);
    if (ev.n_reports > 1) reports.addEventListener("click", () => toggleReports(tr, ev.key));
  }
  box.append(el("table.data", { id: "event-table" }, el("thead", {}, head), body));
  const nav = el("div.pager");
  if (offset > 0) nav.append(el("a.button", { href: route("", { ...filters, sort, offset: Math.max(0, offset - PAGE) }) }, "← previous"));
  if (offset + PAGE < page.total) nav.append(el("a.button", { href: route("", { ...filters, sort, offset: offset + PAGE }) }, "next →"));
  box.append(nav);
}

function clip(text, n) {
  const s = fmt(text);
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

async function toggleReports(tr, key) {
  const open = tr.nextElementSibling;
  if (open && open.classList.contains("report-rows")) { open.remove(); return; }
  const ev = await getJSON("events/" + encodeURIComponent(key));
  const rows = ev.reports.map((r) => el("li.report", { dataset: { key: r.key } },
    el("span.muted", {}, `${fmt(r.published)} · ${fmt(r.outlet, "(unknown outlet)")} · confidence ${r.confidence === null ? "—" : Number(r.confidence).toFixed(2)}` + (r.fatalities !== null && r.fatalities !== undefined ? ` · ${r.fatalities} dead` : "") + " · "),
    el("a", { href: articleLink(r.article_id, { ev: r.idx }) }, fmt(r.title, r.article_id)), el("br"),
    el("q", {}, fmt(r.evidence))));
  tr.after(el("tr.report-rows", {}, el("td", { colspan: String(COLUMNS.length) }, el("ul.reports", {}, rows))));
}

const CSV_COLUMNS = ["key", "date", "earliest", "latest", "event_type", "sub_event_type", "place", "lat", "lon", "country",
  "admin1", "actor1", "actor2", "fatalities", "n_reports", "n_sources", "outlets", "first_reported", "last_reported",
  "confidence", "evidence", "article_id", "title"];

function csvCell(v) {
  let s = v === null || v === undefined ? "" : Array.isArray(v) ? v.join("; ") : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // spreadsheets must not run text from articles as formulas
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// The CSV of exactly the filtered, sorted view (every page, up to CSV_MAX rows).
async function downloadCsv(filters, sort, button) {
  button.disabled = true;
  try {
    const rows = [];
    for (let offset = 0; offset < CSV_MAX; offset += 500) {
      const page = await getJSON("events", { ...filters, sort, limit: 500, offset });
      rows.push(...page.items);
      if (offset + 500 >= page.total) break;
    }
    const text = [CSV_COLUMNS.join(","), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
    const url = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
    const a = document.createElement("a");
    a.setAttribute("href", url);
    a.setAttribute("download", "pantau-events.csv");
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    button.dataset.rows = String(rows.length);
  } finally {
    button.disabled = false;
  }
}
