"""scripts/event_misses.py: every labelled event of a development sheet is either found or given the step
that lost it."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus" / "indosum").is_dir(), reason="needs ../shared/corpus")
def test_every_event_of_the_battles_and_explosions_sheets_is_found_or_given_a_cause():
    out = subprocess.run([sys.executable, "scripts/event_misses.py", "--sets", "battles,explosions", "--show"],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    m = re.search(r"all sets:\n(?:.*\n)*?  all +hits +(\d+) / +(\d+)  misses: (.*)", out)
    assert m, out
    hits, n = int(m[1]), int(m[2])
    # 1 event row on the battles sheet, 52 on the explosions sheets
    assert n == 53 and hits >= 42, out
    causes = dict(re.findall(r"'([^']+)': (\d+)", m[3]))
    assert sum(map(int, causes.values())) == n - hits, out
    # each miss is listed with a cause the script knows
    known = ("no trigger", "vetoed", "filtered", "other type only", "context rule", "detector guard",
             "weak: no place/day", "untyped", "after publication", "dropped", "typed otherwise", "merged",
             "statement:", "no sentence")
    listed = [line for line in out.splitlines() if line.startswith(("battles ", "explosions "))]
    assert len(listed) == n - hits and all(any(k in line for k in known) for line in listed), out
