"""Decoded lines of a multi-record text input (JSON Lines, CSV), streamed.

The encoding is judged once from the first bytes. UTF-8 is decoded line by
line so a damaged line only affects its own record (bytes replaced by U+FFFD,
counted per line); other encodings go through a TextIOWrapper.
"""
from __future__ import annotations

import io

from .streams import TooLongLine, iter_byte_lines
from .textcodec import sniff_encoding


class Line(str):
    """A decoded line that remembers how many bytes had to be replaced."""

    damaged = 0


def text_lines(stream, head: bytes, limit: int, *, complete: bool, encoding: str | None = None):
    """(encoding, iterator of Line | TooLongLine); `encoding` when known from the whole file
    (textcodec.sniff_file), else judged from `head`."""
    enc = encoding or sniff_encoding(head, complete=complete)
    if enc in ("utf-8", "utf-8-sig"):
        return enc, _utf8_lines(stream, limit, skip_bom=enc == "utf-8-sig")
    return enc, _wrapped_lines(stream, enc, limit)


def _utf8_lines(stream, limit: int, *, skip_bom: bool):
    return utf8_lines(iter_byte_lines(stream, limit), skip_bom=skip_bom)


def utf8_lines(byte_lines, *, skip_bom: bool):
    """Lines of bytes (from iter_byte_lines) decoded as UTF-8, damage counted per line."""
    for i, raw in enumerate(byte_lines):
        if isinstance(raw, TooLongLine):
            yield raw
            continue
        if i == 0 and skip_bom:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            yield Line(raw.decode("utf-8"))
        except UnicodeDecodeError:
            line = Line(raw.decode("utf-8", errors="replace"))
            line.damaged = line.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
            yield line


def _wrapped_lines(stream, enc: str, limit: int):
    wrapper = io.TextIOWrapper(stream, encoding=enc, errors="replace", newline="")
    lineno = 0
    while True:
        line = wrapper.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith("\n"):
            quotes = line.count('"')
            while True:
                more = wrapper.readline(1 << 20)
                quotes += more.count('"')
                if not more or more.endswith("\n"):
                    break
            yield TooLongLine(lineno, limit, quotes)
        else:
            yield Line(line.lstrip("\ufeff") if lineno == 0 else line)
        lineno += 1
