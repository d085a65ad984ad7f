"""Path -> Document: find files, decode them, take an HTML page's article text, hash content.

Every problem with a file is a `ReadError` naming the file and the reason, so the caller
can skip it (and count it) or stop with one clear line, never a traceback.

Reading streams the file in chunks (hashing as it goes), so a large file is never held as
bytes and as text at the same time: the peak is about twice the decoded text.

Decoding, in order: a byte-order mark (UTF-8/16/32); strict UTF-8; the charset an HTML page
declares; UTF-8 with a few stray Windows-1252 bytes (text pasted together from two
sources); Windows-1252 when every non-ASCII byte stands alone (a lone 0xA3 is "£", as in
real legacy news files); otherwise charset-normalizer's guess, with Windows-1252 preferred
whenever the detector finds it as plausible. Then mojibake (`â€™`, `Ã©`) is repaired with
ftfy when it is installed (left exactly as it is otherwise), and control characters become
spaces, so offsets keep pointing at the same characters.
"""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import os
import re
import stat
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
CHUNK = 1 << 20  # bytes read at a time
SAMPLE = 4 << 20  # bytes an encoding guess looks at

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
    (b"{\\rtf", "an RTF document (save it as plain text first)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (save it as plain text first)"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"RIFF", "an audio or video file"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"),
]
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Single-byte Latin code pages: when the detector lands on one of these, Windows-1252 (what
# legacy news text almost always is) reads the file at least as well.
_LATIN = {"cp1252", "latin_1", "iso8859_15", "iso8859_2", "cp1250", "iso8859_9", "cp1254",
          "iso8859_10", "mac_roman", "cp1257", "iso8859_13", "iso8859_16", "iso8859_3",
          "iso8859_4", "iso8859_14", "cp850", "cp437", "mac_latin2", "cp1258", "iso8859_5",
          "cp775", "hp_roman8", "mac_iceland", "cp858", "cp860", "cp861", "cp863", "cp865"}
# Labels that web pages use for what browsers decode as Windows-1252 (WHATWG).
_HTML_AS_CP1252 = {"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
                   "iso_8859-1", "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252"}

_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2}")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
# Two characters that UTF-8 read as Windows-1252 (or Latin-1) turns one character into.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u0080-\u009f]")
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return; DEL;
# C1 controls. Terminal escapes, NULs and the like: never meant as text.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_TABLE = {c: " " for c in [*range(0x00, 0x09), *range(0x0e, 0x20), *range(0x7f, 0xa0)]}
_MOJIBAKE_LEAD = bytes([*range(0x80, 0xa0), *range(0xc2, 0xf5)])
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20), *range(0x7f, 0xa0)])
_VISIBLE = re.compile(r"[^\s\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ufffd]")


class ReadError(Exception):
    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def _matches(path: Path, patterns: Iterable[str], relative: str | None = None) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(text, p)
               or (relative is not None and fnmatch.fnmatch(relative, p)) for p in patterns)


def discover(paths: Iterable[str], include: list[str] | None = None,
             exclude: list[str] | None = None) -> Iterator[tuple[Path, str | None]]:
    """Yield (file, None) for each file to read, or (file, reason) for each one skipped.

    Paths may be files, folders (walked recursively, hidden entries skipped) or glob
    patterns. `include` globs replace the default extension list; `exclude` globs win.
    Globs match a file's name, its path, or its path inside the folder given; an excluded
    folder is not walked. A folder that cannot be listed is reported, not passed over.
    """
    include = include or []
    exclude = exclude or []
    seen: set[Path] = set()

    def consider(path: Path, explicit: bool, relative: str | None = None) -> Iterator[tuple[Path, str | None]]:
        if path in seen:
            return
        seen.add(path)
        if exclude and _matches(path, exclude, relative):
            return
        if path.is_symlink() and not path.exists():
            yield path, "broken symbolic link"
            return
        if include:
            if not _matches(path, include, relative):
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
            errors: list[OSError] = []
            for root, dirs, files in os.walk(path, followlinks=False, onerror=errors.append):
                while errors:
                    exc = errors.pop(0)
                    yield Path(exc.filename or root), f"cannot open folder: {exc.strerror or exc}"
                base = Path(root)
                kept = []
                for d in sorted(dirs):
                    if d.startswith("."):
                        continue
                    if exclude and _matches(base / d, exclude, (base / d).relative_to(path).as_posix()):
                        continue
                    kept.append(d)
                dirs[:] = kept
                for name in sorted(files):
                    if not name.startswith("."):
                        yield from consider(base / name, explicit=False,
                                            relative=(base / name).relative_to(path).as_posix())
            for exc in errors:
                yield Path(exc.filename or path), f"cannot open folder: {exc.strerror or exc}"
        elif path.exists() or path.is_symlink():
            yield from consider(path, explicit=True)
        elif any(ch in raw for ch in "*?["):
            try:
                matches = sorted(Path().glob(raw)) if not Path(raw).is_absolute() else sorted(
                    Path(path.anchor).glob(str(path.relative_to(path.anchor))))
            except (ValueError, OSError) as exc:
                yield path, f"cannot use this pattern: {exc}"
                continue
            if not matches:
                yield path, "no files match this pattern"
            for match in matches:
                if match.is_dir():
                    yield from discover([str(match)], include, exclude)
                else:
                    yield from consider(match, explicit=True)
        else:
            yield path, "no such file or directory"


