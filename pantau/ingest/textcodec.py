"""Turning bytes into text: which encoding, and is it text at all.

Order of evidence: a byte-order mark; the NUL pattern of BOM-less UTF-16;
strict UTF-8; UTF-8 with a few damaged bytes (replaced by U+FFFD, counted in
meta); a single-byte Latin encoding (cp1252 when it uses the 0x80-0x9F range,
which latin-1 reserves for control codes, else latin-1); and only for text that
is mostly non-ASCII, charset-normalizer's best guess.
"""
from __future__ import annotations

import codecs
import re

from .items import IngestError

BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls other than tab/newline/CR/FF/VT, DEL, and C1 controls do not occur in text
_CONTROL = {c for c in range(32) if c not in (9, 10, 11, 12, 13)} | {127} | set(range(0x80, 0xA0))
MAX_CONTROL_SHARE = 0.01
# a UTF-8 file may have this share of damaged bytes and still be called UTF-8
MAX_DAMAGED_SHARE = 0.01
# above this share of high bytes a single-byte Latin reading is implausible
MAX_LATIN_HIGH_SHARE = 0.2
_C1 = re.compile(rb"[\x80-\x9f]")


def bom_encoding(head: bytes) -> str | None:
    for bom, name in BOMS:
        if head.startswith(bom):
            return name
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 of mostly-ASCII text has a NUL in every other byte."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(head: bytes) -> bool:
    """NUL bytes (outside UTF-16/32) mean a binary file."""
    return b"\x00" in head and not bom_encoding(head) and not utf16_without_bom(head)


def control_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for ch in text if ord(ch) in _CONTROL) / len(text)


def sniff_encoding(head: bytes, *, complete: bool) -> str:
    """The encoding to read a stream with, judged from its first bytes.

    `complete` says whether `head` is the whole input (otherwise a multi-byte
    character may be cut at its end). UTF-8 is returned also for damaged UTF-8:
    the caller decodes with errors="replace" and counts the damage.
    """
    enc = bom_encoding(head) or utf16_without_bom(head)
    if enc:
        return enc
    if b"\x00" in head:
        raise IngestError("binary file (NUL bytes), not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if is_damaged_utf8(head):
        return "utf-8"
    return legacy_encoding(head)


def is_damaged_utf8(data: bytes) -> bool:
    """UTF-8 with valid multi-byte characters and only a small share of bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return _utf8_verdict(bad, _non_ascii(text) - text.count("\ufffd"), len(text))


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _utf8_verdict(bad: int, good_non_ascii: int, chars: int) -> bool:
    # Without one valid multi-byte character there is no evidence of UTF-8 at all: a few bad bytes
    # in ASCII text are a Windows (cp1252) or latin-1 file's quotes and accents ("café"), and
    # reading them as damaged UTF-8 would turn each into U+FFFD.
    return good_non_ascii > 0 and (bad <= MAX_DAMAGED_SHARE * chars or good_non_ascii >= bad)


def sniff_file(fh, head: bytes, *, complete: bool) -> str:
    """sniff_encoding for a seekable file, with all of its bytes checked before UTF-8 is chosen:
    the first 64 KB of a Windows-made file are often plain ASCII and its first "curly quote" or
    "é" comes later. Leaves the file where it was."""
    enc = sniff_encoding(head, complete=complete)
    if enc != "utf-8" or complete:
        return enc
    where = fh.tell()
    fh.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    bad = good = chars = 0
    high = c1 = 0
    cp1252_ok = True
    try:
        while True:
            chunk = fh.read(1 << 20)
            text = decoder.decode(chunk, final=not chunk)
            replaced = text.count("\ufffd")
            bad += replaced - chunk.count(b"\xef\xbf\xbd")
            good += _non_ascii(text) - replaced
            chars += len(text)
            if chunk:
                high += len(chunk) - len(chunk.decode("ascii", "ignore"))
                c1 += bool(_C1.search(chunk))
                if cp1252_ok and high:
                    try:
                        chunk.decode("cp1252")
                    except UnicodeDecodeError:
                        cp1252_ok = False
            if not chunk:
                break
    finally:
        fh.seek(where)
    if bad <= 0 or _utf8_verdict(bad, good, chars):
        return "utf-8"
    if high > MAX_LATIN_HIGH_SHARE * max(chars, 1):
        return legacy_encoding(head)
    return "cp1252" if c1 and cp1252_ok else "latin-1"


def legacy_encoding(data: bytes) -> str:
    high = len(data) - len(data.decode("ascii", "ignore"))
    if high <= MAX_LATIN_HIGH_SHARE * max(len(data), 1):
        if _C1.search(data):
            try:
                data.decode("cp1252")
                return "cp1252"
            except UnicodeDecodeError:
                pass  # bytes cp1252 leaves undefined: fall through to latin-1
        return "latin-1"
    from charset_normalizer import from_bytes  # slow import, rarely needed

    best = from_bytes(data).best()
    if best is None:
        raise IngestError("not text in any known encoding")
    return best.encoding


def decode(data: bytes) -> tuple[str, dict]:
    """Whole-input decoding: (text, meta) with meta["encoding"] and, for damaged UTF-8,
    meta["decode_errors"] = number of bytes replaced by U+FFFD."""
    enc = sniff_encoding(data, complete=True)  # all of it, before UTF-8 is chosen
    meta: dict = {"encoding": enc}
    if enc == "utf-8":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if not is_damaged_utf8(data):
                raise IngestError("invalid UTF-8 (too many bad bytes to repair)") from None
            text = data.decode("utf-8", errors="replace")
            meta["decode_errors"] = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    else:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            raise IngestError(f"invalid {enc} text: {exc.reason} at byte {exc.start}") from None
    if enc in ("utf-8-sig", "utf-16", "utf-32"):
        text = text.lstrip("\ufeff")
    if control_share(text[:1 << 16]) > MAX_CONTROL_SHARE:
        raise IngestError("binary file (control characters), not text")
    return text, meta
