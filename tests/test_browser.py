"""The dashboard in a real browser (Playwright driving Debian's chromium).

Serves a database built from the seed articles + gold and one hostile article over
the loopback, then: loads the dashboard, filters the event table, opens an event and
sees its evidence highlighted, sees markers on the map, and proves that the XSS
payloads in titles, text, outlet names, actors and URLs never run. Screenshots go to
$PANTAU_SCREENSHOTS (default: a pytest temporary folder).
"""
from __future__ import annotations

import json
import os
import pathlib
import socket
import threading
import time

import pytest

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"{CHROMIUM} not installed (apt-get install -y chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from pantau.web import create_app  # noqa: E402
from test_web_fixtures import (  # noqa: E402
    HOSTILE_ID, PAYLOAD_IMG, PAYLOAD_SVG, build_db, hostile_record, seed_records)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def twin_of(rec: dict) -> dict:
    """The same article as published by another outlet under another headline (same length, so every
    span still reads the same words): its events are reports of the seed's events."""
    import copy
    twin = copy.deepcopy(rec)
    title = rec["title"].upper()
    twin.update(id=rec["id"] + "-twin", title=title, text=title + rec["text"][len(title):])
    twin["outlet"] = {"name": "twin.example", "evidence": None}
    twin["source"] = dict(rec["source"], path=rec["source"]["path"] + "#twin")
    for ev in twin["events"]:
        ev["id"] += "-twin"
    return twin


@pytest.fixture(scope="module")
def records(shared):
    seeds = seed_records(shared)
    return seeds + [hostile_record(), twin_of(next(r for r in seeds if r["title"]))]


