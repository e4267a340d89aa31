"""Parts of a JSON Lines, CSV or WARC file, so that many machines can read one file at once.

Cutting a file into slices of records and letting each reader skip to its slice makes
every reader parse all the records before its own: the work grows with the square of
the file (a 100,000-record file in slices of 250 would be parsed 200 times over). A
plain (uncompressed) UTF-8 JSON Lines or CSV file, or a WARC (gzip-compressed or not),
can instead be cut where a record starts:

- `plan(path, limit)` says whether the reader would read `path` as such a file, making
  the decisions `ingest._dispatch`, `jsonfile.read` and `csvfile.read` make from its first
  bytes, and gives what they would give its records (metadata; for CSV the header and
  delimiter); None for anything else (gzip-compressed JSON or CSV, a JSON array or
  document, another encoding, ARC), which is read from the start as before;
- `parts(path, size, plan, limit)` gives a `Cut` (first record, byte offset, records or
  None for "to the end") every `size` records, in one streaming pass: for JSON Lines it
  counts line ends and parses nothing (a record is a line); for CSV, whose quoted fields
  may span lines, the csv module finds where each row ends (no field is kept); for WARC it
  reads the record headers and skips the content (gzip: every record is its own gzip
  member, as the WARC standard recommends, so a part can start at any record; each member
  is decompressed to check that it holds one whole record, nothing is extracted);
- `read_part` reads one JSON Lines or CSV part from its offset and gives the items
  reading the whole file gives for those records, record numbers, errors and all (tests
  compare); a WARC part is read by `ingest.read_input` through the whole file's reader.

Files that cannot be cut this way but are cheap to read (gzip-compressed JSON Lines or CSV,
a JSON array, another encoding: `cheap_to_read`) are better read once by one reader that
hands out batches of items than sliced by record number, where each slice reads the file
from its top; formats whose reading is itself costly (WARC and HTML pages go through text
extraction) are not.

Where the cutting pass meets anything it does not expect (a row the csv module cannot
parse, an over-long line, a damaged or non-standard WARC, a decompression bomb), the part
it is in becomes the last: it runs to the end and meets the same thing at the same record,
so the items are the same.
"""
from __future__ import annotations

import csv
import dataclasses
import itertools
import os
import re
import zlib
from typing import Iterator, NamedTuple

from . import csvfile, jsonfile
from .items import IngestError
from .lines import utf8_lines
from .sniff import decide_format, format_from_name
from .streams import BOMB_MIN_BYTES, BOMB_RATIO, GZIP_MAGIC, HEAD_BYTES, TooLongLine, iter_byte_lines, read_head
from .textcodec import looks_binary, sniff_file

CHUNK = 1 << 20


@dataclasses.dataclass(frozen=True)
class Plan:
    """How the records of a file are read: its format ("json" for JSON Lines, "csv" or
    "warc"), the metadata its records get, for CSV the header and delimiter, for WARC
    whether it is gzip-compressed."""

    format: str
    meta: dict
    header: tuple[str, ...] = ()
    delimiter: str = ","
    gzip: bool = False


class Cut(NamedTuple):
    """A part: its first record's number, the byte offset it starts at, its number of
    records (None: to the end of the file), and for a gzip-compressed file the
    decompressed size of everything before it (the reader's bomb check counts it)."""

    first: int
    offset: int
    count: int | None
    unpacked: int = 0


