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


def read(stream, *, path: str, limit: int, meta: dict, head: bytes, complete: bool,
         encoding: str | None = None):
    enc, lines = text_lines(stream, head, limit, complete=complete, encoding=encoding)
    meta = {**meta, "encoding": enc}
    feed = RowFeed(lines, limit)
    reader = csv.DictReader(feed, delimiter=delimiter_of(head))
    header_of(reader, limit)
    if feed.bad:
        raise IngestError(f"CSV header: {feed.bad}")
    yield from _rows(reader, path=path, meta=meta, feed=feed, first=0, count=None)


def rows(lines, *, header: list[str], delimiter: str, path: str, limit: int, meta: dict,
         first: int, count: int | None):
    """The items of `count` data rows (None: to the end) numbered from `first`, read from
    `lines` (decoded, as from lines.utf8_lines) starting at a row's first line."""
    _raise_field_limit(limit)
    feed = RowFeed(lines, limit)
    reader = csv.DictReader(feed, fieldnames=header, delimiter=delimiter)
    yield from _rows(reader, path=path, meta=meta, feed=feed, first=first, count=count)


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
    # RowFeed keeps every row within `limit` characters, so the csv module never meets a field
    # over its own limit (its error would leave it inside the field, reading the rest as rows)
    if csv.field_size_limit() <= limit:
        csv.field_size_limit(limit + 16)  # process-wide setting; only ever raised


def _checked(lines, damage: dict):
    """Lines with an over-long one an IngestError (the header, read by parts.py)."""
    for line in lines:
        if isinstance(line, TooLongLine):
            raise IngestError(line.reason)
        damage["bytes"] += line.damaged
        yield line


class RowFeed:
    """The decoded lines the csv module reads, with each row kept within `limit` characters.

    A row over the limit (one over-long line, or a quoted field running on over many lines) is
    not handed over: its remaining lines are stepped over by counting quotes (a row of RFC 4180
    CSV ends at the first line end with an even number of '"' since its start), and the csv
    module gets a short line that ends the row instead; `bad` then says why, and the row is
    rejected on its own while the rows after it are read as usual."""

    def __init__(self, lines, limit: int):
        self.lines = iter(lines)
        self.limit = limit
        self.damaged = 0  # bytes replaced while decoding, over all rows
        self.start_row()

    def start_row(self) -> None:
        self.size = self.quotes = 0
        self.bad: str | None = None

    def __iter__(self):
        for line in self.lines:
            if isinstance(line, TooLongLine):
                yield self._skip_row(line.quotes, line.reason)
                continue
            if self.size + len(line) > self.limit:
                yield self._skip_row(line.count('"'), f"row larger than the limit of "
                                     f"{self.limit / 1e6:g} MB (max_article_bytes); skipped")
                continue
            self.size += len(line)
            self.quotes += line.count('"')
            self.damaged += line.damaged
            yield line

    def _skip_row(self, quotes: int, reason: str) -> str:
        fed = self.quotes  # what the csv module has of this row so far
        self.bad = reason
        quotes += fed
        while quotes % 2:  # inside a quoted field: the row goes on
            line = next(self.lines, None)
            if line is None:
                break
            quotes += line.quotes if isinstance(line, TooLongLine) else line.count('"')
        self.quotes = 0
        # inside a quoted field a closing quote ends it; else a placeholder makes the row non-blank
        return '"\n' if fed % 2 else "\ufffd\n"


def _rows(reader, *, path: str, meta: dict, feed: RowFeed, first: int, count: int | None):
    index = first
    end = None if count is None else first + count
    # never ask for a row past `count`: the reader would go on into the next part's lines
    while end is None or index < end:
        before = feed.damaged
        feed.start_row()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # the csv module starts again at the next line
            yield error(path, index, f"CSV row could not be parsed: {exc}")
            index += 1
            continue
        except IngestError as exc:
            exc.record = index
            raise
        if feed.bad:
            yield error(path, index, feed.bad)
            index += 1
            continue
        row.pop(None, None)  # cells beyond the header
        row_meta = meta
        if feed.damaged > before:
            row_meta = {**meta, "decode_errors": feed.damaged - before}
        try:
            yield doc_from_fields(row, path=path, record=index, fmt="csv", meta=row_meta)
        except IngestError as exc:
            yield error(path, index, exc.reason)
        index += 1
