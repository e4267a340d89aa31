"""Parts of a JSON Lines or CSV file, so that many machines can read one file at once.

Cutting a file into slices of records and letting each reader skip to its slice makes
every reader parse all the records before its own: the work grows with the square of
the file (a 100,000-record file in slices of 250 would be parsed 200 times over). A
plain (uncompressed) UTF-8 file of records can instead be cut where a record starts:

- `plan(path, limit)` says whether the reader would read `path` as such a file, making
  the decisions `ingest._dispatch`, `jsonfile.read` and `csvfile.read` make from its first
  bytes, and gives what they would give its records (metadata; for CSV the header and
  delimiter); None for anything else (gzip, a JSON array or document, another encoding),
  which is read from the start as before;
- `parts(path, size, plan, limit)` gives (first record, byte offset, records or None for
  "to the end") every `size` records, in one streaming pass: for JSON Lines it counts
  line ends and parses nothing (a record is a line); for CSV, whose quoted fields may
  span lines, the csv module finds where each row ends (no field is kept);
- `read_part` reads one part from its offset and gives the items reading the whole file
  gives for those records, record numbers, errors and all (tests compare).

Files that cannot be cut this way but are cheap to read (gzip-compressed JSON Lines or CSV,
a JSON array, another encoding: `cheap_to_read`) are better read once by one reader that
hands out batches of items than sliced by record number, where each slice reads the file
from its top; formats whose reading is itself costly (WARC and HTML pages go through text
extraction) are not.

A CSV part that meets an error which ends the whole file's reading (a row the csv module
cannot parse, an over-long line) is the last part: it runs to the end and meets the same
error at the same row, so the items are the same.
"""
from __future__ import annotations

import csv
import dataclasses
import itertools
from typing import Iterator

from . import csvfile, jsonfile
from .items import IngestError
from .lines import utf8_lines
from .sniff import decide_format, format_from_name
from .streams import DAMAGE, GZIP_MAGIC, HEAD_BYTES, TooLongLine, iter_byte_lines, peekable, read_head, ungzip
from .textcodec import looks_binary, sniff_encoding

CHUNK = 1 << 20


@dataclasses.dataclass(frozen=True)
class Plan:
    """How the records of a file are read: its format ("json" for JSON Lines, or "csv"),
    the metadata its records get, and for CSV the header and delimiter."""

    format: str
    meta: dict
    header: tuple[str, ...] = ()
    delimiter: str = ","


def plan(path: str, limit: int) -> Plan | None:
    """How the records of `path` are read when it is plain UTF-8 JSON Lines or CSV, else None.
    The decisions are the reader's own (sniff.decide_format, jsonfile.is_array / first_line /
    is_json_lines, csvfile.delimiter_of / header_of), made from the same first bytes."""
    if path == "-":
        return None
    name_fmt, gz = format_from_name(path)
    if gz:
        return None
    try:
        with open(path, "rb") as fh:
            head = read_head(fh, HEAD_BYTES)
            if not head or head.startswith(GZIP_MAGIC):
                return None
            fmt, meta = decide_format(name_fmt, head)
            if fmt not in ("json", "csv") or looks_binary(head[:8192]):
                return None
            if fmt == "json" and jsonfile.is_array(head):
                return None
            enc = sniff_encoding(head, complete=len(head) < HEAD_BYTES)
            if enc not in ("utf-8", "utf-8-sig"):
                return None
            meta = {**meta, "encoding": enc}
            fh.seek(0)
            lines = utf8_lines(iter_byte_lines(fh, limit), skip_bom=enc == "utf-8-sig")
            if fmt == "csv":
                delimiter = csvfile.delimiter_of(head)
                header = csvfile.header_of(csv.DictReader(_stop_at_long(lines), delimiter=delimiter), limit)
                return Plan("csv", meta, tuple(header), delimiter)
            first, _blank = jsonfile.first_line(lines)
            if not jsonfile.is_json_lines(first):
                return None  # one document spread over lines
    except (OSError, IngestError):
        return None  # reading it from the start reports the problem
    return Plan("json", meta)