# ---------------------------------------------------------------------------------------
# Decoding.

def _cp1252_table() -> list[str]:
    table = []
    for b in range(256):
        try:
            table.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            table.append(chr(b))  # the five bytes cp1252 leaves undefined: as Latin-1 does
    return table


_CP1252 = _cp1252_table()


def _cp1252_fallback(exc: UnicodeError):
    """Error handler: a byte that is not valid in the main encoding is a Windows-1252 one."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(_CP1252[b] for b in exc.object[exc.start:exc.end]), exc.end


codecs.register_error("claimtrack-cp1252", _cp1252_fallback)


def _bom(head: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: mostly-ASCII text has a NUL in every other byte."""
    sample = head[:8192]
    if len(sample) < 8:
        return None
    sample = sample[:len(sample) // 2 * 2]
    even, odd = sample[0::2], sample[1::2]
    n = len(odd)
    for low, high, codec in ((even, odd, "utf-16-le"), (odd, even, "utf-16-be")):
        if high.count(0) >= 0.7 * n and low.count(0) <= 0.05 * n:
            ascii_units = [b for b, h in zip(low, high) if h == 0]
            printable = sum(1 for b in ascii_units if b in (9, 10, 13) or 32 <= b < 127 or b >= 160)
            if printable >= 0.95 * len(ascii_units):
                return codec
    return None


def _looks_binary(head: bytes) -> str | None:
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if _bom(head) or _utf16_without_bom(head):
        return None
    # Text may hold a stray NUL or escape (they become spaces); a binary file has runs of NULs
    # (padding, small integers) or is full of control bytes.
    sample = head[:8192]
    if b"\x00\x00" in sample:
        return "a binary file"
    odd = len(_BINARY_CONTROL.findall(sample))
    if odd >= 8 and odd > 0.05 * len(sample):
        return "a binary file"
    return None


def _declared_charset(head: bytes) -> str | None:
    m = _HTML_CHARSET.search(head[:16384])
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    if label in _HTML_AS_CP1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return None if name.startswith("utf-") else name


def _guess(sample: bytes) -> tuple[str, str]:
    """(codec, errors handler) for bytes that are not UTF-8: see the module docstring."""
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    utf8_bytes = 0
    sequences = 0
    for m in _UTF8_SEQUENCE.finditer(sample):
        sequences += 1
        utf8_bytes += len(m.group(0))
    stray = high - utf8_bytes
    if sequences and sequences >= stray:
        return "utf-8", "claimtrack-cp1252"
    if not _HIGH_RUN.search(sample):
        return "cp1252", "claimtrack-cp1252"
    from charset_normalizer import from_bytes

    results = from_bytes(sample)
    best = results.best()
    if best is None or best.encoding in _LATIN:
        return "cp1252", "claimtrack-cp1252"
    for match in results:
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            return "cp1252", "claimtrack-cp1252"
    return best.encoding, "replace"


def _label(codec: str, errors: str) -> str:
    if codec == "utf-8" and errors == "claimtrack-cp1252":
        return "utf-8+cp1252"
    return codec


def _decode_stream(fh, codec: str, errors: str, skip: int, limit: int) -> str:
    """Decode the open file from `skip` bytes in with an incremental decoder."""
    fh.seek(skip)
    decoder = codecs.getincrementaldecoder(codec)(errors=errors)
    pieces = []
    left = limit
    while left > 0:
        chunk = fh.read(min(CHUNK, left))
        if not chunk:
            break
        left -= len(chunk)
        pieces.append(decoder.decode(chunk))
    pieces.append(decoder.decode(b"", final=True))
    return "".join(pieces)


def _read_and_decode(fh, path: Path, max_bytes: int, media_type: str) -> tuple[str, str, str]:
    """(text, encoding, sha256) of an open file, streamed."""
    hasher = hashlib.sha256()
    head = fh.read(CHUNK)
    if not head:
        raise ReadError(path, "empty file")
    binary = _looks_binary(head)
    if binary:
        raise ReadError(path, f"not a text document: this is {binary}")
    total = len(head)
    hasher.update(head)
    bom = _bom(head)
    codec = errors = None
    skip = 0
    if bom:
        codec, skip = bom[0], 0
    elif (utf16 := _utf16_without_bom(head)):
        codec = utf16
    if codec:
        # A byte-order mark (or UTF-16's NUL pattern) settles the encoding: hash, then decode.
        while chunk := fh.read(CHUNK):
            total += len(chunk)
            if total > max_bytes:
                raise ReadError(path, _too_large(total, max_bytes))
            hasher.update(chunk)
        try:
            text = _decode_stream(fh, codec, "strict", skip, total)
            encoding = codec
        except UnicodeDecodeError:
            if codec == "utf-8-sig":  # UTF-8 with a few Windows-1252 bytes pasted in
                return (_decode_stream(fh, codec, "claimtrack-cp1252", skip, total), "utf-8-sig+cp1252",
                        hasher.hexdigest())
            text = _decode_stream(fh, codec, "replace", skip, total)
            if text.count("\ufffd") > max(8, len(text) // 100):
                raise ReadError(path, f"not valid {codec} text (many undecodable bytes)") from None
            encoding = f"{codec} (damaged bytes replaced)"
        return text, encoding, hasher.hexdigest()

    # Strict UTF-8 while reading; after the first invalid byte only hash, then guess from a
    # sample (the top of the file and the part where UTF-8 failed) and decode again.
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    pieces: list[str] | None = []
    failed_at = 0
    chunk = head
    while True:
        if pieces is not None:
            try:
                pieces.append(decoder.decode(chunk))
            except UnicodeDecodeError:
                pieces, failed_at = None, total - len(chunk)
        chunk = fh.read(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise ReadError(path, _too_large(total, max_bytes))
        hasher.update(chunk)
    if pieces is not None:
        try:
            pieces.append(decoder.decode(b"", final=True))
            return "".join(pieces), "utf-8", hasher.hexdigest()
        except UnicodeDecodeError:  # cut off in the middle of a character
            pieces, failed_at = None, max(0, total - CHUNK)
    del pieces
    declared = _declared_charset(head) if media_type == "text/html" else None
    if declared:
        try:
            return _decode_stream(fh, declared, "strict", 0, total), declared, hasher.hexdigest()
        except (UnicodeDecodeError, LookupError):
            pass
    fh.seek(0)
    if failed_at + CHUNK <= SAMPLE:
        sample = fh.read(SAMPLE)
    else:
        sample = fh.read(SAMPLE // 2)
        fh.seek(failed_at)
        sample += b"\n" + fh.read(SAMPLE // 2)
    codec, errors = _guess(sample)
    del sample
    return _decode_stream(fh, codec, errors, 0, total), _label(codec, errors), hasher.hexdigest()


def _too_large(size: int, max_bytes: int) -> str:
    return (f"too large ({size / 1e6:.0f} MB; the limit is {max_bytes / 1e6:.0f} MB, "
            "raise it with --max-size)")


# ---------------------------------------------------------------------------------------
# Cleaning.

_FTFY_CONFIG = None


def _ftfy():
    """ftfy and an encoding-only configuration, or None when ftfy is not installed."""
    global _FTFY_CONFIG
    try:
        import ftfy
    except ImportError:
        return None
    if _FTFY_CONFIG is None:
        # Only undo wrong decoding; keep curly quotes, ligatures, widths, line breaks, HTML
        # entities and Unicode normalisation exactly as the author wrote them.
        _FTFY_CONFIG = ftfy.TextFixerConfig(
            unescape_html=False, remove_terminal_escapes=False, fix_encoding=True,
            restore_byte_a0=True, replace_lossy_sequences=True, decode_inconsistent_utf8=True,
            fix_c1_controls=True, fix_latin_ligatures=False, fix_character_width=False,
            uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
            remove_control_chars=False, normalization=None, max_decode_length=1_000_000,
            explain=False)
    return ftfy


def _search(pattern: re.Pattern, text: str, hint: bytes) -> bool:
    """`pattern.search(text)`, fast on long text: 1M-character pieces that are Latin-1 are first
    checked with bytes.translate for any character in `hint` (each pattern match starts with one)."""
    if len(text) < 65536:
        return pattern.search(text) is not None
    delete = bytes(b for b in range(256) if b not in hint)
    step = 1 << 20
    for i in range(0, len(text), step):
        piece = text[i:i + step + 1]  # one character of overlap: a match may start at the edge
        try:
            if not piece.encode("latin-1").translate(None, delete):
                continue
        except UnicodeEncodeError:
            pass
        if pattern.search(piece):
            return True
    return False


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 that was once decoded as Windows-1252 or Latin-1 (`â€™` -> `’`, `Ã©` -> `é`).

    Only lines holding a telltale pair of characters are handed to ftfy (a long line in
    pieces of at most 64K characters, cut at white space), so a clean file costs one regex
    scan. Without ftfy the text is returned unchanged.
    """
    if not _search(_MOJIBAKE_HINT, text, _MOJIBAKE_LEAD):
        return text, False
    ftfy = _ftfy()
    if ftfy is None:
        return text, False
    out: list[str] = []
    pos = 0
    changed = False
    limit = 65536
    for m in _MOJIBAKE_HINT.finditer(text):
        if m.start() < pos:
            continue
        start = text.rfind("\n", pos, m.start()) + 1
        start = max(start, pos)
        if m.start() - start > limit // 2:
            cut = text.rfind(" ", m.start() - limit // 2, m.start())
            start = cut + 1 if cut >= 0 else m.start() - limit // 2
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if end - m.end() > limit // 2:
            cut = text.find(" ", m.end() + limit // 2 - 64, m.end() + limit // 2)
            end = cut if cut >= 0 else m.end() + limit // 2
        segment = text[start:end]
        try:
            fixed = ftfy.fix_text(segment, _FTFY_CONFIG)
        except Exception:  # never lose a document over a repair: keep the text as it was
            fixed = segment
        out.append(text[pos:start])
        out.append(fixed)
        changed = changed or fixed != segment
        pos = end
    if not changed:
        return text, False
    out.append(text[pos:])
    return "".join(out), True


def clean_text(text: str) -> str:
    """Control characters (NUL, escape, C1 ...) become spaces: same length, same offsets."""
    if _search(_CONTROL, text, _CONTROL_BYTES):
        return text.translate(_CONTROL_TABLE)
    return text


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
    media_type = MEDIA_TYPES.get(path.suffix.lower(), "text/plain")
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(path, "is a directory")
        if not stat.S_ISREG(info.st_mode):
            # Opening a named pipe would wait forever; a device could be endless.
            raise ReadError(path, "not a regular file (a pipe, socket or device)")
        if info.st_size > max_bytes:
            raise ReadError(path, _too_large(info.st_size, max_bytes))
        with path.open("rb") as fh:
            text, encoding, sha256 = _read_and_decode(fh, path, max_bytes, media_type)
    except PermissionError as exc:
        raise ReadError(path, "permission denied") from exc
    except IsADirectoryError as exc:
        raise ReadError(path, "is a directory") from exc
    except FileNotFoundError as exc:
        raise ReadError(path, "no such file") from exc
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from exc
    if media_type == "text/html":
        text = html_main_text(clean_text(text), path)
    text, repaired = repair_mojibake(text)
    if repaired:
        encoding += ", mojibake repaired"
    text = clean_text(text)
    if not _VISIBLE.search(text):
        raise ReadError(path, "no text (the file holds only white space)")
    return Document(path=str(path), name=name or str(path), text=text, sha256=sha256,
                    media_type=media_type, encoding=encoding)
