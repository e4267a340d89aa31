"""The day of an event through the whole pipeline (docs/timex.md, the narrative reference time): a deictic
word of a quote counts from when the quote was said. The sentences are written for these tests."""
import pantau

EXPLOSIONS = "Explosions/Remote violence"


def dated(text, published):
    rec = pantau.analyze_text(text, title="Berita", published=published)
    return [(e["trigger"]["text"], e["date"]["earliest"], e["date"]["latest"], e["date"]["how"])
            for e in rec["events"] if e["event_type"] == EXPLOSIONS]


def test_a_quoted_today_is_the_day_the_quote_was_said():
    # the embassy's "Hari ini" was said on the Thursday the narrative is on, not on the Friday of publication:
    # one missile attack, not a second one a day later
    text = ('Iran meluncurkan sebuah rudal ke arah Israel pada Kamis (19/6/2025). "Hari ini, Iran menembakkan '
            'sebuah rudal ke wilayah padat penduduk di Israel," demikian pernyataan kedutaan.')
    got = dated(text, "2025-06-20")
    assert got and all(d[1:3] == ("2025-06-19", "2025-06-19") for d in got), got
    # the reporting clause's own day says when it was said
    text = '"Kemarin, Iran menembakkan sebuah rudal ke wilayah Israel," kata juru bicara militer, Rabu (18/6).'
    assert [d[1:3] for d in dated(text, "2025-06-20")] == [("2025-06-17", "2025-06-17")]
