"""Ingest: every input format -> a stream of raw documents (or error items).

    iter_documents(paths, max_article_bytes=5_000_000, stdin=None) -> Iterator[dict]

yields, in a deterministic order, one dict per input article:
  {"kind": "doc", "source": {"path", "record", "url", "format"}, "input_id", "title",
   "body", "url", "outlet", "author", "published", "meta"}
or, for anything that cannot be read or holds no article text,
  {"kind": "error", "path", "record", "reason"}
and carries on with the rest. Inputs are streamed: memory stays bounded by the
article size limit whatever the corpus size. One module per format; this one
walks paths, opens streams (gzip bounded against bombs) and dispatches.
"""
from __future__ import annotations

import glob
import os
import re
import sys
from typing import Iterator

from . import csvfile, feed, htmlfile, jsonfile, parts, txt, warcfile
from .detok import detokenize, detokenize_paragraphs
from .items import IngestError, StopInput, error
from .sniff import decide_format, format_from_name
import io

from .streams import DAMAGE, GZIP_MAGIC, peekable, read_limited, ungzip
from .textcodec import looks_binary, sniff_file

__all__ = ["iter_documents", "iter_paths", "read_input", "detokenize", "detokenize_paragraphs"]

DEFAULT_MAX_ARTICLE_BYTES = 5_000_000
READERS = {"txt": txt, "html": htmlfile, "json": jsonfile, "csv": csvfile, "warc": warcfile,
           "rss": feed}
GLOB_CHARS = set("*?[")
# A corpus folder's README or LICENCE is about the corpus, not an article in it.
_NOT_ARTICLES = re.compile(r"(?i)^(readme|licen[cs]e|copying|notice|changelog)(\.(txt|md|rst))?$")
WHOLE_FILE = ("txt", "html", "rss")  # formats read whole (within the size limit)


def iter_documents(paths: list[str], *, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
                   stdin=None) -> Iterator[dict]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in iter_paths([os.fspath(p) for p in paths]):
        if isinstance(path, dict):  # an error found while walking
            yield path
            continue
        yield from read_input(path, max_article_bytes=max_article_bytes, stdin=stdin)


def iter_paths(paths: list[str]):
    """Files to read, in order: each argument as given; folders walked recursively and
    sorted; globs expanded and sorted; "-" is stdin. Problems come out as error items."""
    for arg in paths:
        if arg == "-":
            yield "-"
        elif os.path.isdir(arg):
            yield from _walk(arg)
        elif os.path.exists(arg) or os.path.islink(arg):
            yield arg
        elif GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield error(arg, None, "no file matches this pattern")
            for match in matches:
                yield from (_walk(match) if os.path.isdir(match) else [match])
        else:
            yield error(arg, None, "file not found")


def _walk(folder: str):
    problems = []

    def note(exc: OSError):
        problems.append(error(exc.filename or folder, None, f"folder cannot be read: {exc.strerror}"))

    for root, dirs, files in os.walk(folder, onerror=note):
        dirs.sort()
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # .git, .cache ...
        yield from problems
        problems.clear()
        for name in sorted(files):
            if name.startswith("."):
                continue
            if _NOT_ARTICLES.match(name):  # said, not silently dropped: named explicitly, it is read
                yield error(os.path.join(root, name), None, "not an article: documentation/licence file in a folder")
                continue
            yield os.path.join(root, name)
    yield from problems


def read_input(path: str, *, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES, stdin=None,
               part: tuple | None = None):
    """All items of one input file (or "-" for stdin); with `part` (a parts.Cut and the file's
    parts.Plan), those of one part of a JSON Lines, CSV or WARC file."""
    last = None  # the record number of the last item: where a stop is reported from
    if part is not None:
        cut, plan = part
        if plan.format == "warc":  # through the whole file's reader, from the cut on
            items = _read(path, max_article_bytes, None, cut=cut)
        else:
            items = parts.read_part(path, cut, limit=max_article_bytes, plan=plan)
    else:
        items = _read(path, max_article_bytes, stdin)
    try:
        for item in items:
            last = item["record"] if item["kind"] == "error" else item["source"].get("record")
            yield item
    except StopInput as exc:
        after = f" (after record {last})" if last is not None and exc.record is None else ""
        yield error(path, exc.record, exc.reason + after)
    except IngestError as exc:
        yield error(path, exc.record, exc.reason)
    except DAMAGE as exc:
        after = f" after record {last}" if last is not None else ""
        yield error(path, None, f"compressed data damaged or truncated{after}: {_short(exc)}")
    except PermissionError:
        yield error(path, None, "permission denied")
    except IsADirectoryError:
        yield error(path, None, "is a directory")
    except FileNotFoundError:
        yield error(path, None, "file not found")
    except OSError as exc:
        yield error(path, None, f"cannot read: {exc.strerror or _short(exc)}")
    except (RecursionError, MemoryError) as exc:
        yield error(path, None, f"input too complex to read: {type(exc).__name__}")


