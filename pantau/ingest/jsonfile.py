"""JSON Lines and JSON files.

One reader for both, chosen by the first non-blank character and the first
line: "[" = an array of objects (streamed element by element, never loaded
whole); "{" whose first line parses on its own = JSON Lines (a malformed line is
an error item with its 0-based line number as record, then reading goes on);
otherwise one pretty-printed object (or several concatenated), read whole
within the article size limit.
"""
from __future__ import annotations

import io
import json
from typing import Any

from .fields import doc_from_fields
from .items import IngestError, error
from .lines import text_lines
from .streams import TooLongLine
from .textcodec import sniff_encoding

_decoder = json.JSONDecoder()


def is_array(head: bytes) -> bool:
    """Whether the input is a top-level JSON array (read element by element)."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"["


def first_line(lines) -> tuple[Any, int]:
    """(the first non-blank line or over-long line, the blank lines before it); consumes them."""
    blank = 0
    for line in lines:
        if isinstance(line, TooLongLine) or line.strip():
            return line, blank
        blank += 1
    raise IngestError("no text (file is empty or blank)")


def is_json_lines(first) -> bool:
    """Whether a file whose first line is `first` is JSON Lines (else one document over lines)."""
    return isinstance(first, TooLongLine) or _parses(first)


def read(stream, *, path: str, limit: int, meta: dict, head: bytes, complete: bool,
         encoding: str | None = None):
    if is_array(head):
        yield from _array(stream, head, path=path, limit=limit, meta=meta, complete=complete,
                          encoding=encoding)
        return
    enc, lines = text_lines(stream, head, limit, complete=complete, encoding=encoding)
    meta = {**meta, "encoding": enc}
    first, blank = first_line(lines)
    if not is_json_lines(first):
        yield from _whole(_join(first, lines, limit), path=path, meta=meta)
        return
    # records are numbered by line from the top, blank lines before the first included
    yield from _json_lines(_chain(first, lines), path=path, meta=meta, first=blank)


def _chain(first, lines):
    yield first
    yield from lines


def _parses(line: str) -> bool:
    try:
        json.loads(line)
        return True
    except ValueError:
        return False
    except RecursionError:  # JSON, only nested too deep: a JSON Lines record to reject on its own
        return True


TOO_DEEP = "JSON nested too deeply to read (over about 900 levels)"


def _json_lines(lines, *, path: str, meta: dict, first: int = 0):
    """Items of JSON Lines; `first` is the number of the first line (a part of a file, see parts.py)."""
    lineno = first - 1
    for line in lines:
        lineno = line.lineno if isinstance(line, TooLongLine) else lineno + 1
        if isinstance(line, TooLongLine):
            yield error(path, line.lineno, line.reason)
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield error(path, lineno, f"malformed JSON on line {lineno + 1}: {exc.msg} "
                                      f"(column {exc.colno})")
            continue
        except RecursionError:  # this line only: the next one is read as usual
            yield error(path, lineno, f"{TOO_DEEP} on line {lineno + 1}")
            continue
        line_meta = {**meta, "decode_errors": line.damaged} if line.damaged else meta
        try:
            yield doc_from_fields(obj, path=path, record=lineno, fmt="jsonl", meta=line_meta)
        except IngestError as exc:
            yield error(path, lineno, exc.reason)


def _join(first: str, lines, limit: int) -> str:
    parts, size = [first], len(first)
    for line in lines:
        if isinstance(line, TooLongLine) or size + len(line) > limit:
            raise IngestError("JSON document larger than the max_article_bytes limit; not read")
        parts.append(line)
        size += len(line)
    return "".join(parts)


def _whole(text: str, *, path: str, meta: dict):
    pos, index, objects = 0, 0, []
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        try:
            obj, pos = _decoder.raw_decode(text, pos)
        except ValueError as exc:
            raise IngestError(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                              index if index else None) from None
        except RecursionError:
            raise IngestError(TOO_DEEP, index if index else None) from None
        objects.append(obj)
        index += 1
    single = len(objects) == 1
    for i, obj in enumerate(objects):
        record = None if single else i
        try:
            yield doc_from_fields(obj, path=path, record=record, fmt="jsonl", meta=meta)
        except IngestError as exc:
            yield error(path, record, exc.reason)


def _array(stream, head: bytes, *, path: str, limit: int, meta: dict, complete: bool,
           encoding: str | None = None):
    """Elements of a top-level JSON array, decoded one at a time from a rolling buffer."""
    enc = encoding or sniff_encoding(head, complete=complete)
    reader = io.TextIOWrapper(stream, encoding=enc, errors="replace")
    meta = {**meta, "encoding": enc}
    buf, pos, index = reader.read(1 << 16).lstrip("\ufeff"), 0, 0
    pos = buf.index("[") + 1
    eof = False
    while True:
        # skip whitespace and the comma between elements
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buf) or eof:
                break
            buf, pos = buf[pos:] + reader.read(1 << 16), 0
            eof = pos >= len(buf)
        if pos >= len(buf):
            yield error(path, index, "JSON array ends early (no closing ']')")
            return
        if buf[pos] == "]":
            return
        try:
            try:
                obj, end = _decoder.raw_decode(buf, pos)
            except RecursionError:
                end = _value_end(buf, pos)
                if end is None:  # not all in the buffer yet: read on, as for a cut element
                    raise json.JSONDecodeError("nested too deeply and cut short", buf, pos) from None
                yield error(path, index, f"{TOO_DEEP} in element {index}")
                pos, index = end, index + 1
                continue
        except ValueError as exc:
            if eof:
                yield error(path, index, f"malformed JSON in element {index}: {exc.msg}")
                return
            if len(buf) - pos > limit:
                yield error(path, index, "JSON array element larger than the max_article_bytes "
                                         "limit; stopped")
                return
            more = reader.read(1 << 16)
            eof = not more
            buf, pos = buf[pos:] + more, 0
            continue
        pos = end
        try:
            yield doc_from_fields(obj, path=path, record=index, fmt="jsonl", meta=meta)
        except IngestError as exc:
            yield error(path, index, exc.reason)
        index += 1
        if pos > 1 << 20:  # drop what is parsed so the buffer stays small
            buf, pos = buf[pos:], 0


def _value_end(buf: str, pos: int) -> int | None:
    """Where the array or object starting at `pos` ends (brackets counted outside strings), or None
    when it goes on past the buffer: how an element nested too deep to parse is stepped over."""
    depth, in_string, escaped = 0, False, False
    for i in range(pos, len(buf)):
        ch = buf[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
    return None
