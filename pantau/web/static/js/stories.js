// Story view: one happening as covered by several articles/outlets, flagging differing figures.
import { getJSON } from "./api.js";
import { el, clear, fmt, route, articleLink, safeHref } from "./dom.js";

const PAGE = 30;

export async function render(view, params) {
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const page = await getJSON("stories", { limit: PAGE, offset });
  const linked = page.method === "linked";
  const items = page.items.map(linked ? linkedStory : eventStory);
  const nav = el("div.pager");
  if (offset > 0) nav.append(el("a.button", { href: route("stories", { offset: Math.max(0, offset - PAGE) }) }, "← previous"));
  if (offset + PAGE < page.total) nav.append(el("a.button", { href: route("stories", { offset: offset + PAGE }) }, "next →"));
  const note = linked
    ? "Articles about the same happening, linked across outlets and days by shared words and names."
    : "Events of the same type, day and place, grouped across articles." +
      (page.pending ? " (Linking stories in the background — reload in a moment.)" : "");
  clear(view).append(el("h1", {}, `Stories (${page.total})`), el("p.muted", { id: "stories-note" }, note),
    ...(items.length ? items : [el("p.muted", {}, "No stories yet.")]), nav);
}

function linkedStory(s) {
  const dates = s.dates ? (s.dates[0] === s.dates[1] ? s.dates[0] : `${s.dates[0]} – ${s.dates[1]}`) : "date unknown";
  const rows = (s.articles || []).map((a) => el("tr", {},
    el("td", {}, fmt(a.outlet, "(unknown)")), el("td", {}, fmt(a.published)),
    el("td", {}, el("a", { href: articleLink(a.id) }, fmt(a.title, a.id))),
    el("td", {}, /^https?:\/\//i.test(a.url || "") ? el("a", { href: safeHref(a.url), rel: "noopener noreferrer", target: "_blank" }, "source") : "")));
  const numbers = (s.number_disagreements || []).map((d) => el("li", {},
    el("strong.warn", {}, `${fmt(d.role)} (${fmt(d.unit, "?")}) differ: `),
    d.values.map((v, i) => [i ? "; " : "", fmt(v.outlet, "(unknown)"), ": ",
      el("a", { href: articleLink(v.article, v.span ? { span: v.span.join(",") } : {}) }, fmt(v.text))])));
  return el("section.panel.story", { dataset: { story: s.id } },
    el("h3", {}, fmt(s.title, s.id)),
    el("p.muted", {}, `${dates} · ${s.size} article(s) · ${s.outlets.length} outlet(s): ${s.outlets.join(", ")}`),
    s.not_covered_by && s.not_covered_by.length ? el("p.muted", {}, "Not covered by outlets active then: " + s.not_covered_by.join(", ")) : "",
    s.names && s.names.length ? el("p.muted", {}, "Names: " + s.names.join(", ")) : "",
    numbers.length ? el("ul.numbers", {}, numbers) : "",
    el("table.data", {}, el("thead", {}, el("tr", {}, ["Outlet", "Published", "Title", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)));
}

function eventStory(s) {
  return el("section.panel.story", {},
    el("h3", {}, `${fmt(s.date)} · ${fmt(s.event_type)} · ${fmt(s.place)}`),
    el("p.muted", {}, `${s.n_articles} article(s), ${s.n_outlets} outlet(s)`,
      s.numbers_differ ? el("strong.warn", {}, ` · fatality figures differ: ${s.fatalities.join(" vs ")}`) : ""),
    el("table.data", {},
      el("thead", {}, el("tr", {}, ["Outlet", "Published", "Deaths", "Evidence"].map((h) => el("th", {}, h)))),
      el("tbody", {}, s.coverage.map((c) => el("tr", {},
        el("td", {}, fmt(c.outlet, "(unknown)")), el("td", {}, fmt(c.published)), el("td.num", {}, fmt(c.fatalities)),
        el("td", {}, el("a", { href: articleLink(c.article_id, { ev: c.idx }) }, fmt(c.evidence))))))));
}
