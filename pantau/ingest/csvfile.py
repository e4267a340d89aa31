"""CSV (and TSV) files: one article per data row; the header names the fields.

Quoted fields may span lines (the indonews CSVs do), so rows are parsed by the
csv module over a stream of decoded lines. `record` is the 0-based data row.
A part of a file (parts.py) is read by `rows` from a row's first line on, with the
header the whole file's reading found.
"""
from __future__ import annotations

import csv

from .fields import TEXT_FIELDS, doc_from_fields
from .items import IngestError, error
from .lines import text_lines
from .streams import TooLongLine


def read(stream, *, path: str, limit: int, meta: dict, head: bytes, complete: bool):
    enc, lines = text_lines(stream, head, limit, complete=complete)
    meta = {**meta, "encoding": enc}
    damage = {"bytes": 0}
    reader = csv.DictReader(_checked(lines, damage), delimiter=delimiter_of(head))
    header_of(reader, limit)
    yield from _rows(reader, path=path, meta=meta, damage=damage, first=0, count=None)


def rows(lines, *, header: list[str], delimiter: str, path: str, limit: int, meta: dict,
         first: int, count: int | None):
    """The items of `count` data rows (None: to the end) numbered from `first`, read from
    `lines` (decoded, as from lines.utf8_lines) starting at a row's first line."""
    damage = {"bytes": 0}
    _raise_field_limit(limit)
    reader = csv.DictReader(_checked(lines, damage), fieldnames=header, delimiter=delimiter)
    yield from _rows(reader, path=path, meta=meta, damage=damage, first=first, count=count)


def header_of(reader, limit: int) -> list[str]:
    """The header row of a csv.DictReader, checked to name a text column (IngestError if not)."""
    _raise_field_limit(limit)
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
    return header


def delimiter_of(head: bytes) -> str:
    first = head.split(b"\n", 1)[0]
    return "\t" if first.count(b"\t") > first.count(b",") else ","


def _raise_field_limit(limit: int) -> None:
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)  # process-wide setting; only ever raised


def _checked(lines, damage: dict):
    for line in lines:
        if isinstance(line, TooLongLine):
            raise IngestError(line.reason)
        damage["bytes"] += line.damaged
        yield line


def _rows(reader, *, path: str, meta: dict, damage: dict, first: int, count: int | None):
    index = first
    end = None if count is None else first + count
    # never ask for a row past `count`: the reader would go on into the next part's lines
    while end is None or index < end:
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
