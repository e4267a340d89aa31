"""Merged events: the reports of one happening across articles become one event with its reports.

End to end: one article published by two outlets with different first paragraphs goes through
`pantau analyze` (which merges at its end) and is read back over HTTP and through the ACLED export
as one event with two reports; `pantau merge` rebuilds the same. Then the rules one by one.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pantau import merge

BODY = ("Pesawat tempur Israel mengebom kamp pengungsi di Khan Younis, Gaza, pada Rabu (18/6/2025). Sedikitnya 20 "
        "warga sipil tewas dalam serangan udara itu, kata kementerian kesehatan setempat.\n\n"
        "Serangan itu terjadi ketika warga sedang antre bantuan.")
ARTICLES = [
    {"id": "kompas-1", "outlet": "kompas.com", "published": "2025-06-19", "title": "Israel Serang Khan Younis",
     "text": "JAKARTA, KOMPAS.com - Serangan kembali terjadi di Jalur Gaza, menurut laporan kantor berita.\n\n" + BODY},
    {"id": "detik-1", "outlet": "detik.com", "published": "2025-06-19", "title": "Serangan Udara di Khan Younis",
     "text": "Jakarta - Warga Gaza kembali menjadi sasaran, sebagaimana dilaporkan koresponden kami.\n\n" + BODY},
]
PANTAU = [sys.executable, "-m", "pantau.cli"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("merge")
    src = folder / "two.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    db = str(folder / "m.db")
    res = subprocess.run(PANTAU + ["analyze", str(src), "--db", db, "--out", "none"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "merged events" in res.stderr
    return db


def test_same_article_from_two_outlets_is_one_event_with_two_reports(db):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient
    from pantau.web import create_app

    client = TestClient(create_app(db))
    per_article = client.get("/api/events", params={"merged": "false"}).json()
    strikes = [e for e in per_article["items"] if e["date"] == "2025-06-18"]
    assert len(strikes) == 2 and {e["outlet"] for e in strikes} == {"Kompas.com", "detikcom"}
    listed = client.get("/api/events").json()
    assert listed["merged"] is True
    one = [e for e in listed["items"] if e["date"] == "2025-06-18"]
    assert len(one) == 1 and one[0]["n_reports"] == 2 and one[0]["n_sources"] == 2
    assert one[0]["first_reported"] == "2025-06-19" == one[0]["last_reported"]
    full = client.get(f"/api/events/{one[0]['key']}").json()
    assert sorted(r["key"] for r in full["reports"]) == sorted(e["key"] for e in strikes)
    assert all(r["evidence"].startswith("Pesawat tempur Israel") and r["confidence"] for r in full["reports"])
    # an article's event knows the merged event it is a report of
    assert client.get(f"/api/events/{strikes[0]['key']}").json()["merged_key"] == one[0]["key"]
    # the outlet filter finds a merged event by any of its reports
    assert client.get("/api/events", params={"outlet": "detikcom", "date_from": "2025-06-18",
                                             "date_to": "2025-06-18"}).json()["total"] == 1
    line = client.get("/api/timeline", params={"date_from": "2025-06-18", "date_to": "2025-06-18"}).json()
    assert line["merged"] is True and sum(b["total"] for b in line["buckets"]) == 1


def test_export_and_merge_command_agree(db, tmp_path):
    import pandas as pd

    out = tmp_path / "a.csv"
    res = subprocess.run(PANTAU + ["export", "--format", "acled-csv", "--db", db, "--out", str(out),
                                   "--from", "2025-06-18", "--to", "2025-06-18"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    df = pd.read_csv(out, keep_default_na=False)
    assert len(df) == 1 and df.n_reports[0] == 2 and set(df.source[0].split("; ")) == {"Kompas.com", "detikcom"}
    assert df.country[0] == "Palestine" and df.admin1[0] == "Gaza Strip"
    res = subprocess.run(PANTAU + ["merge", "--db", db], capture_output=True, text=True)
    assert res.returncode == 0 and "event reports are" in res.stderr
    res = subprocess.run(PANTAU + ["merge", "--db", str(tmp_path / "nope.db")], capture_output=True, text=True)
    assert res.returncode == 2


def _rep(aid, etype="Battles", day="2025-06-18", place=("Gaza", 31.5, 34.47), actor1=None, actor2=None,
         earliest=None, latest=None, outlet=None):
    name, lat, lon = place
    date = {"value": day, "earliest": earliest or day, "latest": latest or day,
            "precision": "day" if not earliest else "week"}
    ev = {"event_type": etype, "date": date, "place": {"name": name, "lat": lat, "lon": lon, "country": "PS"},
          "actor1": {"canonical": actor1} if actor1 else None, "actor2": {"canonical": actor2} if actor2 else None,
          "confidence": 0.5, "evidence": {"text": "x", "span": [0, 1]}}
    return merge.report({"id": aid, "outlet": outlet or aid, "published": "2025-06-19"}, 0, ev)


def test_merge_rules():
    def n(*reps):
        return len(merge.merge(list(reps)))
    assert n(_rep("a"), _rep("b")) == 1
    assert n(_rep("a"), _rep("b", etype="Protests")) == 2  # another type
    assert n(_rep("a"), _rep("b", day="2025-06-19")) == 2  # another day
    assert n(_rep("a"), _rep("b", place=("Khan Younis", 31.34, 34.31))) == 1  # 23 km
    assert n(_rep("a"), _rep("b", place=("Rafah", 31.28, 34.25))) == 2  # 32 km
    assert n(_rep("a", place=("Gaza", None, None)), _rep("b", place=("Gaza", None, None))) == 1  # the same name
    assert n(_rep("a", actor1="Israel"), _rep("b", actor1="Hamas")) == 2  # contradicting actors
    assert n(_rep("a", actor1="Israel", actor2="Hamas"), _rep("b", actor1="Hamas", actor2="Israel")) == 1
    a, b = _rep("a", actor1="Jaish al-Fatah"), _rep("b", actor1="Syrian opposition")
    assert n(a, b) == 2
    a["event"]["actor1"]["side"] = b["event"]["actor1"]["side"] = "opposition"
    assert n(a, b) == 1  # two names of one side
    assert n(_rep("a", actor1="Israel"), _rep("b")) == 1
    # one article's events are never merged here (the events stage did that)
    assert n(_rep("a"), _rep("a")) == 2
    # a vague report ("this week") joins the precise event, not the other way round
    m = merge.merge([_rep("a", day="2025-06-22", earliest="2025-06-16", latest="2025-06-22"), _rep("b"), _rep("c")])
    assert [x["n_reports"] for x in m] == [3] and m[0]["date"] == "2025-06-18"
    # no giant chains: days overlap pairwise but a report joins only a group whose first report it matches
    chain = [_rep(f"c{i}", day=f"2025-06-{10 + i:02d}", earliest=f"2025-06-{10 + i:02d}",
                  latest=f"2025-06-{11 + i:02d}") for i in range(6)]
    assert max(x["n_reports"] for x in merge.merge(chain)) <= 2


def test_merged_counts_and_consensus():
    m = merge.merge([_rep("a", outlet="kompas"), _rep("b", outlet="kompas"), _rep("c", outlet="detik")])[0]
    assert m["n_reports"] == 3 and m["n_sources"] == 2 and m["outlets"] == ["detik", "kompas"]
    assert len({r["key"] for r in m["reports"]}) == 3