def _read(path: str, limit: int, stdin, cut=None):
    name_fmt, gz = format_from_name(path) if path != "-" else (None, False)
    if path == "-":
        raw = stdin if stdin is not None else sys.stdin.buffer
        raw = getattr(raw, "buffer", raw)  # a text stream's bytes
        size = None
        return (yield from _dispatch(raw, path, name_fmt, gz, limit, size))
    if not os.path.exists(path):
        raise IngestError("file not found")  # e.g. a dangling link found in a folder
    if not os.path.isfile(path):
        raise IngestError("not a regular file")
    size = os.path.getsize(path)
    with open(path, "rb") as raw:
        if cut is not None:
            raw.seek(cut.offset)
        yield from _dispatch(raw, path, name_fmt, gz, limit, size, cut)


def _dispatch(raw, path, fmt, gz, limit, size, cut=None):
    head, stream = peekable(raw)
    if not head:
        raise IngestError("empty file")
    meta: dict = {}
    gz_layer = None
    if head.startswith(GZIP_MAGIC):
        meta["compression"] = "gzip"
        unzipped, gz_layer = ungzip(stream, cut.unpacked if cut is not None else 0)
        head, stream = peekable(unzipped)
        size = None
        if not head:
            _raise_damage(gz_layer)
            raise IngestError("empty file (inside gzip)")
    elif gz:
        raise IngestError("named .gz but not gzip data")
    fmt, sniffed = decide_format(fmt, head)
    meta.update(sniffed)
    if size is not None and size > limit and fmt in WHOLE_FILE:
        raise IngestError(f"file is {size / 1e6:.1f} MB, over the max_article_bytes limit "
                          f"({limit / 1e6:g} MB); not read")
    if fmt != "warc" and looks_binary(head[:8192]):
        raise IngestError("binary file (NUL bytes), not text")
    reader = READERS[fmt]
    kwargs = {"path": path, "limit": limit, "meta": meta}
    if fmt in WHOLE_FILE:
        # read whole (bounded) first, so a truncated gzip never gives a partial article
        factor = feed.FEED_LIMIT_FACTOR if fmt == "rss" else 1
        data = read_limited(stream, limit * factor, what="feed" if fmt == "rss" else "article")
        _raise_damage(gz_layer)
        stream = io.BytesIO(data)
    if fmt in ("json", "csv"):
        kwargs.update(head=head, complete=len(head) < (1 << 16))
        if gz_layer is None and size is not None and cut is None:  # a plain file: all its bytes
            kwargs["encoding"] = sniff_file(raw, head, complete=kwargs["complete"])
    progress: dict = {}
    if fmt == "warc":  # which record comes next: where damage after the last item lies
        kwargs["progress"] = progress
    if cut is not None:  # a part of a WARC (parts.py)
        kwargs.update(first=cut.first, count=cut.count)
        if cut.count is not None:
            # the cutting pass read this part's gzip members whole: damage the decompressor
            # met reading ahead lies in a later part, which reports it
            gz_layer = None
    if gz_layer is None:
        yield from reader.read(stream, **kwargs)
        return
    # hold back one item: when the gzip ended early, the reader's last error
    # (a cut-off line or record) and the gzip damage are one error, not two
    last = None
    for item in reader.read(stream, **kwargs):
        if last is not None:
            yield last
        last = item
    if gz_layer.damage is not None and last is not None and last["kind"] == "error":
        last = error(path, last["record"], f"{gz_layer.damage.reason}; {last['reason']}")
        gz_layer.damage = None
    if last is not None:
        yield last
    if gz_layer.damage is not None and gz_layer.damage.record is None:
        gz_layer.damage.record = progress.get("next")  # WARC: the record it cut short
    _raise_damage(gz_layer)  # damage after the last good record


def _raise_damage(gz_layer) -> None:
    if gz_layer is not None and gz_layer.damage is not None:
        raise gz_layer.damage


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:150]}"
