"""The HTML report: its content, its escaping, its file writing, and how a real browser shows it."""

import dataclasses
import math
import os
import re
import shutil
import struct
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

import pytest

from claimtrack.check import Group, Statement, check_figures
from claimtrack.ingest import ingest
from claimtrack.report import _domain, _span, clusters, fmt_value, highlight, render_report, write_report
from claimtrack.store import StoreError, open_db

from .conftest import SEEDS

CHROMIUM = os.environ.get("CLAIMTRACK_CHROMIUM", "/usr/bin/chromium")

RIVAL = """Reko Diq financing disputed

ISLAMABAD: Finance minister Ahmed Khan said the EXIM Bank would provide $1.5 billion in financing for the Reko Diq project. "We expect up to 9,000 jobs in Balochistan," Khan said. The report claimed a total development cost of $9 billion for Reko Diq.
"""

HOSTILE_NAME = "<img src=x onerror=alert(1)>.txt"
HOSTILE = """Mining deal <script>alert(1)</script> questioned

The EXIM Bank <script>alert(1)</script> will provide $2 billion in financing for the Reko Diq project, Jane Doe of the Finance Ministry said.
"The <img src=x onerror=alert(1)> total development cost is $9 billion," Jane Doe said.
"""


def make_db(path: Path, *extra: Path):
    db = open_db(path)
    ingest(db, [str(SEEDS), *map(str, extra)], jobs=1)
    return db


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLAIMTRACK_DATA", str(tmp_path_factory.mktemp("no-user-data")))
        yield tmp_path_factory.mktemp("report")


@pytest.fixture(scope="module")
def seeds_db(env):
    return make_db(env / "seeds.db")


@pytest.fixture(scope="module")
def rival_db(env):
    rival = env / "rival"
    rival.mkdir()
    (rival / "rival.txt").write_text(RIVAL, encoding="utf-8")
    return make_db(env / "rival.db", rival)


# ---------------------------------------------------------------------------------------
# Content.

def test_report_holds_every_group_statement_and_section(seeds_db):
    report = check_figures(seeds_db)
    page = render_report(seeds_db)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert report.groups
    for g in report.groups:
        assert f'id="{g.key}"' in page
        assert f'href="#{g.key}"' in page  # reachable from the verdict index
        assert escape(g.label()) in page
        assert f'<span class="badge {g.verdict}"' in page
        for s in g.statements:
            assert f'id="f-{s.figure_id}"' in page
            assert f"<mark>{escape(s.surface)}</mark>" in page
    # One chart per group, one marked figure per statement.
    assert page.count('<svg class="chart"') == len(report.groups)
    assert page.count("<mark>") == sum(len(g.statements) for g in report.groups)
    # Table of contents: every verdict and every measure is an anchor.
    for verdict in ("conflict", "corroborated", "single-source"):
        assert f'href="#verdict-{verdict}"' in page and f'id="verdict-{verdict}"' in page
    for measure in {g.measure for g in report.groups}:
        assert f'href="#m-{measure}"' in page and f'id="m-{measure}"' in page
    # Summary counts as check figures gives them: 1 corroborated, 11 single-source.
    assert "<b>12</b> groups" in page
    assert "<b>1</b> ✔ corroborated" in page and "<b>11</b> • single-source" in page
    # Arithmetic, sources, documents.
    for w in report.consistent + report.warnings:
        assert escape(w.message) in page
    assert "ownership stakes add up" in page and "would need existing holders" in page
    assert "Natalie Baker" in page and "U.S. Embassy Islamabad" in page
    for row in seeds_db.query("SELECT id, name, sha256 FROM documents"):
        assert f'id="doc-{row["id"]}"' in page and f'href="#doc-{row["id"]}"' in page
        assert row["sha256"][:12] in page
    for anchor in ("groups", "arithmetic", "sources", "documents"):
        assert f'id="{anchor}"' in page and f'href="#{anchor}"' in page


