// Story view: one event as covered by several articles/outlets, flagging differing figures.
import { getJSON } from "./api.js";
import { el, clear, fmt, route, articleLink } from "./dom.js";

export async function render(view, params) {
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const page = await getJSON("stories", { limit: 50, offset });
  const items = page.items.map((s) => el("section.panel.story", {},
    el("h3", {}, `${fmt(s.date)} · ${fmt(s.event_type)} · ${fmt(s.place)}`),
    el("p.muted", {}, `${s.n_articles} article(s), ${s.n_outlets} outlet(s)`,
      s.numbers_differ ? el("strong.warn", {}, ` · fatality figures differ: ${s.fatalities.join(" vs ")}`) : ""),
    el("table.data", {},
      el("thead", {}, el("tr", {}, ["Outlet", "Published", "Deaths", "Evidence"].map((h) => el("th", {}, h)))),
      el("tbody", {}, s.coverage.map((c) => el("tr", {},
        el("td", {}, fmt(c.outlet, "(unknown)")), el("td", {}, fmt(c.published)), el("td.num", {}, fmt(c.fatalities)),
        el("td", {}, el("a", { href: articleLink(c.article_id, { ev: c.idx }) }, fmt(c.evidence)))))))));
  const nav = el("div.pager");
  if (offset > 0) nav.append(el("a.button", { href: route("stories", { offset: Math.max(0, offset - 50) }) }, "← previous"));
  if (offset + 50 < page.total) nav.append(el("a.button", { href: route("stories", { offset: offset + 50 }) }, "next →"));
  clear(view).append(el("h1", {}, `Stories (${page.total})`),
    el("p.muted", {}, "Events of the same type, day and place, grouped across articles."),
    ...(items.length ? items : [el("p.muted", {}, "No stories yet.")]), nav);
}
