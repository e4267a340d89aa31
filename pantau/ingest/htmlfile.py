"""HTML files: one article per page."""
from __future__ import annotations

from .html import extract
from .items import IngestError, document, has_text
from .textcodec import decode


def read(stream, *, path: str, limit: int, meta: dict):
    html, enc_meta = decode(stream.read())  # already read within the limit by the dispatcher
    if not has_text(html):
        raise IngestError("no text (file is empty or blank)")
    fields = extract(html)
    yield document(path=path, record=None, fmt="html",
                   meta={**meta, **enc_meta, **fields.pop("meta")}, **fields)