def test_report_is_self_contained_and_printable(seeds_db):
    page = render_report(seeds_db)
    lower = page.lower()
    assert "<script" not in lower and "<link" not in lower and "@import" not in lower
    assert " src=" not in lower  # no images, frames or scripts to fetch
    assert not re.search(r"url\(", lower)
    assert "http://" not in lower.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in lower
    assert "content-security-policy" in lower and "default-src 'none'" in page
    assert "@media print" in page
    # Every in-page link points at an anchor that exists.
    ids = set(re.findall(r'id="([^"]+)"', page))
    for target in re.findall(r'href="#([^"]*)"', page):
        assert target in ids, target


def test_conflict_is_coloured_and_shaped_differently(rival_db):
    report = check_figures(rival_db)
    conflict = next(g for g in report.groups if g.verdict == "conflict")
    assert conflict.measure == "development_cost"
    page = render_report(rival_db)
    article = page[page.index(f'id="{conflict.key}"'):]
    article = article[:article.index("</article>")]
    chart = article[article.index('<svg class="chart"'):article.index("</svg>")]
    assert "<circle" in chart and 'stroke="#0072B2"' in chart  # the first figure: a blue circle (and its ±10% bar)
    assert 'stroke="#D55E00"' in chart and "<path" in chart  # the one that disagrees: a vermillion cross
    assert "28.6% apart" in article and "✘ conflict" in article
    assert "around $7 billion" in article and "$9 billion" in article
    assert "share a colour and a marker shape" in article


def test_filters_restrict_the_groups(seeds_db):
    page = render_report(seeds_db, measure="financing")
    assert 'id="m-financing"' in page and 'id="m-jobs"' not in page
    assert "measure <code>financing</code>" in page
    embassy = render_report(seeds_db, source="embassy")
    keys = {g.key for g in check_figures(seeds_db, source="embassy").groups}
    assert keys and all(f'id="{k}"' in embassy for k in keys)
    assert 'id="m-jobs"' not in embassy
    empty = render_report(seeds_db, measure="no_such_measure")
    assert "No figures with a measure match these filters." in empty


