"""The Dask engine runs the same stages and gives the same records as the serial run."""
import json
import shutil

import pytest

from pantau.cli import main

pytest.importorskip("dask.distributed")


def records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_dask_local_cluster_matches_serial_run(shared, tmp_path, capsys):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for f in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        shutil.copy(f, corpus / f.name)
    # one multi-record file split into several slices, plus a broken line
    lines = (shared / "corpus" / "indosum" / "dev.01.jsonl").read_text(encoding="utf-8").splitlines()[:30]
    (corpus / "z.jsonl").write_text("\n".join(lines[:12] + ["{broken"] + lines[12:]) + "\n", encoding="utf-8")

    serial_out, dask_out = tmp_path / "serial.jsonl", tmp_path / "dask.jsonl"
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--out", str(serial_out)]) == 0
    serial_err = capsys.readouterr().err
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "d.db"), "--out", str(dask_out),
                 "--engine", "dask", "--workers", "2", "--slice-size", "8"]) == 0
    dask_err = capsys.readouterr().err
    assert "rejected 1" in serial_err and "rejected 1" in dask_err
    a, b = records(serial_out), records(dask_out)
    assert len(a) == 35
    assert [r["id"] for r in a] == [r["id"] for r in b]
    assert a == b
