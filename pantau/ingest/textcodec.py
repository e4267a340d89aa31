"""Turning bytes into text: which encoding, and is it text at all.

Order of evidence: a byte-order mark; the NUL pattern of BOM-less UTF-16;
strict UTF-8; UTF-8 with a few damaged bytes (replaced by U+FFFD, counted in
meta); a single-byte Latin encoding (cp1252 when it uses the 0x80-0x9F range,
which latin-1 reserves for control codes, else latin-1); and only for text that
is mostly non-ASCII, charset-normalizer's best guess.
"""
from __future__ import annotations

import codecs

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
    good_non_ascii = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return bad <= MAX_DAMAGED_SHARE * len(text) or good_non_ascii >= bad


def legacy_encoding(data: bytes) -> str:
    high = sum(1 for b in data if b >= 0x80)
    if high <= MAX_LATIN_HIGH_SHARE * max(len(data), 1):
        if any(0x80 <= b <= 0x9F for b in data):
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
    enc = sniff_encoding(data[:1 << 16], complete=len(data) <= 1 << 16)
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
