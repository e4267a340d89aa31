"""Plain-text files: one article; title detection is left to the clean stage."""
from __future__ import annotations

from .items import IngestError, document, has_text
from .textcodec import decode


def read(stream, *, path: str, limit: int, meta: dict):
    text, enc_meta = decode(stream.read())  # already read within the limit by the dispatcher
    if not has_text(text):
        raise IngestError("no text (file is empty or blank)")
    yield document(path=path, record=None, fmt="txt", body=text, meta={**meta, **enc_meta})