def plan(path: str, limit: int) -> Plan | None:
    """How the records of `path` are read when it is plain UTF-8 JSON Lines or CSV, or a WARC,
    else None. The decisions are the reader's own (sniff.decide_format, jsonfile.is_array /
    first_line / is_json_lines, csvfile.delimiter_of / header_of), made from the same first bytes."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as fh:
            fmt, meta, head, packed = _format_of(fh, path)
            if fmt is None:
                return None
            if packed:  # only a WARC of gzip members can be cut
                return Plan("warc", meta, gzip=True) if fmt == "warc" and head.startswith(b"WARC/") else None
            if fmt == "warc":
                return Plan("warc", meta) if head.startswith(b"WARC/") else None  # ARC: from the start
            if fmt not in ("json", "csv") or looks_binary(head[:8192]):
                return None
            if fmt == "json" and jsonfile.is_array(head):
                return None
            enc = sniff_file(fh, head, complete=len(head) < HEAD_BYTES)
            if enc not in ("utf-8", "utf-8-sig"):
                return None
            meta = {**meta, "encoding": enc}
            fh.seek(0)
            lines = utf8_lines(iter_byte_lines(fh, limit), skip_bom=enc == "utf-8-sig")
            if fmt == "csv":
                delimiter = csvfile.delimiter_of(head)
                checked = csvfile._checked(lines, {"bytes": 0})  # an over-long line: IngestError, as reading
                header = csvfile.header_of(csv.DictReader(checked, delimiter=delimiter), limit)
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
    try:
        with open(path, "rb") as fh:
            return _format_of(fh, path)[0] in ("json", "csv")
    except OSError:
        return False  # reading it reports the problem


def _format_of(fh, path: str) -> tuple[str | None, dict, bytes, bool]:
    """(format, metadata, first bytes, gzip-compressed?) as the reader decides them from the
    name and the first (decompressed) bytes; format None for what the reader will refuse
    (empty, named .gz but not gzip, a first gzip member that does not decompress)."""
    name_fmt, gz = format_from_name(path)
    head = read_head(fh, HEAD_BYTES)
    packed = head.startswith(GZIP_MAGIC)
    if packed:
        head = _first_member_head(head)  # what the first member holds says what the file is
    elif gz:
        return None, {}, head, False
    if not head:
        return None, {}, head, packed
    fmt, meta = decide_format(name_fmt, head)
    return fmt, meta, head, packed


def parts(path: str, size: int, plan: Plan, limit: int) -> Iterator[Cut]:
    """The parts of `size` records of `path`, in order."""
    if plan.format == "csv":
        return _csv_parts(path, size, plan, limit)
    if plan.format == "warc":
        return _warc_gz_parts(path, size) if plan.gzip else _warc_parts(path, size)
    return _line_parts(path, size)


def read_part(path: str, cut: Cut, *, limit: int, plan: Plan) -> Iterator[dict]:
    """The items of records [first, first + count) of a JSON Lines or CSV file, which start
    at byte `offset`."""
    first, offset, count = cut.first, cut.offset, cut.count
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


def _line_parts(path: str, lines: int) -> Iterator[Cut]:
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
                    yield Cut(first, offset, lines)
                    first, offset, count = first + lines, base + i, 0
            base += len(chunk)
    if base > offset:
        yield Cut(first, offset, None)


def _csv_parts(path: str, size: int, plan: Plan, limit: int) -> Iterator[Cut]:
    """CSV: the csv module reads rows as the whole file's reading does (csv.DictReader skips
    blank rows and does not count them), over lines whose bytes are counted as they are
    handed to it; it asks for no line past the row it gives, so the count after a row is
    where the next row starts."""
    used = [0]

    def counted(byte_lines):
        for raw in byte_lines:
            used[0] += raw.size if isinstance(raw, TooLongLine) else len(raw)
            yield raw

    csvfile._raise_field_limit(limit)
    with open(path, "rb") as fh:
        lines = utf8_lines(counted(iter_byte_lines(fh, limit)), skip_bom=plan.meta["encoding"] == "utf-8-sig")
        feed = csvfile.RowFeed(lines, limit)  # rows over the limit stepped over as the reading does
        reader = csv.reader(feed, delimiter=plan.delimiter)
        first, count, offset, stopped = 0, 0, None, False
        try:
            next(reader)  # the header
            if feed.bad:
                raise IngestError(feed.bad)
            offset = used[0]
            while True:
                feed.start_row()
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error:  # one rejected row, as the reading reports it
                    row = None
                if row == []:
                    continue
                count += 1
                if count == size:
                    yield Cut(first, offset, size)
                    first, count, offset = first + size, 0, used[0]
        except (csv.Error, IngestError, StopIteration):  # in the header: the reading stops there
            stopped = True
    if offset is not None and (count or stopped):
        yield Cut(first, offset, None)


def _warc_parts(path: str, size: int) -> Iterator[Cut]:
    """An uncompressed WARC: warcio reads each record's header and skips its content, and
    says where the record starts."""
    from warcio.archiveiterator import ArchiveIterator

    first, offset, index = 0, 0, -1
    with open(path, "rb") as fh:
        archive = ArchiveIterator(fh, arc2warc=True)
        try:
            for _rec in archive:
                index += 1
                if index and index % size == 0:
                    start = archive.get_record_offset()
                    yield Cut(first, offset, size)
                    first, offset = index, start
        except Exception:  # noqa: BLE001 - warcio fails in many ways on damage: the reader reports it
            index = max(index, first)  # the part the damage is in runs to the end
    if index >= first:
        yield Cut(first, offset, None)


_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)[ \t]*\r?$")


def _warc_gz_parts(path: str, size: int) -> Iterator[Cut]:
    """A WARC of gzip members, one record each: every member is decompressed (with the
    reader's bomb check) to find where the next starts and to check it holds one whole
    record (its header's Content-Length plus the two line ends after the content)."""
    first, offset, unpacked = 0, 0, 0
    index, pos, out = -1, 0, 0
    with open(path, "rb") as fh:
        try:
            while True:
                member = _member(fh, pos, out)
                if member is None:
                    break
                length, size_out, head = member
                end = head.find(b"\r\n\r\n")
                clen = _CONTENT_LENGTH.search(head, 0, max(end, 0))
                if not head.startswith(b"WARC/") or end < 0 or clen is None or \
                        size_out != end + 4 + int(clen.group(1)) + 4:
                    break  # not one whole record: the reader takes it from here
                index += 1
                if index and index % size == 0:
                    yield Cut(first, offset, size, unpacked)
                    first, offset, unpacked = index, pos, out
                pos += length
                out += size_out
        except (OSError, zlib.error, EOFError):
            pass
    if index >= first or pos < os.path.getsize(path):
        yield Cut(first, offset, None, unpacked)


def _member(fh, pos: int, out_before: int) -> tuple[int, int, bytes] | None:
    """(compressed length, decompressed length, first bytes) of the gzip member at `pos`;
    None at the end of the file. EOFError when the member is cut short or over the bomb ratio."""
    fh.seek(pos)
    pending = fh.read(1 << 16)
    if not pending:
        return None
    d = zlib.decompressobj(31)
    used = out = 0
    head = bytearray()
    while not d.eof:
        if not pending:
            pending = fh.read(1 << 16)
            if not pending:
                raise EOFError("gzip member cut short")
        data = d.decompress(pending, 1 << 20)
        taken = len(pending) - len(d.unconsumed_tail) - (len(d.unused_data) if d.eof else 0)
        used += taken
        pending = d.unconsumed_tail
        out += len(data)
        if len(head) < HEAD_BYTES:
            head += data[:HEAD_BYTES - len(head)]
        total = out_before + out
        if total > BOMB_MIN_BYTES and total > BOMB_RATIO * (pos + used):
            raise EOFError("decompression bomb")
    return used, out, bytes(head)


def _first_member_head(head: bytes) -> bytes:
    """The first decompressed bytes (as many as the reader sniffs) of the gzip data `head` begins."""
    try:
        return zlib.decompressobj(31).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""


def _numbered_from(byte_lines, first: int):
    """iter_byte_lines numbers an over-long line from where it started reading: from the file's top."""
    for raw in byte_lines:
        if isinstance(raw, TooLongLine):
            raw.lineno += first
        yield raw
