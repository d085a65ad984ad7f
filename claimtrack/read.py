"""Path -> Document: find files, decode them, take an HTML page's article text, hash content.

Every problem with a file is a `ReadError` naming the file and the reason, so the caller
can skip it (and count it) or stop with one clear line, never a traceback.
"""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .models import Document

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Signatures of files that are not text, so the user hears what they fed in.
_MAGIC = [
    (b"%PDF", "a PDF (convert it to text first, e.g. with pdftotext)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
]


class ReadError(Exception):
    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def _matches(path: Path, patterns: Iterable[str]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(text, p) for p in patterns)


def discover(paths: Iterable[str], include: list[str] | None = None,
             exclude: list[str] | None = None) -> Iterator[tuple[Path, str | None]]:
    """Yield (file, None) for each file to read, or (file, reason) for each one skipped.

    Paths may be files, folders (walked recursively, hidden entries skipped) or glob
    patterns. `include` globs replace the default extension list; `exclude` globs win.
    """
    include = include or []
    exclude = exclude or []
    seen: set[Path] = set()

    def consider(path: Path, explicit: bool) -> Iterator[tuple[Path, str | None]]:
        if path in seen:
            return
        seen.add(path)
        if exclude and _matches(path, exclude):
            return
        if path.is_symlink() and not path.exists():
            yield path, "broken symbolic link"
            return
        if include:
            if not _matches(path, include):
                if explicit:
                    yield path, "does not match --include"
                return
        elif path.suffix.lower() not in MEDIA_TYPES:
            yield path, f"unsupported file type '{path.suffix or '(none)'}' (use --include to read it as text)"
            return
        yield path, None

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield from consider(Path(root) / name, explicit=False)
        elif path.exists() or path.is_symlink():
            yield from consider(path, explicit=True)
        elif any(ch in raw for ch in "*?["):
            matches = sorted(Path().glob(raw)) if not Path(raw).is_absolute() else sorted(
                Path(path.anchor).glob(str(path.relative_to(path.anchor))))
            if not matches:
                yield path, "no files match this pattern"
            for match in matches:
                if match.is_dir():
                    yield from discover([str(match)], include, exclude)
                else:
                    yield from consider(match, explicit=True)
        else:
            yield path, "no such file or directory"


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """Bytes -> (text, encoding). BOMs first, then strict UTF-8, then a detector."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # News in a legacy encoding is almost always Windows-1252 (a lone 0xA3 is "£"); the
    # detector can prefer a rarer Latin code page on a short file, so cp1252 wins when
    # the detector only found some single-byte Latin encoding.
    latin = {"cp1252", "latin_1", "iso8859_15", "iso8859_2", "cp1250", "iso8859_9", "cp1254",
             "iso8859_10", "mac_roman", "cp1257", "iso8859_13", "iso8859_16", "iso8859_3",
             "iso8859_4", "iso8859_14", "cp850", "cp437", "mac_latin2", "cp1258", "iso8859_5"}
    if best is None or best.encoding in latin:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"
    return str(best), best.encoding


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "a binary file"
    return None


def html_main_text(html: str, path: Path) -> str:
    """The article's main text (and title) of a saved web page, via trafilatura."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, include_comments=False, include_tables=True,
                                             with_metadata=True, favor_recall=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise ReadError(path, f"cannot parse HTML: {exc.__class__.__name__}") from exc
    if result is None or not (getattr(result, "text", None) or "").strip():
        raise ReadError(path, "no article text found in this HTML page")
    title = (getattr(result, "title", None) or "").strip()
    text = result.text.strip()
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    return text + "\n"


def read_document(path: Path | str, name: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(path, f"too large ({size / 1e6:.0f} MB; the limit is {max_bytes / 1e6:.0f} MB, raise it with --max-size)")
        data = path.read_bytes()
    except PermissionError as exc:
        raise ReadError(path, "permission denied") from exc
    except IsADirectoryError as exc:
        raise ReadError(path, "is a directory") from exc
    except FileNotFoundError as exc:
        raise ReadError(path, "no such file") from exc
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from exc
    if not data:
        raise ReadError(path, "empty file")
    binary = _looks_binary(data)
    if binary:
        raise ReadError(path, f"not a text document: this is {binary}")
    text, encoding = _decode(data, path)
    media_type = MEDIA_TYPES.get(path.suffix.lower(), "text/plain")
    if media_type == "text/html":
        text = html_main_text(text, path)
    if not text.strip():
        raise ReadError(path, "no text (the file holds only white space)")
    return Document(path=str(path), name=name or str(path), text=text,
                    sha256=hashlib.sha256(data).hexdigest(), media_type=media_type,
                    encoding=encoding)