def cheap_to_read(path: str) -> bool:
    """Whether `path` is JSON or CSV (gzip-compressed or not), whose reading costs little next to
    the analysis of its records; decided as the reader decides, from the name or first bytes."""
    if path == "-":
        return False
    name_fmt, _gz = format_from_name(path)
    try:
        with open(path, "rb") as fh:
            head, stream = peekable(fh)
            if head.startswith(GZIP_MAGIC):
                head = read_head(ungzip(stream)[0], HEAD_BYTES)
            return bool(head) and decide_format(name_fmt, head)[0] in ("json", "csv")
    except (OSError, IngestError, *DAMAGE):
        return False  # reading it reports the problem


def parts(path: str, size: int, plan: Plan, limit: int) -> Iterator[tuple[int, int, int | None]]:
    """(first record, byte offset, number of records; None = to the end) of each part of `size` records."""
    if plan.format == "csv":
        return _csv_parts(path, size, plan, limit)
    return _line_parts(path, size)


def read_part(path: str, first: int, offset: int, count: int | None, *, limit: int,
              plan: Plan) -> Iterator[dict]:
    """The items of records [first, first + count) of `path`, which start at byte `offset`."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        raw = iter_byte_lines(fh, limit)
        if plan.format == "csv":
            yield from csvfile.rows(utf8_lines(raw, skip_bom=False), header=list(plan.header),
                                    delimiter=plan.delimiter, path=path, limit=limit, meta=plan.meta,
                                    first=first, count=count)
            return
        if count is not None:
            raw = itertools.islice(raw, count)
        raw = _numbered_from(raw, first)
        lines = utf8_lines(raw, skip_bom=offset == 0 and plan.meta.get("encoding") == "utf-8-sig")
        yield from jsonfile._json_lines(lines, path=path, meta=plan.meta, first=first)


def _line_parts(path: str, lines: int) -> Iterator[tuple[int, int, int | None]]:
    """JSON Lines: a record is a line, so the cuts are every `lines` line ends."""
    first, offset, count, base = 0, 0, 0, 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            n = chunk.count(b"\n")
            if count + n < lines:  # no cut in this chunk
                count += n
                base += len(chunk)
                continue
            i = 0
            while True:
                j = chunk.find(b"\n", i)
                if j < 0:
                    break
                i = j + 1
                count += 1
                if count == lines:
                    yield first, offset, lines
                    first, offset, count = first + lines, base + i, 0
            base += len(chunk)
    if base > offset:
        yield first, offset, None


def _csv_parts(path: str, size: int, plan: Plan, limit: int) -> Iterator[tuple[int, int, int | None]]:
    """CSV: the csv module reads rows as the whole file's reading does (csv.DictReader skips
    blank rows and does not count them), over lines whose bytes are counted as they are
    handed to it; it asks for no line past the row it gives, so the count after a row is
    where the next row starts."""
    used = [0]

    def counted(byte_lines):
        for raw in byte_lines:
            if isinstance(raw, TooLongLine):
                raise IngestError(raw.reason)  # the whole file's reading stops there too
            used[0] += len(raw)
            yield raw

    csvfile._raise_field_limit(limit)
    with open(path, "rb") as fh:
        lines = utf8_lines(counted(iter_byte_lines(fh, limit)), skip_bom=plan.meta["encoding"] == "utf-8-sig")
        reader = csv.reader(lines, delimiter=plan.delimiter)
        first, count, offset, stopped = 0, 0, None, False
        try:
            next(reader)  # the header
            offset = used[0]
            for row in reader:
                if row == []:
                    continue
                count += 1
                if count == size:
                    yield first, offset, size
                    first, count, offset = first + size, 0, used[0]
        except (csv.Error, IngestError, StopIteration):
            stopped = True
    if offset is not None and (count or stopped):
        yield first, offset, None


def _stop_at_long(lines):
    for line in lines:
        if isinstance(line, TooLongLine):
            raise IngestError(line.reason)
        yield line


def _numbered_from(byte_lines, first: int):
    """iter_byte_lines numbers an over-long line from where it started reading: from the file's top."""
    for raw in byte_lines:
        if isinstance(raw, TooLongLine):
            raw.lineno += first
        yield raw
