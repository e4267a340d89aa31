"""CSV (and TSV) files: one article per data row; the header names the fields.

Quoted fields may span lines (the indonews CSVs do), so rows are parsed by the
csv module over a stream of decoded lines. `record` is the 0-based data row.
"""
from __future__ import annotations

import csv

from .fields import TEXT_FIELDS, doc_from_fields
from .items import IngestError, error
from .lines import text_lines
from .streams import TooLongLine


def read(stream, *, path: str, limit: int, meta: dict, head: bytes, complete: bool,
         delimiter: str | None = None):
    enc, lines = text_lines(stream, head, limit, complete=complete)
    meta = {**meta, "encoding": enc}
    damage = {"bytes": 0}
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)  # process-wide setting; only ever raised

    def checked_lines():
        for line in lines:
            if isinstance(line, TooLongLine):
                raise IngestError(line.reason)
            damage["bytes"] += line.damaged
            yield line

    delimiter = delimiter or _delimiter(head)
    reader = csv.DictReader(checked_lines(), delimiter=delimiter)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise IngestError(f"CSV header could not be read: {exc}") from None
    if not header:
        raise IngestError("no text (file is empty or blank)")
    names = {h.strip().lower() for h in header if h}
    if not names & set(TEXT_FIELDS):
        raise IngestError("CSV has no text column (one of " + ", ".join(TEXT_FIELDS) +
                          "); columns: " + ", ".join(h for h in header if h)[:200])
    index = 0
    while True:
        before = damage["bytes"]
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise IngestError(f"CSV row {index} could not be parsed: {exc}", index) from None
        except IngestError as exc:
            exc.record = index
            raise
        row.pop(None, None)  # cells beyond the header
        row_meta = meta
        if damage["bytes"] > before:
            row_meta = {**meta, "decode_errors": damage["bytes"] - before}
        try:
            yield doc_from_fields(row, path=path, record=index, fmt="csv", meta=row_meta)
        except IngestError as exc:
            yield error(path, index, exc.reason)
        index += 1


def _delimiter(head: bytes) -> str:
    first = head.split(b"\n", 1)[0]
    return "\t" if first.count(b"\t") > first.count(b",") else ","
