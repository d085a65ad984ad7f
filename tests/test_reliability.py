"""Never lose a claim, never crash on a file: hostile inputs, crashes, full disks, fuzzing.

Subprocess tests run `python -m claimtrack`. Tests run as root here, so permission tests
drop CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH from the child (prctl PR_CAPBSET_DROP) and first
prove that the child really cannot read a chmod-000 file; tmpfs tests need mount(2) and say
so when it is not permitted.
"""

from __future__ import annotations

import codecs
import ctypes
import importlib.util
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimtrack.ingest import ingest
from claimtrack.read import ReadError, discover, read_document
from claimtrack.store import open_db

from .conftest import ROOT, SEEDS

GOLD_DEV = sorted(ROOT.glob("bench/gold/*/dev/*.txt"))
ENV = {**os.environ, "CLAIMTRACK_DATA": "/nonexistent-claimtrack-data"}
ENV.pop("CLAIMTRACK_DB", None)
MB = 1024 * 1024


def run_cli(*args: str, db: Path | None = None, timeout: float = 120, preexec_fn=None,
            check_traceback: bool = True) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "claimtrack", *map(str, args)]
    if db is not None:
        argv += ["--db", str(db)]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=ENV,
                            preexec_fn=preexec_fn, cwd=ROOT)
    if check_traceback:
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("documents", "document_paths", "claims", "figures", "dates")}


def _stored_documents(db: Path) -> int:
    """Documents stored, 0 when a kill came before the schema was written."""
    with sqlite3.connect(db) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
            return 0
    return counts(db)["documents"]


def snapshot(db: Path) -> list:
    """Everything stored, in a comparable form."""
    with sqlite3.connect(db) as conn:
        return [conn.execute(f"select * from {t} order by 1").fetchall()
                for t in ("documents", "document_paths", "claims", "figures", "dates")]


def assert_whole(db: Path) -> None:
    """integrity_check ok, no dangling rows, no document with fewer claims/figures than it says."""
    with sqlite3.connect(db, timeout=60) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "documents" not in tables:  # killed before the schema was written: nothing stored yet
            assert tables <= {"_claimtrack_migrations"}
            return
        partial = conn.execute(
            "SELECT d.path, d.n_claims, (SELECT count(*) FROM claims c WHERE c.document_id = d.id),"
            " d.n_figures, (SELECT count(*) FROM figures f WHERE f.document_id = d.id) FROM documents d"
            " WHERE d.n_claims != (SELECT count(*) FROM claims c WHERE c.document_id = d.id)"
            " OR d.n_figures != (SELECT count(*) FROM figures f WHERE f.document_id = d.id)").fetchall()
        assert partial == []
        pathless = conn.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS"
                                " (SELECT 1 FROM document_paths p WHERE p.document_id = d.id)").fetchone()[0]
        assert pathless == 0


