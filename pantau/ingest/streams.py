"""Byte streams for one input: plain file, stdin, or gzip with bounded decompression.

Everything reads in bounded chunks so memory stays small whatever the input
size; `read_limited` is the only place a whole article is read at once.
"""
from __future__ import annotations

import gzip
import io
import zlib

from .items import IngestError, StopInput

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 1 << 16
# Text, HTML, JSON and WARC compress 3-15x; a ratio above this after
# BOMB_MIN_BYTES of output means a decompression bomb, not an article.
BOMB_RATIO = 200
BOMB_MIN_BYTES = 8 << 20
# read errors that mean the input is damaged or cut short
DAMAGE = (EOFError, zlib.error, gzip.BadGzipFile)


class BoundedGzip(io.RawIOBase):
    """gzip.GzipFile that stops with IngestError when output/input passes BOMB_RATIO."""

    def __init__(self, raw, unpacked: int = 0):
        self._raw = raw
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")
        # decompressed bytes before where `raw` starts (a part of a file: parts.py), so the
        # ratio is the one reading the whole file would see
        self._out = unpacked
        self.damage: BaseException | None = None

    def readable(self):
        return True

    def readinto(self, buf):
        if self.damage is not None:
            return 0
        try:
            data = self._gz.read1(len(buf))  # one step: nothing decoded is lost on error
        except DAMAGE as exc:
            # Report end-of-data so buffered readers hand out every good byte
            # decompressed before the damage; the caller raises `damage` when the
            # format reader is done (not EOFError: warcio takes that for a normal end).
            self.damage = StopInput(f"compressed data damaged or truncated: {type(exc).__name__}: "
                                    f"{str(exc)[:120]}")
            return 0
        n = len(data)
        buf[:n] = data
        self._out += n
        if self._out > BOMB_MIN_BYTES:
            try:
                consumed = self._raw.tell()
            except (OSError, AttributeError):
                consumed = 0
            if consumed and self._out > BOMB_RATIO * consumed:
                raise StopInput(
                    f"gzip decompresses over {BOMB_RATIO}:1 ({self._out >> 20} MB from "
                    f"{max(consumed >> 10, 1)} KB): likely a decompression bomb, stopped")
        return n

    def close(self):
        self._gz.close()
        super().close()


class Counting(io.RawIOBase):
    """Counts bytes pulled through a raw stream (for stdin, whose tell() fails)."""

    def __init__(self, raw):
        self._raw = raw
        self.count = 0

    def readable(self):
        return True

    def readinto(self, buf):
        n = self._raw.readinto(buf)
        self.count += n or 0
        return n

    def tell(self):
        return self.count


class Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff them) and are served again."""

    def __init__(self, head: bytes, rest):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self):
        return True

    def readinto(self, buf):
        if self._head.nbytes:
            n = min(len(buf), self._head.nbytes)
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        return self._rest.readinto(buf)


def read_head(stream, size: int = HEAD_BYTES) -> bytes:
    """Up to `size` bytes (fewer only at end of input)."""
    parts, got = [], 0
    while got < size:
        want = size - got
        chunk = stream.read(want)
        parts.append(chunk)
        got += len(chunk)
        if not chunk or len(chunk) < want and isinstance(stream, io.BufferedIOBase):
            break  # a buffered stream reads short only at the end of its data
    return b"".join(parts)


def peekable(stream, size: int = HEAD_BYTES) -> tuple[bytes, io.BufferedReader]:
    """(first bytes, a buffered stream that still starts at byte 0)."""
    head = read_head(stream, size)
    return head, io.BufferedReader(Prefixed(head, stream), buffer_size=1 << 16)


def ungzip(stream, unpacked: int = 0) -> tuple[io.BufferedReader, BoundedGzip]:
    """A buffered, bomb-bounded decompressed view of a gzip byte stream, and the
    decompressor (whose `damage` says whether the data ended early). `unpacked`: for a stream
    that starts inside a file at a gzip member, the decompressed size of what comes before."""
    if not hasattr(stream, "tell") or not _tell_works(stream):
        stream = Counting(stream)
    layer = BoundedGzip(stream, unpacked)
    return io.BufferedReader(layer, buffer_size=1 << 16), layer


def _tell_works(stream) -> bool:
    try:
        stream.tell()
        return True
    except (OSError, ValueError):
        return False


def read_limited(stream, limit: int, what: str = "article") -> bytes:
    """The rest of the stream, or IngestError if it holds more than `limit` bytes."""
    data = read_head(stream, limit + 1)
    if len(data) > limit:
        raise IngestError(f"{what} larger than the limit of {_mb(limit)} "
                          f"(max_article_bytes); not read")
    return data


def iter_byte_lines(stream, limit: int):
    """Lines of bytes (ending b"\\n" kept); IngestError for a line over `limit` bytes.

    The over-long line is skipped in chunks, never held whole; the error carries
    the 0-based line number as record. Callers that can go on catch it per line.
    """
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            quotes, size = line.count(b'"'), len(line)
            while True:  # skip the rest of the long line
                more = stream.readline(1 << 20)
                quotes += more.count(b'"')
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield TooLongLine(lineno, limit, quotes, size)
        else:
            yield line
        lineno += 1


class TooLongLine:
    """Placeholder yielded by iter_byte_lines for a line over the limit."""

    def __init__(self, lineno: int, limit: int, quotes: int = 0, size: int = 0):
        self.lineno = lineno
        self.quotes = quotes  # '"' in the line: whether a CSV row goes on after it (csvfile)
        self.size = size  # its bytes (where the next line starts: parts.py)
        self.reason = f"line longer than the limit of {_mb(limit)} (max_article_bytes); skipped"


def _mb(n: int) -> str:
    return f"{n / 1e6:g} MB" if n >= 1_000_000 else f"{n} bytes"