def _serve(db, token=None):
    """Run the app in a thread on a free loopback port; yields its URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(db), token), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def db(records, tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("browser") / "browser.db", records)


@pytest.fixture(scope="module")
def base_url(db):
    yield from _serve(db)


@pytest.fixture(scope="module")
def token_url(db):
    yield from _serve(db, token="let-me-in")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> pathlib.Path:
    out = os.environ.get("PANTAU_SCREENSHOTS")
    path = pathlib.Path(out) if out else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Watched:
    """A page plus everything suspicious it did: dialogs, page errors, CSP reports, off-host requests."""

    def __init__(self, browser, base_url):
        self.page = browser.new_page(viewport={"width": 1300, "height": 950})
        self.base = base_url
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("request", self._request)

    def _request(self, req):
        if not req.url.startswith((self.base + "/", "data:")):
            self.foreign.append(req.url)

    def open(self, route: str):
        self.page.goto(self.base + route)
        self.wait()

    def wait(self):
        """Until the page has finished rendering the route now in its address bar.

        Waiting for the ready flag alone races a hash change: the flag is still "1" from the
        previous route until the hashchange handler runs."""
        # (no wait_for_function with a string: the page's CSP rightly forbids eval)
        fragment = self.page.url.partition("#")[2]
        rendered = f"[data-rendered={json.dumps('#' + fragment)}]" if fragment else ""
        self.page.wait_for_selector(f"body[data-ready='1']{rendered}", state="attached",
                                    timeout=15000)

    def assert_clean(self):
        assert self.page.evaluate("typeof window.__pwned") == "undefined"
        assert self.dialogs == []
        assert self.foreign == []
        assert [e for e in self.errors if "Content Security Policy" in e or "Refused" in e] == []


@pytest.fixture
def watched(browser, base_url):
    w = Watched(browser, base_url)
    yield w
    w.page.close()


def _api(watched, path):
    return watched.page.request.get(watched.base + "/api/" + path).json()


def _map_counts(page):
    page.wait_for_selector("#map[data-markers]", state="attached")
    markers = int(page.locator("#map").get_attribute("data-markers"))
    clusters = [int(c) for c in page.locator("#map .cluster").evaluate_all("els => els.map(e => e.dataset.count)")]
    return markers, clusters


def test_dashboard_shows_timeline_map_and_events(watched, records, shots):
    watched.open("/")
    page = watched.page
    listed = _api(watched, "events?limit=500")
    per_article = sum(len(r["events"]) for r in records)
    assert listed["merged"] and listed["total"] < per_article  # the twin's events are reports, not new rows
    assert page.locator("#event-table tbody tr.event-row").count() == min(listed["total"], 50)
    assert page.locator("#event-count").inner_text().startswith(f"{listed['total']} event")
    # the timeline has a time axis with labels, a count axis, and counts every listed dated event
    assert page.locator("#timeline-chart rect.bar").count() >= 3
    assert page.locator("#timeline-chart text.x-tick").count() >= 2
    assert page.locator("#timeline-chart text.y-tick").count() >= 2
    dated = sum(1 for e in listed["items"] if e["date"] or e["earliest"])
    assert sum(int(c) for c in page.locator("#timeline-chart rect.bar").evaluate_all(
        "els => els.map(e => e.dataset.count)")) == dated
    # markers and clusters together hold every located event that is more than a country or region
    located = _api(watched, "events?located=true&compact=true&limit=500")["items"]
    points = [e for e in located if not (e["place_rank"] is not None and e["place_rank"] <= 1)]
    markers, clusters = _map_counts(page)
    assert markers + sum(clusters) == len(points) == int(page.locator("#map").get_attribute("data-points"))
    assert page.locator("#map path.event-marker").count() == markers
    assert page.locator("#map svg path").count() > 100  # the bundled country borders are drawn
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    watched.assert_clean()


def test_clusters_show_counts_and_open_on_click(watched, shots):
    watched.open("/#/?country=SY")
    page = watched.page
    markers, clusters = _map_counts(page)
    if clusters:
        assert all(c >= 2 for c in clusters)
        assert page.locator("#map .cluster").first.inner_text() == str(clusters[0])
        page.locator("#map .cluster").first.click()
        page.wait_for_timeout(600)  # the zoom animation
        after_markers, after_clusters = _map_counts(page)
        assert after_markers + sum(after_clusters) == markers + sum(clusters)
    page.locator("#map").screenshot(path=str(shots / "map-clusters.png"))
    watched.assert_clean()


def test_map_draws_no_antimeridian_bands(watched, shots):
    watched.open("/#/?event_type=Riots&place=nowhere")  # no events: the map stays on the whole world
    page = watched.page
    page.wait_for_selector("#map svg path", state="attached")
    # the borders as the map draws them: no ring may jump across the world from one point to the next
    # (Russia and Fiji cross the antimeridian; a ring around the pole, Antarctica, is the one exception)
    jumps = page.evaluate("""async () => {
        const { unwrapGeometry } = await import('/static/js/overview.js');
        const raw = await (await fetch('/static/vendor/countries-110m.geojson')).json();
        const out = {};
        for (const f of raw.features) {
            const g = unwrapGeometry(f.geometry);
            const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
            let worst = 0;
            for (const ring of polys.flat()) {
                for (let i = 1; i < ring.length; i++) worst = Math.max(worst, Math.abs(ring[i][0] - ring[i - 1][0]));
            }
            out[f.properties.name || f.id] = worst;
        }
        return out;
    }""")
    assert len(jumps) > 150
    assert {name for name, worst in jumps.items() if worst > 180} <= {"Antarctica"}
    assert jumps["Russia"] < 180 and jumps["Fiji"] < 180
    page.locator("#map").screenshot(path=str(shots / "map-world.png"))
    watched.assert_clean()


def test_filtering_the_event_table(watched, records):
    watched.open("/")
    page = watched.page
    option = page.locator("select[name=event_type] option[value='Explosions/Remote violence']").inner_text()
    page.select_option("select[name=event_type]", "Explosions/Remote violence")
    page.wait_for_url(lambda url: "event_type=" in url)
    watched.wait()
    expected = _api(watched, "events?event_type=Explosions/Remote%20violence&limit=500")["total"]
    rows = page.locator("#event-table tbody tr.event-row")
    assert rows.count() == expected and expected > 0
    # the facet count shown before choosing is the number of rows the table lists after
    assert option.endswith(f"({expected})")
    assert set(page.locator("#event-table tbody tr td:nth-child(2)").all_inner_texts()) == {"Explosions/Remote violence"}
    page.fill("input[name=place]", "Ramouseh")
    page.select_option("select[name=event_type]", "")
    page.wait_for_url(lambda url: "place=Ramouseh" in url and "event_type" not in url)
    watched.wait()
    assert set(page.locator("#event-table tbody tr td:nth-child(4)").all_inner_texts()) == {"Ramouseh"}
    watched.assert_clean()


def test_timeline_obeys_every_filter_the_table_obeys(watched, shots):
    for query in ("q=Ramouseh", "date_from=2016-12&date_to=2016-12", "outlet=twin.example", "country=SY",
                  "actor=Syrian%20opposition"):
        watched.open("/#/?" + query)
        page = watched.page
        listed = _api(watched, "events?limit=500&" + query)
        assert int(page.locator("#event-count").inner_text().split()[0]) == listed["total"] > 0, query
        dated = sum(1 for e in listed["items"] if e["date"] or e["earliest"])
        counted = sum(int(c) for c in page.locator("#timeline-chart rect.bar").evaluate_all(
            "els => els.map(e => e.dataset.count)"))
        outside = int(page.locator("#timeline-note").get_attribute("data-outside") or 0)
        assert counted + outside == dated, query
    watched.open("/#/?date_from=2016-12&date_to=2016-12")
    page = watched.page
    assert all(d.startswith("2016-12") for d in page.locator("#timeline-chart rect.bar").evaluate_all(
        "els => els.map(e => e.dataset.date)"))
    page.locator(".timeline").screenshot(path=str(shots / "timeline.png"))
    watched.assert_clean()


def test_table_sorts_and_shows_evidence_confidence_and_reports(watched, shots):
    watched.open("/")
    page = watched.page
    page.locator("#event-table th a[data-sort=fatalities]").click()
    page.wait_for_url(lambda url: "sort=-fatalities" in url)
    watched.wait()
    deaths = [int(t) for t in page.locator("#event-table tbody tr.event-row td:nth-child(7)").all_inner_texts()
              if t.strip().isdigit()]
    assert deaths and deaths == sorted(deaths, reverse=True)
    page.locator("#event-table th a[data-sort=fatalities]").click()
    page.wait_for_url(lambda url: "sort=fatalities" in url and "sort=-" not in url)
    watched.wait()
    deaths = [int(t) for t in page.locator("#event-table tbody tr.event-row td:nth-child(7)").all_inner_texts()
              if t.strip().isdigit()]
    assert deaths == sorted(deaths)
    assert all(t and t != "—" for t in page.locator("#event-table td.evidence").all_inner_texts())
    # a merged event opens its reports: the seed's and its twin's, each with outlet, evidence and confidence
    button = page.locator("#event-table button.reports").first
    assert button.inner_text() == "2 reports"
    button.click()
    reports = page.locator("tr.report-rows li.report")
    reports.first.wait_for()
    assert reports.count() == 2
    text = page.locator("tr.report-rows").inner_text()
    assert "twin.example" in text and "confidence" in text
    page.screenshot(path=str(shots / "table-reports.png"), full_page=True)
    watched.assert_clean()


def test_csv_download_is_the_filtered_view(watched, tmp_path):
    import csv
    watched.open("/#/?country=SY&sort=place")
    page = watched.page
    total = int(page.locator("#event-count").inner_text().split()[0])
    with page.expect_download() as info:
        page.click("#csv-download")
    path = tmp_path / "view.csv"
    info.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == total > 0 and {r["country"] for r in rows} == {"SY"}
    places = [r["place"] for r in rows if r["place"]]
    assert places == sorted(places)
    shown = page.locator("#event-table tbody tr.event-row").first.get_attribute("data-key")
    assert rows[0]["key"] == shown
    watched.assert_clean()


def test_control_of_a_place(watched, shots):
    watched.open("/#/control?place=Aleppo")
    page = watched.page
    api = _api(watched, "control?place=Aleppo")
    assert api["control"], "the seeds tell who held Aleppo"
    rows = page.locator("#control-table tbody tr.control-row")
    assert rows.count() == len(api["control"])
    assert rows.last.locator("td").nth(2).inner_text() == api["control"][-1]["who"]
    assert page.locator("#control-table q").count() >= len(api["control"])  # each period shows its evidence
    page.screenshot(path=str(shots / "control.png"), full_page=True)
    page.fill("#control-form input[name=place]", "Ramouseh")
    page.press("#control-form input[name=place]", "Enter")
    page.wait_for_url(lambda url: "place=Ramouseh" in url)
    watched.wait()
    assert "Ramouseh" in page.locator("#view h2").first.inner_text()
    watched.assert_clean()


def test_outlet_profiles(watched, shots):
    watched.open("/#/outlets")
    page = watched.page
    api = _api(watched, "outlets")["outlets"]
    rows = page.locator("#outlet-table tbody tr.outlet-row")
    assert rows.count() == len(api) >= 3
    twin = page.locator("#outlet-table tr[data-outlet='twin.example']")
    assert twin.count() == 1
    assert twin.locator("td.events").inner_text() == str(next(o for o in api if o["outlet"] == "twin.example")["events"])
    assert twin.locator(".typebar .seg").count() >= 1
    page.screenshot(path=str(shots / "outlets.png"), full_page=True)
    twin.locator("a").first.click()
    page.wait_for_url(lambda url: "outlet=twin.example" in url)
    watched.wait()
    assert int(page.locator("#event-count").inner_text().split()[0]) >= 1
    watched.assert_clean()


def test_opening_an_event_highlights_its_evidence(watched, records, shots):
    watched.open("/#/?place=Ramouseh")
    page = watched.page
    first = page.locator("#event-table tbody tr.event-row").first
    # a merged event opens its best report: the article and the event index its link names
    href = first.locator("a.open-event").get_attribute("href")
    article_id = href.split("#/article/")[1].split("?")[0]
    idx = href.split("ev=")[1]
    first.locator("a.open-event").click()
    page.wait_for_url(lambda url: "#/article/" in url)
    watched.wait()
    evidence = next(r for r in records if r["id"] == article_id)["events"][int(idx)]["evidence"]["text"]
    focused = page.locator("#article-text mark.focus")
    assert focused.count() >= 1
    assert "".join(focused.all_text_contents()) == evidence
    assert page.locator("#side-events li.active").count() == 1
    # every kind of fact is highlighted somewhere in this article
    for kind in ("entity", "timex", "quote", "event", "label"):
        assert page.locator(f"#article-text mark.hl-{kind}").count() > 0, kind
    # the text shown is exactly the record's text (highlighting only wraps it)
    rec = next(r for r in records if r["id"] == article_id)
    assert page.locator("#article-text").text_content() == rec["text"]
    # clicking a quote in the side list moves the focus to it
    page.locator("#side-quotes li").first.click()
    assert "".join(page.locator("#article-text mark.focus").all_text_contents()) == rec["quotes"][0]["text"]
    page.screenshot(path=str(shots / "article.png"), full_page=True)
    watched.assert_clean()


def test_map_marker_popup_links_to_the_article(watched):
    page = watched.page
    watched.open("/#/?place=Ramouseh")
    page.locator("#map path.event-marker").first.click(force=True)
    popup = page.locator(".leaflet-popup-content a")
    popup.wait_for()
    assert popup.get_attribute("href").startswith("#/article/")
    watched.assert_clean()


def test_actor_view_draws_labels_by_outlet(watched, shots):
    watched.open("/#/actor/Syrian%20opposition")
    page = watched.page
    assert page.locator("#actor-name").inner_text() == "Syrian opposition"
    assert page.locator("#label-chart rect.label-bar").count() >= 3
    texts = page.locator("#label-chart text.outlet-name").all_text_contents()
    assert "portalpiyungan.com" in texts and "Russia Beyond (Indonesian edition)" in texts
    page.screenshot(path=str(shots / "actor.png"), full_page=True)
    watched.assert_clean()


def test_search_view_with_facets(watched):
    watched.open("/#/search?q=kepung")
    page = watched.page
    assert page.locator("#search-hits li").count() >= 1
    assert page.locator("aside.facets a[data-facet=outlet]").count() >= 1
    page.fill("#search-form input[name=q]", "Ramouseh")
    page.press("#search-form input[name=q]", "Enter")
    page.wait_for_url(lambda url: "q=Ramouseh" in url)
    watched.wait()
    assert page.locator("#search-hits li").count() == 1
    assert page.locator("#search-hits mark").first.inner_text() == "Ramouseh"
    watched.assert_clean()


def test_stories_view_shows_what_the_api_has(watched):
    page = watched.page
    for _ in range(100):  # stories are linked in the background after start-up
        api_page = page.request.get(watched.base + "/api/stories?limit=30").json()
        if not api_page["pending"]:
            break
        time.sleep(0.1)
    watched.open("/#/stories")
    shown = page.locator("section.story").count()
    assert page.locator("h1").inner_text() == f"Stories ({api_page['total']})"
    assert shown == len(api_page["items"])
    if shown == 0:
        assert page.get_by_text("No stories yet.").count() == 1
    watched.assert_clean()


@pytest.mark.parametrize("route", [
    "/", f"/#/article/{HOSTILE_ID}", f"/#/article/{HOSTILE_ID}?ev=0", f"/#/article/{HOSTILE_ID}?quote=0",
    "/#/search?q=Serangan", "/#/actors", "/#/stories", "/#/outlets", "/#/control?place=Aleppo",
    "/#/control?place=" + PAYLOAD_SVG.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20"),
    "/#/actor/" + PAYLOAD_SVG.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20"),
    "/#/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
])
def test_xss_payloads_never_execute(watched, route):
    watched.open(route)
    page = watched.page
    # markup from data never becomes elements ...
    assert page.locator("#view img, #view svg[onload], #view script, #view iframe").count() == 0
    assert page.evaluate("[...document.querySelectorAll('#view *')].every(e => ![...e.attributes]"
                         ".some(a => a.name.startsWith('on')))")
    # ... no link to a javascript: URL is made ...
    assert page.evaluate("[...document.querySelectorAll('a')].every(a => !a.href.startsWith('javascript:'))")
    # ... and clicking the side lists (which re-render highlights) runs nothing either
    for item in page.locator(".side li[data-ref]").all()[:4]:
        item.click()
    page.wait_for_timeout(200)
    watched.assert_clean()


def test_hostile_article_is_shown_as_text(watched, shots):
    watched.open(f"/#/article/{HOSTILE_ID}?ev=0")
    page = watched.page
    assert PAYLOAD_IMG in page.locator("#article-title").inner_text()
    assert PAYLOAD_SVG in page.locator(".meta .outlet").inner_text()
    assert "</script><script>" in page.locator("#article-text").text_content()
    page.screenshot(path=str(shots / "hostile.png"), full_page=True)
    watched.assert_clean()


def test_api_docs_render_from_bundled_assets(watched):
    watched.page.goto(watched.base + "/docs")
    watched.page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert watched.page.locator(".swagger-ui .opblock").count() >= 10
    watched.assert_clean()


def test_dashboard_asks_for_the_token_when_the_server_needs_one(browser, token_url):
    w = Watched(browser, token_url)
    try:
        w.open("/")
        page = w.page
        assert page.locator("#token-box").is_visible()
        assert page.locator("#event-table").count() == 0
        page.fill("#token-input", "let-me-in")
        page.click("#token-form button")
        page.wait_for_selector("#event-table tbody tr")
        assert not page.locator("#token-box").is_visible()
        assert page.locator("#totals").inner_text().startswith("7 articles")
        w.errors = [e for e in w.errors if "401" not in e]  # the first, refused requests
        w.assert_clean()
    finally:
        w.page.close()


# -- the demo database: the real pipeline over the bundled sample corpus ------------------------

@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    from pantau import runner

    sample = pathlib.Path(runner.__file__).parent / "sample"
    if not sample.is_dir():
        pytest.skip("no bundled sample corpus")
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    summary = runner.run([str(sample)], db=str(db), out=None, progress=False)
    assert summary.stored_new > 0
    yield from _serve(db)


def test_demo_database_dashboard_and_evidence(browser, demo_url, shots):
    w = Watched(browser, demo_url)
    try:
        w.open("/")
        page = w.page
        events = page.request.get(demo_url + "/api/events?limit=50").json()
        located = page.request.get(demo_url + "/api/events?located=true&compact=true&limit=500").json()
        assert events["total"] > 0, "the sample corpus yields events"
        assert page.locator("#event-table tbody tr.event-row").count() == len(events["items"])
        if located["total"]:
            markers, clusters = _map_counts(page)
            assert markers + sum(clusters) == int(page.locator("#map").get_attribute("data-points")) > 0
        page.screenshot(path=str(shots / "demo-dashboard.png"), full_page=True)
        # open the first event that has evidence and check its highlight reads the evidence
        row = next(i for i, ev in enumerate(events["items"]) if ev["span"])
        ev = events["items"][row]
        page.locator("#event-table tbody tr").nth(row).locator("a.open-event").click()
        page.wait_for_url(lambda url: "#/article/" in url)
        w.wait()
        assert "".join(page.locator("#article-text mark.focus").all_text_contents()) == ev["evidence"]
        page.screenshot(path=str(shots / "demo-article.png"), full_page=True)
        w.assert_clean()
    finally:
        w.page.close()
