"""WARC files (plain or gzipped): HTML `response` records only.

`record` is the 0-based index of the WARC record in the file (all record types
counted), so it locates the record; WARC-Target-URI gives the url and WARC-Date
the published date when the page has none of its own. A damaged or truncated
file yields the good records before the damage, then one error.
"""
from __future__ import annotations

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from . import html as html_mod
from .items import IngestError, StopInput, document, error
from .streams import DAMAGE, Counting, read_limited
from .textcodec import decode

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(stream, *, path: str, limit: int, meta: dict, first: int = 0, count: int | None = None,
         progress: dict | None = None):
    """The items of the HTML responses; from `first` on, the number of the record `stream`
    starts with, and `count` records at most (a part of a file, see parts.py). `progress`
    ["next"] is kept at the number of the next record to read."""
    progress = {} if progress is None else progress
    index = first - 1
    progress["next"] = first
    end = None if count is None else first + count
    counted = Counting(stream)
    archive = ArchiveIterator(counted, arc2warc=True)
    records = iter(archive)
    while end is None or index + 1 < end:
        try:
            rec = next(records)
            index += 1
            progress["next"] = index + 1
            try:
                item = _from_record(rec, path=path, index=index, limit=limit, meta=meta)
            finally:
                _check_complete(rec, index)
        except StopIteration:
            # warcio ends quietly on a record cut inside its header: compare offsets
            leftover = counted.count - (getattr(archive, "offset", None) or counted.count)
            if leftover > 4:  # more than the blank lines between records
                yield error(path, index + 1, f"WARC truncated: {leftover} bytes of an incomplete "
                                             f"record after record {index}")
            return
        except StopInput as exc:
            raise StopInput(exc.reason, index) from None
        except IngestError as exc:
            if exc.record is None:
                raise IngestError(exc.reason, index + 1) from None
            yield error(path, exc.record, exc.reason)
            continue
        except (ArchiveLoadFailed, ValueError, AttributeError, KeyError, IndexError, *DAMAGE) as exc:
            # warcio fails in various ways on a damaged record
            if isinstance(exc, TruncatedRecord):
                yield error(path, index, f"WARC truncated: {exc}")
            else:
                yield error(path, index + 1, f"WARC damaged or truncated after record {index}: "
                                             f"{type(exc).__name__}: {str(exc)[:120]}")
            return
        if item is not None:
            yield item


class TruncatedRecord(ValueError):
    pass


def _check_complete(rec, index: int) -> None:
    """warcio serves a cut-off record silently: drain it and compare with Content-Length."""
    raw = rec.raw_stream
    while raw.read(1 << 16):
        pass
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        raise TruncatedRecord(f"record {index} is {missing} bytes short of its Content-Length")


def _from_record(rec, *, path: str, index: int, limit: int, meta: dict):
    if rec.rec_type != "response" or rec.http_headers is None:
        return None
    ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
    if not any(t in ctype for t in HTML_TYPES):
        return None
    url = rec.rec_headers.get_header("WARC-Target-URI")
    status = rec.http_headers.get_statuscode()
    try:
        data = read_limited(rec.content_stream(), limit)
    except IngestError as exc:
        raise IngestError(exc.reason, index) from None
    if not data.strip():
        raise IngestError("HTML response is empty", index)
    try:
        page, enc_meta = decode(data)
        fields = html_mod.extract(page, url=url)
    except IngestError as exc:
        raise IngestError(exc.reason, index) from None
    warc_date = rec.rec_headers.get_header("WARC-Date")
    extra = {"warc_date": warc_date, "http_status": status}
    if not fields["published"] and warc_date:
        fields["published"] = warc_date
        extra["published_from"] = "WARC-Date"
    return document(path=path, record=index, fmt="warc",
                    meta={**meta, **enc_meta, **fields.pop("meta"), **extra}, **fields)
