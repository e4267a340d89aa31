"""Which format an input is: by file name first, else by its first bytes."""
from __future__ import annotations

import re

from .textcodec import bom_encoding, utf16_without_bom

EXTENSIONS = {
    ".txt": "txt", ".text": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "json", ".ndjson": "json", ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".warc": "warc", ".arc": "warc",
    ".xml": "rss", ".rss": "rss", ".atom": "rss",
}
_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)[\s>/]", re.I)


def format_from_name(name: str) -> tuple[str | None, bool]:
    """(format or None, gzipped?) from a file name like "x.warc.gz"."""
    lower = name.lower()
    gz = lower.endswith((".gz", ".gzip"))
    if gz:
        lower = lower.rsplit(".", 1)[0]
    dot = lower.rfind(".")
    ext = lower[dot:] if dot > lower.rfind("/") else ""
    return EXTENSIONS.get(ext), gz


def decide_format(name_fmt: str | None, head: bytes) -> tuple[str, dict]:
    """(format, metadata): the name's format, else the one the first bytes suggest (noted in the
    metadata as sniffed)."""
    if name_fmt is not None:
        return name_fmt, {}
    return format_from_bytes(head), {"format_sniffed": True}


def format_from_bytes(head: bytes) -> str:
    """Best guess from the first (decompressed) bytes; "txt" when nothing else fits."""
    enc = bom_encoding(head) or utf16_without_bom(head)
    if enc:
        try:
            text = head.decode(enc.replace("-sig", ""), errors="ignore")
            head = text.lstrip("\ufeff").encode("utf-8")
        except LookupError:
            pass
    start = head.lstrip(b" \t\r\n\xef\xbb\xbf")
    if start.startswith((b"WARC/", b"warc/")):
        return "warc"
    if start[:1] in (b"{", b"["):
        return "json"
    if start[:1] == b"<":
        window = start[:4096]
        if _FEED.search(window):
            return "rss"
        if _HTML.search(window):
            return "html"
        return "html" if not window.startswith(b"<?xml") else "rss"
    if _looks_csv(start):
        return "csv"
    return "txt"


def _looks_csv(head: bytes) -> bool:
    """A header line naming a text column, separated by commas or tabs."""
    first = head.split(b"\n", 1)[0].strip().lower()
    for sep in (b",", b"\t"):
        cells = [c.strip(b' "') for c in first.split(sep)]
        if len(cells) >= 2 and {b"text", b"content", b"isi_berita", b"body", b"isi"} & set(cells):
            return True
    return False