def _drop_dac_override() -> None:
    """preexec_fn: the child loses root's power to ignore file permissions (no-op if not root)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP: gone from the program exec'd next


def permissions_enforced(probe: Path) -> None:
    """Skip only when it is proven that even the capability-dropped child can read a 000 file."""
    probe.write_text("secret")
    probe.chmod(0)
    code = subprocess.run([sys.executable, "-c", f"open({str(probe)!r}).read()"], preexec_fn=_drop_dac_override,
                          capture_output=True).returncode
    if code == 0:
        pytest.skip("file permissions are not enforced for this user even without CAP_DAC_OVERRIDE")


def doc_text(i: int, size: int = 900) -> str:
    """A real document, cut to `size` characters at a sentence end, made unique by `i`."""
    text = GOLD_DEV[i % len(GOLD_DEV)].read_text(encoding="utf-8")
    cut = text.rfind(". ", 0, size)
    return f"Report number {i} was filed on Monday.\n" + text[:cut + 1 if cut > 0 else size] + "\n"


# ---------------------------------------------------------------------------------------
# Encodings.

SAMPLE = "The club paid £600m for the ground, up 5% on 2023, the chairman said. “It’s done” — café talk.\n"
LATIN = "Müller said the Straße costs £5m, 3½% more than the café in Köln.\n"


@pytest.mark.parametrize("raw, text, encoding", [
    (SAMPLE.encode("utf-8"), SAMPLE, "utf-8"),
    (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), SAMPLE, "utf-8-sig"),
    (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), SAMPLE, "utf-16"),
    (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), SAMPLE, "utf-16"),
    (SAMPLE.encode("utf-32"), SAMPLE, "utf-32"),
    (SAMPLE.encode("utf-16-le"), SAMPLE, "utf-16-le"),  # no BOM: Notepad's "Unicode" without one
    (SAMPLE.encode("cp1252"), SAMPLE, "cp1252"),
    (LATIN.encode("latin-1"), LATIN, "cp1252"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32-bom", "utf16le-no-bom", "cp1252", "latin1"])
def test_encodings_decode_to_the_same_text(tmp_path, raw, text, encoding):
    path = tmp_path / "story.txt"
    path.write_bytes(raw)
    doc = read_document(path)
    assert doc.text == text
    assert doc.encoding == encoding


@pytest.mark.parametrize("raw", [
    b"Arsenal paid \xa350m for the striker.",  # short: the detector alone says cp932 ("\uff63")
    b"Line one.\rThe fee was \xa312m.\r",
    b"\xa3300m deal agreed\n",
    b"The fee was \xa312m.\n" + b"Plain ASCII filler sentence number one follows here. " * 200,
], ids=["short", "cr-line-ends", "at-start", "long"])
def test_a_lone_0xA3_byte_is_a_pound_sign(tmp_path, raw):
    path = tmp_path / "news.txt"
    path.write_bytes(raw)
    doc = read_document(path)
    assert doc.text.count("£") == 1 and doc.encoding == "cp1252"
    assert doc.text == raw.decode("cp1252")


def test_a_real_news_file_in_windows_1252_reads_as_written(tmp_path, vocab):
    from claimtrack.extract import extract_document

    original = (ROOT / "bench/gold/figures/dev/club_009.txt").read_text(encoding="utf-8")
    path = tmp_path / "club.txt"
    path.write_bytes(original.encode("cp1252"))
    doc = read_document(path)
    assert doc.text == original and doc.encoding == "cp1252"
    units = {f.unit for claim in extract_document(doc, vocab) for f in claim.figures}
    assert "GBP" in units


def test_utf8_with_stray_windows_1252_bytes_keeps_both(tmp_path):
    path = tmp_path / "pasted.txt"
    path.write_bytes("It’s a “deal”, ".encode("utf-8") + "the café’s owner said.".encode("cp1252"))
    doc = read_document(path)
    assert doc.text == "It’s a “deal”, the café’s owner said."
    assert doc.encoding == "utf-8+cp1252"


def test_utf8_cut_in_the_middle_of_a_character(tmp_path):
    raw = ("Prices rose “sharply” to £5m in Zürich — " * 50).encode("utf-8")
    path = tmp_path / "cut.txt"
    path.write_bytes(raw[:-1])  # the last "—" loses its final byte
    doc = read_document(path)
    assert doc.text.startswith("Prices rose “sharply” to £5m in Zürich — ")
    assert "â€" not in doc.text and "Ã" not in doc.text


@pytest.mark.parametrize("text, encoding", [
    ("東京都は来年度、道路整備に5億円を支出すると発表した。知事は記者会見で説明した。\n", "shift_jis"),
    ("Правительство заявило в понедельник, что потратит 5 млн рублей на новые дороги.\n", "cp1251"),
    ("Η κυβέρνηση δήλωσε ότι θα δαπανήσει 5 εκατομμύρια ευρώ για νέους δρόμους φέτος.\n", "cp1253"),
])
def test_other_legacy_encodings_are_not_forced_to_windows_1252(tmp_path, text, encoding):
    path = tmp_path / "x.txt"
    path.write_bytes(text.encode(encoding))
    assert read_document(path).text == text


def test_mojibake_is_repaired(tmp_path):
    """Needs ftfy (a dependency to add): without it the text is kept exactly, which fails here."""
    original = (ROOT / "bench/gold/figures/dev/club_009.txt").read_text(encoding="utf-8")
    broken = original.encode("utf-8").decode("cp1252", errors="ignore")  # the classic double decoding
    assert "â€" in broken or "Â£" in broken
    path = tmp_path / "mojibake.txt"
    path.write_text(broken, encoding="utf-8")
    doc = read_document(path)
    assert doc.text == original
    assert "mojibake repaired" in doc.encoding
    (tmp_path / "short.txt").write_text("Itâ€™s a cafÃ© â€” â€œfine by meâ€\x9d, he said.", encoding="utf-8")
    assert read_document(tmp_path / "short.txt").text == "It’s a café — “fine by me”, he said."


@pytest.mark.parametrize("text", [
    "He said â€œok.â€ and left.",  # lossy: the closing quote's last byte is gone
    "Ã" * 50 + "â€" * 50,
    "SÃO PAULO — naïve café, Ångström, Łódź, «Ça va», Â½ and ÃÃ.",
    "Double: ItÃ¢â‚¬â„¢s here.",
])
def test_mojibake_never_crashes(tmp_path, text):
    path = tmp_path / "m.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert doc.text.strip()


def test_clean_documents_are_left_exactly_as_written(tmp_path):
    for path in [*SEEDS.glob("*.txt"), *GOLD_DEV]:
        doc = read_document(path)
        assert doc.text == path.read_text(encoding="utf-8"), path
        assert doc.encoding == "utf-8"
    for legit in ["São Paulo, naïve, «Ça va», Ångström, Łódź, ½, ©2024 — “quotes” ‘single’ …\n",
                  "SÃO PAULO and MÜNCHEN in capitals.\n"]:
        (tmp_path / "l.txt").write_text(legit, encoding="utf-8")
        assert read_document(tmp_path / "l.txt").text == legit


# ---------------------------------------------------------------------------------------
# Files that are not text, or not readable.

@pytest.mark.parametrize("data, reason", [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"GIF89a\x01\x00", "GIF"),
    (b"PK\x03\x04\x14\x00", "ZIP"),
    (b"\x1f\x8b\x08\x00", "gzip"),
    (b"\x7fELF\x02\x01", "program"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"%PDF-1.4\n1 0 obj<</Type/XObject/Subtype/Image>>stream\n\xff\xd8\xff", "PDF"),
    (random.Random(1).randbytes(4096), "binary"),
    (bytes(range(1, 9)) * 100 + b"some text", "binary"),
    (codecs.BOM_UTF8, "no text"),
    (codecs.BOM_UTF16_LE + "  \n\t ".encode("utf-16-le"), "no text"),
    ("\u200b\u00a0\u3000\ufeff\n".encode("utf-8"), "no text"),
    (b"\x01\x02 \x03\n", "no text"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "no text"),  # a lone surrogate: only a replacement character
    (b"\n" * 1000, "no text"),
], ids=["jpeg", "gif", "zip", "gzip", "elf", "sqlite", "pdf-image-only", "random", "controls", "bom-only",
        "utf16-spaces", "invisible", "control-only", "damaged-utf16", "blank-lines"])
def test_not_text_is_a_reason_not_a_crash(tmp_path, data, reason):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as exc:
        read_document(path)
    assert reason in exc.value.reason


def test_a_folder_of_junk_and_one_story_ingests_the_story(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text("The council will spend £12m on roads, Ann Lee said.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b" \n\t\n")
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "noise.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "page.html").write_bytes(b"<html><body><script>var x = 1;</script></body></html>")
    result = cli("ingest", str(folder), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "1 documents (1 added)" in result.stdout and "6 files skipped" in result.stdout
    for name in ("empty.txt", "blank.md", "scan.txt", "photo.jpg", "noise.txt", "page.html"):
        assert f"{name}: " in result.stderr


@pytest.fixture(scope="module")
def big_line(tmp_path_factory):
    """A 200 MB text file on a single line (real sentences, a £ in each)."""
    path = tmp_path_factory.mktemp("big") / "dump.txt"
    sentence = "The council said on Monday it would spend £12m on new roads, up 4% on last year. "
    block = (sentence * (MB // len(sentence))).encode("utf-8")
    with path.open("wb") as fh:
        while fh.tell() < 200 * MB:
            fh.write(block)
    return path


_RSS_SCRIPT = """
import resource, sys
from claimtrack.read import read_document
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
doc = read_document(sys.argv[1], max_bytes=int(sys.argv[2]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(before * 1024, after * 1024, len(doc.text), doc.encoding)
"""


def test_a_200mb_line_is_skipped_by_default_without_reading_it(big_line, tmp_path):
    (big_line.parent / "story.txt").write_text("The bank lent $5m to the farm, Ann Lee said.\n")
    db = tmp_path / "c.db"
    result = run_cli("ingest", big_line.parent, "--jobs", "1", db=db, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "1 documents (1 added)" in result.stdout and "1 files skipped (1 too large)" in result.stdout
    assert "raise it with --max-size" in result.stderr
    named = run_cli("ingest", big_line, "--jobs", "1", db=db)
    assert named.returncode == 1 and "too large" in named.stderr
    assert counts(db)["documents"] == 1


def test_raising_max_size_reads_a_200mb_line_in_bounded_memory(big_line, tmp_path):
    """Streaming read: peak memory about twice the text (bytes are never held with the text)."""
    cp1252 = tmp_path / "dump-cp1252.txt"  # the other path: not UTF-8, so guessed, then decoded again
    with big_line.open("rb") as src, cp1252.open("wb") as dst:
        while dst.tell() < 64 * MB and (chunk := src.read(8 * MB)):
            dst.write(chunk.replace("£".encode(), b"\xa3"))
    for path, encoding in ((big_line, "utf-8"), (cp1252, "cp1252")):
        out = subprocess.run([sys.executable, "-c", _RSS_SCRIPT, str(path), str(300 * MB)], capture_output=True,
                             text=True, env=ENV, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
        before, after, length, got = out.stdout.split()
        assert got == encoding and int(length) >= path.stat().st_size * 0.98
        growth = int(after) - int(before)
        assert growth < 2.3 * path.stat().st_size, f"{encoding}: peak grew {growth / MB:.0f} MB for {path.stat().st_size / MB:.0f} MB"
    cp1252.unlink()


def test_unreadable_files_and_folders_are_reported_even_as_root(tmp_path):
    permissions_enforced(tmp_path / "probe.txt")
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "story.txt").write_text("The bank lent $5m to the farm, Ann Lee said.\n")
    (folder / "locked" / "inner.txt").write_text("Inside.\n")
    secret = folder / "secret.txt"
    secret.write_text("The mine will employ 300 people.\n")
    secret.chmod(0)
    (folder / "locked").chmod(0)
    try:
        result = run_cli("ingest", folder, "--jobs", "1", db=tmp_path / "c.db", preexec_fn=_drop_dac_override)
    finally:
        (folder / "locked").chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert "1 documents (1 added)" in result.stdout and "2 files skipped" in result.stdout
    assert "secret.txt: permission denied" in result.stderr
    assert "locked: cannot open folder" in result.stderr
    named = run_cli("ingest", secret, "--jobs", "1", db=tmp_path / "c.db", preexec_fn=_drop_dac_override)
    assert named.returncode == 1 and "permission denied" in named.stderr


def test_links_pipes_and_devices_never_hang_or_crash(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    outside.write_text("The port handled 4 million containers, officials said.\n")
    (folder / "story.txt").write_text("The bank lent $5m to the farm, Ann Lee said.\n")
    (folder / "linked.txt").symlink_to(outside)
    (folder / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dirlink").symlink_to(folder / "sub")  # not followed: no cycles
    (folder / "sub" / "back").symlink_to(folder)
    os.mkfifo(folder / "pipe.txt")
    result = run_cli("ingest", folder, "/dev/null", "--include", "*.txt", "--include", "null", "--jobs", "1",
                     db=tmp_path / "c.db", timeout=60)
    assert result.returncode == 1, result.stderr  # /dev/null was named and is not a document
    assert "2 documents (2 added)" in result.stdout
    assert "broken.txt: broken symbolic link" in result.stderr
    assert "loop.txt: broken symbolic link" in result.stderr
    assert "pipe.txt: not a regular file" in result.stderr
    assert "/dev/null: not a regular file" in result.stderr


def test_hidden_nested_unknown_and_globs(tmp_path):
    root = tmp_path / "coverage"
    deep = root / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "drafts").mkdir()
    (deep / "deep.md").write_text("D.")
    (root / "a" / "keep.txt").write_text("K.")
    (root / "a" / "skip.txt").write_text("S.")
    (root / ".cache" / "c.txt").write_text("C.")
    (root / ".hidden.txt").write_text("H.")
    (root / "drafts" / "d.txt").write_text("Draft.")
    (root / "notes.log").write_text("L.")
    (root / "README").write_text("R.")
    found = {p.relative_to(root).as_posix(): r for p, r in discover([str(root)])}
    assert found["a/b/c/deep.md"] is None and found["a/keep.txt"] is None and found["drafts/d.txt"] is None
    assert "unsupported file type '.log'" in found["notes.log"]
    assert "unsupported file type '(none)'" in found["README"]
    assert not any(".cache" in k or ".hidden" in k for k in found)
    # --exclude a folder by name, a path inside the folder given, --include another extension
    found = {p.relative_to(root).as_posix(): r for p, r in
             discover([str(root)], include=["*.txt", "*.log"], exclude=["drafts", "a/skip.txt"])}
    assert found == {"a/keep.txt": None, "notes.log": None}
    # a hidden file named explicitly is read
    assert [r for _, r in discover([str(root / ".hidden.txt")])] == [None]


# ---------------------------------------------------------------------------------------
# Awkward content.

@pytest.mark.parametrize("html", [
    b"<html><body><p>Unclosed <b>bold <div><p>The firm paid $5m to the city, officials said on Monday.</table></html",
    b"<p>" * 5000 + b"The bank lent $5m." + b"</div>" * 5000,
    b"<html><head><script>var s = '</p>';</script></head><body><article>" + b"<p>The mine employs 300 people, the company said in a statement.</p>" * 3 + b"</article>",
    b"<!-- unterminated comment <p>The loan is $1bn.</p>",
    b"<html><body>" + b"&#0;&#xD800;&#1114112;&nbsp;&amp" + b"<p>The council will spend \xa312m on roads, the mayor said today.</p></body></html>",
    b'<html><head><meta charset="windows-1252"></head><body><article><p>The club paid \x93\xa3600m\x94 for the ground, the chairman said on Monday.</p></article></body></html>',
    b"<?xml version='1.0'?><!DOCTYPE html [<!ENTITY x 'y'>]><html><body><p>&x; The fee was $9m for the rights.</p></body></html>",
    b"<html><body><p>" + "قال الوزير إن الحكومة ستنفق ٥ ملايين دولار على الطرق الجديدة هذا العام.".encode() + b"</p></body></html>",
    b"<svg><script>alert(1)</script></svg>",
    b"<",
], ids=["unclosed", "deep-nesting", "script-in-head", "open-comment", "bad-entities", "declared-cp1252",
        "doctype-entity", "arabic", "svg-only", "lone-bracket"])
def test_malformed_html_never_crashes(tmp_path, html):
    path = tmp_path / "page.html"
    path.write_bytes(html)
    try:
        doc = read_document(path)
    except ReadError as exc:
        assert exc.reason
        return
    assert doc.text.strip()
    if b"windows-1252" in html:
        assert "“£600m”" in doc.text


def test_quotes_controls_and_right_to_left_scripts_are_stored_exactly(cli, tmp_path):
    text = ('He said "we will pay $5m to the farmers. The council said it would spend £12m on roads.\n'
            "“Unclosed curly quote, the minister said the deal was worth $2bn.\n"
            "She replied: ”backwards quotes“ cost 3% more, and 'single quotes never end.\n"
            "Control\x00characters\x07 and\x1b[31m terminal escapes\x1b[0m cost $7m.\x0c Next page.\n"
            "قال الوزير إن الحكومة ستنفق 5 ملايين دولار على الطرق الجديدة.\n"
            "אמר השר כי הממשלה תוציא 3 מיליון שקל על כבישים חדשים.\n"
            "Mixed \u202eright-to-left override\u202c and zero\u200bwidth joiners cost 4%.\n")
    path = tmp_path / "odd.txt"
    path.write_bytes(text.encode("utf-8"))
    result = cli("ingest", str(path), "--jobs", "1")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(cli.db) as conn:
        stored = conn.execute("select text from documents").fetchone()[0]
        bad = conn.execute("SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id"
                           " WHERE substr(d.text, c.char_start + 1, c.char_end - c.char_start) != c.text").fetchone()[0]
    assert bad == 0
    assert len(stored) == len(text)  # controls became spaces: same offsets
    assert not any(ch in stored for ch in "\x00\x07\x1b")
    assert "ستنفق 5 ملايين دولار" in stored and "מיליון שקל" in stored and "\u202e" in stored
    rows = cli.json("list", "--search", "ستنفق")
    assert len(rows) == 1 and "ملايين" in rows[0]["text"]
    values = {r["value"] for r in cli.json("export", "--has-figures") if r["value"] is not None}
    assert {5e6, 12e6, 7e6} <= values


# ---------------------------------------------------------------------------------------
# Re-ingesting (see also test_cli.py: idempotence, replacement, copies).

def test_touching_files_changes_nothing(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(doc_text(i), encoding="utf-8")
    assert cli("ingest", str(folder), "--jobs", "1").exit_code == 0
    before = snapshot(cli.db)
    for path in folder.iterdir():
        os.utime(path, (time.time() + 3600, time.time() + 3600))
    again = cli("ingest", str(folder), "--jobs", "2")
    assert "3 documents (3 unchanged)" in again.stdout
    assert snapshot(cli.db) == before  # same ids, same ingested_at: nothing rewritten


def test_a_failed_replacement_keeps_the_old_claims(db_path, tmp_path, monkeypatch):
    import claimtrack.store as store

    path = tmp_path / "story.txt"
    path.write_text("The bank lent $5m to the farm, Ann Lee said.\nThe mine employs 300 people.\n")
    db = open_db(db_path)
    assert ingest(db, [str(path)], jobs=1).statuses["added"] == 1
    before = snapshot(db_path)
    path.write_text("The bank lent $7m to the farm, Ann Lee said.\n")

    def broken(*args, **kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr(store, "_insert_claims", broken)  # fails after the old claims were deleted
    with pytest.raises(OSError):
        ingest(db, [str(path)], jobs=1)
    assert snapshot(db_path) == before
    monkeypatch.undo()
    assert ingest(db, [str(path)], jobs=1).statuses["replaced"] == 1
    assert_whole(db_path)


def test_copies_share_one_document_until_they_differ(cli, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for p in (a, b):
        p.write_text("The bank lent $5m to the farm, Ann Lee said.\n")
    result = cli("ingest", str(a), str(b))
    assert "1 added" in result.stdout and "1 alias" in result.stdout
    docs = cli.json("docs")
    assert len(docs) == 1 and docs[0]["paths"] == 2
    claim = cli.json("list")[0]
    assert cli.json("show", str(claim["id"]))["paths"] == sorted([str(a), str(b)])
    a.write_text("The bank lent $7m to the farm, Ann Lee said.\n")
    assert "1 replaced, 1 unchanged" in cli("ingest", str(a), str(b)).stdout  # b keeps the old content
    assert len(cli.json("docs")) == 2
    b.write_text(a.read_text())  # b now matches a's new content: the old document has no path left
    result = cli("ingest", str(a), str(b))
    assert "1 alias" in result.stdout and "1 unchanged" in result.stdout
    docs = cli.json("docs")
    assert len(docs) == 1 and docs[0]["paths"] == 2
    assert [r["value"] for r in cli.json("export")] == [7e6]
    assert_whole(cli.db)


# ---------------------------------------------------------------------------------------
# Data safety: crashes, concurrency, hostile locations.

def _make_corpus(folder: Path, n: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"doc{i:04d}.txt").write_text(doc_text(i, size=700), encoding="utf-8")


def test_kill_9_at_random_moments_loses_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    _make_corpus(corpus, 160)  # batches of 64: two full, one partial
    clean = tmp_path / "clean.db"
    started = time.monotonic()
    assert run_cli("ingest", corpus, "--jobs", "2", "--quiet", db=clean).returncode == 0
    duration = time.monotonic() - started
    expected = counts(clean)
    assert expected["documents"] == 160
    rng = random.Random(int(os.environ.get("CLAIMTRACK_KILL_SEED", "20251123")))
    stored_at_kill = []
    for round_ in range(4):
        db = tmp_path / f"killed{round_}.db"
        proc = subprocess.Popen([sys.executable, "-m", "claimtrack", "ingest", str(corpus), "--db", str(db),
                                 "--jobs", "2", "--quiet"], env=ENV, cwd=ROOT, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, duration * 0.95))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # the main process: the writer
        proc.wait()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # its orphaned workers
        except ProcessLookupError:
            pass
        if db.exists():
            assert_whole(db)
            stored_at_kill.append(_stored_documents(db))
        final = run_cli("ingest", corpus, "--jobs", "2", db=db)  # the same command finishes the job
        assert final.returncode == 0, final.stderr
        assert_whole(db)
        assert counts(db) == expected
    assert any(n < 160 for n in stored_at_kill) or len(stored_at_kill) < 4  # some kill landed mid-job


def test_two_ingests_at_once_on_a_new_database(tmp_path):
    _make_corpus(tmp_path / "a", 70)
    _make_corpus(tmp_path / "b", 70, start=70)
    db = tmp_path / "shared.db"
    argv = [sys.executable, "-m", "claimtrack", "ingest"]
    procs = [subprocess.Popen([*argv, str(tmp_path / name), "--db", str(db), "--jobs", "1"], env=ENV, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    outputs = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        assert "locked" not in out + err and "Traceback" not in err
        assert "70 documents (70 added)" in out
    assert counts(db)["documents"] == 140
    assert_whole(db)


_OPEN_SCRIPT = """
import sys, time
start = float(sys.argv[2])
from claimtrack.store import open_db
while time.time() < start:
    pass
open_db(sys.argv[1])
"""


def test_processes_creating_one_database_at_once_do_not_collide(tmp_path):
    """Each migration must be applied once even when several processes race to create the file."""
    failures = []
    for round_ in range(2):
        db = tmp_path / f"race{round_}.db"
        start = time.time() + 1.5
        procs = [subprocess.Popen([sys.executable, "-c", _OPEN_SCRIPT, str(db), str(start)], env=ENV,
                                  stderr=subprocess.PIPE, text=True) for _ in range(6)]
        for p in procs:
            _, err = p.communicate(timeout=60)
            if p.returncode:
                failures.append(err.strip().splitlines()[-1])
    assert failures == []


def test_a_read_only_location_is_one_line_and_changes_nothing(tmp_path, cli):
    permissions_enforced(tmp_path / "probe.txt")
    home = tmp_path / "ro"
    home.mkdir()
    db = home / "c.db"
    assert run_cli("ingest", SEEDS, "--jobs", "1", db=db).returncode == 0
    before = db.read_bytes()
    extra = tmp_path / "extra"
    _make_corpus(extra, 3)
    home.chmod(0o555)
    try:
        result = run_cli("ingest", extra, "--jobs", "1", db=db, preexec_fn=_drop_dac_override)
        assert result.returncode != 0
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and str(db) in lines[0]
        new = run_cli("ingest", extra, "--jobs", "1", db=home / "new.db", preexec_fn=_drop_dac_override)
        assert new.returncode != 0 and new.stderr.startswith("Error: ") and len(new.stderr.strip().splitlines()) == 1
        assert not (home / "new.db").exists()
    finally:
        home.chmod(0o755)
    assert db.read_bytes() == before
    proc = cli("ingest", str(extra), "--db", "/proc/claimtrack/c.db", db=False)
    assert proc.exit_code == 2 and "cannot create the database folder" in proc.output


def _mount_tmpfs(where: Path, options: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode}): needs root with CAP_SYS_ADMIN")


def test_a_read_only_filesystem(tmp_path):
    mnt = tmp_path / "mnt"
    _mount_tmpfs(mnt, "size=8m")
    try:
        db = mnt / "c.db"
        assert run_cli("ingest", SEEDS, "--jobs", "1", db=db).returncode == 0
        before = db.read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        extra = tmp_path / "extra"
        _make_corpus(extra, 3)
        result = run_cli("ingest", extra, "--jobs", "1", db=db)
        assert result.returncode != 0
        assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1
        assert db.read_bytes() == before
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_full_disk_is_one_line_and_keeps_what_was_stored(tmp_path):
    mnt = tmp_path / "mnt"
    _mount_tmpfs(mnt, "size=640k")
    try:
        db = mnt / "c.db"
        assert run_cli("ingest", SEEDS, "--jobs", "1", db=db).returncode == 0
        before = snapshot(db)
        extra = tmp_path / "extra"
        _make_corpus(extra, 200)
        result = run_cli("ingest", extra, "--jobs", "2", db=db, check_traceback=False)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr, result.stderr[-1500:]
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1 and "full" in errors[0], result.stderr[-1500:]
        stored = snapshot(db)
        for old_rows, new_rows in zip(before, stored):  # every row stored before is still there, unchanged
            assert set(old_rows) <= set(new_rows)
        assert_whole(db)
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_newer_schema_and_foreign_files_are_refused_by_ingest_unchanged(tmp_path):
    db = tmp_path / "c.db"
    assert run_cli("ingest", SEEDS, "--jobs", "1", db=db).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("insert into _claimtrack_migrations values ('m999_from_the_future', 'x')")
    before = snapshot(db)
    extra = tmp_path / "extra"
    _make_corpus(extra, 2)
    result = run_cli("ingest", extra, "--jobs", "1", db=db)
    assert result.returncode == 2 and "newer claimtrack" in result.stderr
    assert snapshot(db) == before


def test_a_damaged_database_is_one_line_whatever_page_is_hit(cli, tmp_path):
    """Garbage in any one page: each command either works or says so in one line, never a traceback."""
    good = tmp_path / "good.db"
    assert cli("ingest", str(SEEDS), "--jobs", "1", "--db", str(good), db=False).exit_code == 0
    sqlite3.connect(good).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    data = good.read_bytes()
    page = 4096
    story = tmp_path / "story.txt"
    story.write_text("The bank lent $5m to the farm, Ann Lee said.\n")
    failures = 0
    for number in range(1, len(data) // page):
        damaged = tmp_path / f"damaged{number}.db"
        damaged.write_bytes(data[:number * page] + b"\xde\xad" * (page // 2) + data[(number + 1) * page:])
        for command in (["ingest", str(story), "--jobs", "1"], ["list", "--format", "csv"]):
            result = cli(*command, "--db", str(damaged), db=False)  # an exception here fails the test
            assert result.exit_code in (0, 1, 2), (number, command, result.output)
            if result.exit_code == 2:
                failures += 1
                assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1
        damaged.unlink()
    assert failures  # the damage was noticed somewhere


# ---------------------------------------------------------------------------------------
# Security: option values are data, never SQL or FTS syntax (see also test_cli.py).

HOSTILE = ["'; DROP TABLE claims; --", '" OR 1=1 --', "x'); DELETE FROM figures; --", "%_\\",
           "1; ATTACH DATABASE '/tmp/x.db' AS x", "*"]
FTS_HOSTILE = ["NEAR(", "NEAR(genocide x, 2)", '"', '""', "*", "genocide*", "^genocide", "text:", "text:genocide",
               "claims_fts:genocide", "{text}: genocide", "-genocide", "+", "(", ")", "a OR AND b", "NOT NOT",
               "genocide NOT", "'", "\\", "rank:1", "x" * 3000, "genocide " * 300]


def test_hostile_values_for_every_filter(seeded):
    baseline = snapshot(seeded.db)
    for option in ("--doc", "--measure", "--unit", "--kind", "--source"):
        for value in HOSTILE:
            for command in ("list", "export"):
                result = seeded(command, option, value, "--format", "json")
                assert result.exit_code in (0, 2), (command, option, value, result.output)
                if result.exit_code == 0:
                    assert json.loads(result.stdout) == [] or option == "--source"
    for value in FTS_HOSTILE:
        for command in ("list", "export"):
            result = seeded(command, "--search", value, "--format", "json")
            assert result.exit_code in (0, 2), (command, value, result.output)
            if result.exit_code == 2:
                assert result.stderr.startswith("Error: ") and "Traceback" not in result.output
    for value in HOSTILE:
        assert seeded("sources", "--source", value, "--format", "json").exit_code == 0
        assert seeded("check", "figures", "--measure", value, "--format", "json").exit_code in (0, 1)
        assert seeded("check", "figures", "--source", value, "--format", "json").exit_code in (0, 1)
    assert snapshot(seeded.db) == baseline


# ---------------------------------------------------------------------------------------
# Fuzz: a fast subset of bench/fuzz.py.

def _load_fuzz():
    spec = importlib.util.spec_from_file_location("claimtrack_bench_fuzz", ROOT / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_fuzz_subset_never_crashes(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    fuzz = _load_fuzz()
    started = time.monotonic()
    stats = fuzz.run(300, batch=100, seed=int(os.environ.get("CLAIMTRACK_FUZZ_SEED", "11")),
                     workdir=tmp_path / "fuzz", save_crashes=False)
    assert stats.inputs == 300
    assert stats.crashes == []
    assert stats.integrity_failures == stats.fk_failures == 0
    assert stats.partial_documents == 0 and stats.offset_violations == 0
    assert sum(stats.statuses.values()) > 100  # most inputs are stored, not skipped
    assert time.monotonic() - started < 30