def test_hostile_document_is_escaped(env):
    folder = env / "hostile"
    folder.mkdir()
    (folder / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    db = make_db(env / "hostile.db", folder)
    page = render_report(db)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "onerror=alert(1)>" not in page
    # The file name is escaped in the document list too.
    assert escape(HOSTILE_NAME) in page[page.index('id="documents"'):]


# ---------------------------------------------------------------------------------------
# Pieces.

def _make(cls, **known):
    """A check.py dataclass from the fields this test cares about; any other required field
    (check.py grows qualifiers) is None."""
    required = {f.name for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    return cls(**{name: known.get(name) for name in required | set(known)})


def _statement(value, approx="exact", surface=None, low=None, high=None, speaker="A"):
    return _make(Statement, figure_id=1, claim_id=1, doc="d", speaker=speaker, speaker_org=None, text="t",
                 surface=surface or f"${value:g}", value=value, low=low, high=high, unit="USD", approx=approx,
                 start=0, end=1, origin=speaker)


def _group(statements, verdict="corroborated", unit="USD"):
    return _make(Group, key="g-x", measure="m", unit=unit, verdict=verdict, sources=len(statements), spread=None,
                 statements=statements)


def test_spans_draw_how_a_figure_was_stated():
    assert _span(_statement(10)) == (10, 10)
    assert _span(_statement(10, "around")) == pytest.approx((9, 11))
    assert _span(_statement(10, "up_to")) == (0, 10)
    assert _span(_statement(10, "more_than")) == (10, math.inf)
    assert _span(_statement(10, "vague_at_least")) == (10, math.inf)
    assert _span(_statement(2028, "by")) == (-math.inf, 2028)
    assert _span(_statement(5, low=5, high=8)) == (5, 8)
    lo, hi = _domain(_group([_statement(1.25e9), _statement(1.3e9)]))
    assert lo == 0 and hi >= 1.3e9  # magnitudes start at zero
    lo, hi = _domain(_group([_statement(2028, "by")], unit="year"))
    assert 2000 < lo < 2028 < hi < 2040  # years do not


def test_clusters_split_only_conflicts():
    a, b, c = _statement(7e9, "around", "around $7bn", speaker="A"), _statement(9e9, speaker="B"), _statement(7.2e9, speaker="C")
    assert clusters(_group([a, b, c], "conflict")) == [0, 1, 0]
    assert clusters(_group([a, c], "corroborated")) == [0, 0]


def test_value_formatting_and_highlighting():
    assert fmt_value(1.25e9, "USD") == "$1.25bn"
    assert fmt_value(25, "percent") == "25%"
    assert fmt_value(7500, "jobs") == "7,500 jobs" and fmt_value(7500, "jobs", unit_word=False) == "7,500"
    assert fmt_value(2028, "year") == "2028"
    assert fmt_value(3e6, "PKR") == "3m PKR"
    assert highlight("a <b> $5m c", 8, 11, "$5m") == "a &lt;b&gt; <mark>$5m</mark> c"
    assert highlight("x $5m", 0, 1, "$5m") == "x <mark>$5m</mark>"  # offsets off: find the surface


# ---------------------------------------------------------------------------------------
# Writing.

def test_write_report_is_atomic(seeds_db, tmp_path):
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    assert write_report(seeds_db, target, measure="financing") == target
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'id="m-financing"' in text
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]  # no temp file left behind
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    with pytest.raises(StoreError, match="cannot write"):
        write_report(seeds_db, tmp_path / "missing" / "report.html")
    assert not (tmp_path / "missing").exists()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------------------------------
# A real browser.

def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{args[0].lstrip('-').split('=')[0]}"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """Width, height, unfiltered rows and bytes per pixel of an 8-bit RGB(A) PNG (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, bytearray()
    width = height = bpp = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(bytes(idat))
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if kind == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif kind == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif kind == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def test_seeds_report_in_a_real_browser(seeds_db, tmp_path):
    if os.environ.get("CLAIMTRACK_SKIP_BROWSER") == "1":
        pytest.skip("CLAIMTRACK_SKIP_BROWSER=1")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(f"{CHROMIUM} not found: this test renders the report in headless Chromium. Install it "
                    "(Debian: apt-get install -y chromium) or set CLAIMTRACK_SKIP_BROWSER=1 to skip it.")
    page = write_report(seeds_db, tmp_path / "report.html")
    png = tmp_path / "report.png"
    url = page.resolve().as_uri()
    with ThreadPoolExecutor(2) as pool:
        shot = pool.submit(_chromium, tmp_path, f"--screenshot={png}", "--window-size=1200,2000", url)
        dump = pool.submit(_chromium, tmp_path, "--dump-dom", url)
        shot, dump = shot.result(), dump.result()
    assert png.exists() and png.stat().st_size > 20_000, f"no screenshot: {shot.stderr[-2000:]}"
    assert dump.returncode == 0, dump.stderr[-2000:]

    # The screenshot is a page, not a blank: many colours, a good share of ink, and the
    # verdict colours (not only greys).
    width, height, rows, bpp = decode_png(png.read_bytes())
    assert (width, height) == (1200, 2000)
    colours, ink, chroma = set(), 0, 0
    for row in rows[::2]:
        for x in range(0, width * bpp, bpp * 2):
            r, g, b = row[x], row[x + 1], row[x + 2]
            colours.add((r, g, b))
            ink += r + g + b < 600
            chroma += max(r, g, b) - min(r, g, b) > 80
    sampled = (height // 2) * (width // 2)
    assert len(colours) > 50, f"only {len(colours)} colours: a blank page?"
    assert ink > 0.01 * sampled, f"only {ink} dark pixels of {sampled}: a blank page?"
    assert chroma > 200, "no coloured pixels: badges and markers missing?"

    # The DOM the browser built holds every group and verdict check figures gives.
    dom = dump.stdout
    assert "</html>" in dom
    report = check_figures(seeds_db)
    for g in report.groups:
        assert f'id="{g.key}"' in dom, g.key
        assert g.key in re.sub(r"<[^>]+>", " ", dom)  # shown as text, not only as an id
    for verdict in {g.verdict for g in report.groups}:
        assert f'<span class="badge {verdict}"' in dom and verdict in dom
    assert dom.count('<svg class="chart"') == len(report.groups)
    assert "<script" not in dom.lower()
