"""The FastAPI app: routes, limits, token, security headers, offline assets."""
from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from pantau import api  # noqa: E402
from pantau.web import create_app, is_loopback, serve  # noqa: E402
from pantau.web.app import STATIC  # noqa: E402
from test_web_fixtures import HOSTILE_ID, PAYLOAD_IMG, build_db, hostile_record, seed_records  # noqa: E402


@pytest.fixture(scope="module")
def db(shared, tmp_path_factory):
    return str(build_db(tmp_path_factory.mktemp("web") / "web.db", seed_records(shared) + [hostile_record()]))


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def test_json_endpoints_answer(client):
    for path in ("stats", "facets", "search?q=Aleppo", "articles", "articles/seed-000", "events", "events/seed-000:0",
                 "entities", "actors/Hezbollah", "quotes", "labels", "timeline?by=month", "stories"):
        r = client.get("/api/" + path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("application/json")
    assert client.get("/api/search", params={"q": "kepung"}).json()["total"] >= 1
    assert client.get("/api/events", params={"event_type": "Battles", "date_from": "2016-12"}).json()["total"] >= 1


def test_unknown_things_are_404(client):
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/events/nope:1").status_code == 404
    assert client.get("/api/nothing-here").status_code == 404


def test_lists_refuse_pages_over_the_maximum(client):
    for path in ("articles", "events", "entities", "quotes", "labels", "stories", "search"):
        assert client.get(f"/api/{path}", params={"limit": api.MAX_LIMIT + 1}).status_code == 422, path
        assert client.get(f"/api/{path}", params={"limit": api.MAX_LIMIT}).status_code == 200, path
        assert client.get(f"/api/{path}", params={"offset": -1}).status_code == 422, path


def test_bad_parameters_are_rejected(client):
    assert client.get("/api/events", params={"date_from": "yesterday"}).status_code == 422
    assert client.get("/api/timeline", params={"by": "week"}).status_code == 422
    assert client.get("/api/search", params={"q": "x" * 501}).status_code == 422
    assert client.get("/api/export", params={"format": "exe"}).status_code == 422


def test_api_is_read_only(client):
    spec = client.get("/openapi.json").json()
    methods = {m for ops in spec["paths"].values() for m in ops}
    assert methods == {"get"}
    assert client.post("/api/articles", json={}).status_code == 405
    assert client.delete("/api/articles/seed-000").status_code == 405


def test_openapi_lists_every_resource(client):
    paths = set(client.get("/openapi.json").json()["paths"])
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/entities", "/api/quotes",
              "/api/stories", "/api/search", "/api/timeline", "/api/export", "/api/stats"):
        assert p in paths


def test_security_headers_everywhere(client):
    for path in ("/", "/docs", "/api/stats", "/static/js/app.js", "/api/articles/nope", "/static/nope.js"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert h["x-content-type-options"] == "nosniff", path


def test_pages_have_no_inline_script_or_style_and_no_remote_assets(client):
    for path in ("/", "/docs"):
        html = client.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, tag
        assert all(not body.strip() for body in re.findall(r"<script\b[^>]*>([^<]*)</script>", html)), "inline script"
        assert "<style" not in html and " style=" not in html
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert url.startswith(("/", "#", "data:")), url
            if url.startswith("/static/"):
                assert client.get(url).status_code == 200, url


def test_own_scripts_never_write_html():
    """The dashboard builds DOM from text nodes; innerHTML/outerHTML/insertAdjacentHTML/eval are banned."""
    banned = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function")
    scripts = sorted((STATIC / "js").glob("*.js"))
    assert len(scripts) >= 5
    for path in scripts:
        src = path.read_text(encoding="utf-8").replace('"http://www.w3.org/2000/svg"', "")  # a name, not a fetch
        assert not banned.search(src), path.name
        assert "http://" not in src and "https://" not in src, path.name


def test_vendored_assets_are_bundled(client):
    for path in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet/leaflet.css",
                 "/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css"):
        assert client.get(path).status_code == 200, path
    world = client.get("/static/vendor/countries-110m.geojson").json()
    names = {f["properties"]["name"] for f in world["features"]}
    assert {"Syria", "Indonesia", "Lebanon"} <= names and len(names) > 150


def test_token_guards_data_but_not_the_shell(db):
    c = TestClient(create_app(db, token="s3cret"))
    assert c.get("/api/stats").status_code == 401
    assert c.get("/api/stats", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/stats", headers={"Authorization": "Basic s3cret"}).status_code == 401
    spec = c.get("/openapi.json")  # the description holds no data; the docs page needs it
    assert spec.status_code == 200 and spec.json()["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    r = c.get("/api/stats", headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200 and r.json()["articles"] >= 1
    assert c.get("/").status_code == 200 and c.get("/static/js/app.js").status_code == 200
    assert "content-security-policy" in c.get("/api/stats").headers


def test_serve_needs_a_token_off_the_loopback(db):
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
    with pytest.raises(ValueError, match="token"):
        serve(db, host="0.0.0.0", port=1, token=None)


def test_missing_database_fails_at_creation(tmp_path):
    with pytest.raises(FileNotFoundError):
        create_app(str(tmp_path / "none.db"))


def test_app_does_not_write_the_database(db, client):
    before = Path(db).read_bytes()
    client.get("/api/search", params={"q": "Aleppo"})
    client.get("/api/articles/seed-000")
    assert Path(db).read_bytes() == before


def test_export_streams_the_export_module_output(client, monkeypatch):
    seen = {}

    def fake_export(records, fmt, out, **kw):
        rows = list(records)
        seen["tmp"] = out
        Path(out).write_text("".join(f"{r['id']}\n" for r in rows), encoding="utf-8")
        return len(rows)

    monkeypatch.setitem(sys.modules, "pantau.export", types.SimpleNamespace(export=fake_export))
    r = client.get("/api/export", params={"format": "jsonl"})
    assert r.status_code == 200
    assert "seed-000" in r.text.split() and HOSTILE_ID in r.text.split()
    assert "attachment" in r.headers["content-disposition"]
    assert not Path(seen["tmp"]).exists()  # the temporary file is removed after sending


def test_export_without_the_module_is_501(client, monkeypatch):
    monkeypatch.setitem(sys.modules, "pantau.export", None)  # import fails
    assert client.get("/api/export", params={"format": "csv"}).status_code == 501


def test_json_keeps_payloads_as_data(client):
    r = client.get(f"/api/articles/{HOSTILE_ID}")
    assert r.json()["title"].count(PAYLOAD_IMG) == 1
    assert r.headers["content-type"].startswith("application/json")


def test_compact_events_carry_only_marker_fields(client):
    items = client.get("/api/events", params={"located": True, "compact": True}).json()["items"]
    assert items and all(set(it) == set(api.COMPACT_EVENT) and it["lat"] is not None for it in items)
