"""Parts of a JSON Lines file, so that many machines can read one file at once.

Cutting a file into slices of records and letting each reader skip to its slice makes
every reader parse all the records before its own: the work grows with the square of
the file (a 100,000-record file in slices of 250 would be parsed 200 times over). A
plain (uncompressed) UTF-8 JSON Lines file can instead be cut at line ends:

- `plan(path, limit)` says whether the reader would read `path` as such a file, making
  the decisions `ingest._dispatch` and `jsonfile.read` make from its first bytes, and
  gives the metadata they would give its records; None for anything else (gzip, CSV,
  a JSON array or document, another encoding), which is read from the start as before;
- `parts(path, lines)` gives (first line, byte offset, lines or None for "to the end")
  every `lines` lines, in one streaming pass that counts line ends and parses nothing;
- `read_part` reads one part from its offset and gives the items reading the whole file
  gives for those lines, record numbers, errors and all (tests compare).
"""
from __future__ import annotations

import itertools
from typing import Iterator

from . import jsonfile
from .items import IngestError
from .lines import utf8_lines
from .sniff import decide_format, format_from_name
from .streams import GZIP_MAGIC, HEAD_BYTES, TooLongLine, iter_byte_lines, read_head
from .textcodec import looks_binary, sniff_encoding

CHUNK = 1 << 20


def plan(path: str, limit: int) -> dict | None:
    """The metadata of the records of `path` when it is read as plain UTF-8 JSON Lines, else None.
    The decisions are the reader's own (sniff.decide_format, jsonfile.is_array / first_line /
    is_json_lines), made from the same first bytes."""
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
            if fmt != "json" or looks_binary(head[:8192]) or jsonfile.is_array(head):
                return None
            enc = sniff_encoding(head, complete=len(head) < HEAD_BYTES)
            if enc not in ("utf-8", "utf-8-sig"):
                return None
            fh.seek(0)
            first, _blank = jsonfile.first_line(utf8_lines(iter_byte_lines(fh, limit), skip_bom=enc == "utf-8-sig"))
            if not jsonfile.is_json_lines(first):
                return None  # one document spread over lines
    except (OSError, IngestError):
        return None  # reading it from the start reports the problem
    return {**meta, "encoding": enc}


def parts(path: str, lines: int) -> Iterator[tuple[int, int, int | None]]:
    """(first line, byte offset, number of lines; None = to the end) of each part of `lines` lines."""
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


def read_part(path: str, first: int, offset: int, n_lines: int | None, *, limit: int,
              meta: dict) -> Iterator[dict]:
    """The items of lines [first, first + n_lines) of `path`, which start at byte `offset`."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        raw = iter_byte_lines(fh, limit)
        if n_lines is not None:
            raw = itertools.islice(raw, n_lines)
        raw = _numbered_from(raw, first)
        lines = utf8_lines(raw, skip_bom=offset == 0 and meta.get("encoding") == "utf-8-sig")
        yield from jsonfile._json_lines(lines, path=path, meta=meta, first=first)


def _numbered_from(byte_lines, first: int):
    """iter_byte_lines numbers an over-long line from where it started reading: from the file's top."""
    for raw in byte_lines:
        if isinstance(raw, TooLongLine):
            raw.lineno += first
        yield raw
