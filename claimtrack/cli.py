"""The command line: parse options, call one function, render the result.

Start-up time is most of what a read command costs, so this module imports no more than
it must. typer (with click and pydantic behind it, ~0.25 s) is imported only when the
typer app is needed: for every command but `list`, `show` and `--version`, and for those
too when their arguments are anything but plain options (`--help`, a bad value, an unknown
flag: typer then parses and reports as usual). Both parsers read the options from one
table, `_OPTIONS`; the commands are the same functions either way. Rich, sqlite-utils and
the extraction pipeline are imported inside the commands that need them.
"""

from __future__ import annotations

import functools
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

from . import __version__

if TYPE_CHECKING:
    import typer  # bound for real by _typer_app()


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    claimreview = "claimreview"


class Rating(str, Enum):
    true = "true"
    mostly_true = "mostly-true"
    mixed = "mixed"
    mostly_false = "mostly-false"
    false = "false"
    unverifiable = "unverifiable"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


class FailOn(str, Enum):
    conflict = "conflict"
    warning = "warning"
    never = "never"


class Verdict(str, Enum):
    corroborated = "corroborated"
    conflict = "conflict"
    single_source = "single-source"


# ---------------------------------------------------------------------------------------
# Options shared by every command that needs them: defined once here. Each entry becomes
# an `Annotated[type, typer.Option(...)]` alias of the same name when the typer app is
# built, and is read directly by the fast parser.

class _Opt:
    def __init__(self, type_: Any, *flags: str, argument: bool = False, **info: Any):
        self.type, self.flags, self.argument, self.info = type_, flags, argument, info

    def annotated(self, typer_module):
        make = typer_module.Argument if self.argument else typer_module.Option
        return Annotated[self.type, make(*self.flags, **self.info)]


_OPTIONS: dict[str, _Opt] = {
    "DbOption": _Opt(Optional[Path], "--db", envvar="CLAIMTRACK_DB", show_envvar=True,
                     help="Database file. [default: data/claimtrack.db]", metavar="PATH"),
    "FormatOption": _Opt(Format, "--format", "-f", help="Output format. CSV/TSV cells that start with = + - @ are "
                                                        "prefixed with ' so spreadsheets do not run them as formulas."),
    "SourceOption": _Opt(Optional[str], "--source", "-s", help="Who the claim comes from: speaker, organisation or an "
                                                               "alias (substring; case, accents and quote marks ignored)."),
    "DocOption": _Opt(Optional[str], "--doc", "-d", help="Document name or path (substring), or its sha256."),
    "MeasureOption": _Opt(Optional[str], "--measure", "-m", help="Figure measure, e.g. financing, jobs."),
    "UnitOption": _Opt(Optional[str], "--unit", "-u", help="Figure unit, e.g. USD, percent, jobs."),
    "MinOption": _Opt(Optional[str], "--min", metavar="VALUE",
                      help="Figures with normalised value at least this: a number (1e9), or a quantity with its unit "
                           "(500km, 35C, 1.2 million bpd) compared with physical figures in any unit."),
    "MaxOption": _Opt(Optional[str], "--max", metavar="VALUE",
                      help="Figures with normalised value at most this: a number, or a quantity with its unit."),
    "KindOption": _Opt(Optional[str], "--kind", "-k", help="statement, quote, heading or question."),
    "HasFiguresOption": _Opt(Optional[bool], "--has-figures/--no-figures", show_default=False,
                             help="Only claims that state figures (or only those that do not)."),
    "SearchOption": _Opt(Optional[str], "--search", "-q",
                         help="Full-text search in claim text (words; OR, AND, NOT allowed)."),
    "OrderOption": _Opt(Optional[str], "--order", help="Sort by id, doc, index, speaker, org, kind, figures or value; "
                                                       "prefix - for descending; comma-separate several."),
    "ReviewedOption": _Opt(Optional[bool], "--reviewed/--unreviewed", show_default=False,
                           help="Only what a checker has reviewed (or has not)."),
    "LimitOption": _Opt(Optional[int], "--limit", "-n", min=0, help="At most this many rows."),
    "OffsetOption": _Opt(int, "--offset", min=0, help="Skip this many rows first."),
    "IncludeOption": _Opt(Optional[list[str]], "--include", help="Only read files matching this glob (repeatable); "
                                                                 "replaces the default *.txt *.md *.html *.htm."),
    "ExcludeOption": _Opt(Optional[list[str]], "--exclude", help="Skip files matching this glob (repeatable)."),
    "ClaimIdArgument": _Opt(int, argument=True, metavar="ID", help="Claim id, as `list` prints it."),
    "ContextOption": _Opt(int, "--context", "-c", min=0, help="Sentences to show either side."),
    "ShowFormatOption": _Opt(Format, "--format", "-f", help="table (a readable card) or json."),
}

# Commands in the order they were declared, registered on the typer app when it is built.
_COMMANDS: list[tuple[Any, str | None, dict]] = []


def _command(name: str | None = None, group: str | None = None):
    def register(fn):
        _COMMANDS.append((fn, group, {"name": name} if name else {}))
        return fn
    return register


@functools.cache
def _typer_app():
    """The typer app, built on first use. The option aliases and `typer` become module
    globals here because typer evaluates the commands' (string) annotations in them."""
    global typer
    import typer

    globals().update({name: opt.annotated(typer) for name, opt in _OPTIONS.items()})
    app = typer.Typer(
        name="claimtrack",
        help="Track who claims which figures across a story's coverage.\n\n"
             "Reads articles, press releases and saved web pages; stores every sentence as a claim with its "
             "speaker and figures in SQLite; lists, searches, cross-checks and exports them.",
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        rich_markup_mode="markdown",
    )
    groups = {"check": typer.Typer(help="Cross-check what the stored claims say.", no_args_is_help=True,
                                   rich_markup_mode="markdown")}
    app.add_typer(groups["check"], name="check")
    app.callback()(main)
    for fn, group, kwargs in _COMMANDS:
        (groups[group] if group else app).command(**kwargs)(fn)
    return app


class _App:
    """`claimtrack.cli:app`, the console script's entry point: runs `list`, `show` and
    `--version` without typer when it can, and otherwise is the typer app (CliRunner and
    anything else that asks for an attribute gets the typer app's)."""

    def __call__(self, *args, **kwargs):
        if not args and "args" not in kwargs:
            code = _run_fast(sys.argv[1:])
            if code is not None:
                raise SystemExit(code)
        return _typer_app()(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(_typer_app(), name)


app = _App()


def _version(value: bool) -> None:
    if value:
        print(f"claimtrack {__version__}")
        raise SystemExit(0)


def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """Track who claims which figures across a story's coverage."""


def _err(message: str, code: int) -> SystemExit:
    # SystemExit rather than typer.Exit: the fast path has no typer, and click lets
    # SystemExit through with its code.
    print(f"Error: {message}", file=sys.stderr)
    return SystemExit(code)


def _database_error(exc: Exception, db: Path | None) -> str:
    """One line for an SQLite error met while reading or writing: what, where, what to do."""
    from .store import default_db_path

    text = str(exc)
    low = text.lower()
    if "full" in low:
        hint = "free some space and rerun the same command; everything committed before is kept"
    elif "readonly" in low or "read-only" in low or "unable to open" in low:
        hint = "the database or its folder cannot be written; pass another --db"
    elif "malformed" in low or "not a database" in low or "corrupt" in low or "vtable constructor" in low:
        hint = "the database file is damaged; restore a copy or pass another --db"
    elif "locked" in low or "busy" in low:
        hint = "another program held the database too long; rerun when it is done"
    else:
        hint = "the unfinished step was rolled back; everything committed before is kept"
    return f"{db or default_db_path()}: database error: {text} ({hint})"


def friendly(fn):
    """Turn the errors a user can cause into one line on stderr and an exit code."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:
            sys.stderr.close()  # `claimtrack list | head` is not an error
            raise SystemExit(0) from None
        except KeyboardInterrupt:
            raise _err("interrupted; everything committed so far is kept", 130) from None
        except Exception as exc:
            message = _user_error(exc, kwargs.get("db"))
            if message is None:
                raise
            raise _err(message, 2) from None
    return wrapper


def _user_error(exc: Exception, db: Path | None) -> str | None:
    """The one line for an error the user can act on; None for a bug. The error classes
    are imported only now: claimtrack.read would cost a read command 0.2 s of start-up."""
    import sqlite3

    from .read import ReadError
    from .store import StoreError
    from .vocab import VocabError

    if isinstance(exc, (StoreError, ReadError, VocabError)):  # UsageError is a StoreError
        return str(exc)
    if isinstance(exc, sqlite3.DatabaseError):  # disk full, read-only, damaged file: after open_db
        return _database_error(exc, db)
    return None


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _filter(**kwargs):
    from .store import ClaimFilter

    for option, key in (("--min", "min_value"), ("--max", "max_value")):
        if kwargs.get(key) is not None:
            kwargs[key], kwargs[key.replace("_value", "_base_unit")] = _bound(kwargs[key], option)
    return ClaimFilter(**kwargs)


def _bound(text: str, option: str) -> tuple[float, str | None]:
    """A --min/--max value: a number as before, or a quantity ("500km", "35C") in its base unit."""
    from .store import UsageError

    try:
        return float(text), None
    except ValueError:
        pass
    from .quantities import parse_quantity

    parsed = parse_quantity(text)
    if parsed is None:
        raise UsageError(f"{option} {text!r}: give a number (1e9) or a quantity with its unit (500km, 35C, 2 million bpd)")
    return parsed


def _print_records(rows, columns: list[str], fmt: Format, title: str | None = None,
                   table_columns: list[str] | None = None) -> int:
    """The one place records are printed: a table or csv/tsv/json/jsonl."""
    if fmt != Format.table:
        from .export import write_records

        return write_records(rows, columns, fmt.value, sys.stdout)
    rows = list(rows)
    shown = table_columns or columns
    cells = [[_table_cell(c, row.get(c)) for c in shown] for row in rows]
    _write_table(sys.stdout, shown, cells, title)
    return len(rows)


def _table_cell(column: str, value) -> str:
    if value is None:
        return ""
    if column == "doc" and value:
        return Path(value).name  # the table has no room for folders; --format keeps them
    return str(value)


# Table layout: the look of a rich table (heavy head, light body), drawn directly. Rich
# measured and wrapped every cell through its renderables, 2 s for 1,400 rows; this takes
# a few milliseconds, and prints cell text as it is (rich read "[financing]" as markup).
_WIDEST = {"doc": 18, "speaker": 18, "speaker_org": 18, "name": 18}  # cut at the end with …
_TEXT_MIN = 36


def _write_table(out, headers: list[str], cells: list[list[str]], title: str | None) -> None:
    import shutil

    widths = _column_widths(headers, cells, shutil.get_terminal_size((80, 24)).columns)
    styled = out.isatty() and "NO_COLOR" not in __import__("os").environ
    bold, italic, plain = ("\x1b[1m", "\x1b[3m", "\x1b[0m") if styled else ("", "", "")
    total = sum(widths) + 3 * len(widths) + 1
    if title:
        pad = max(0, total - _cells(title))
        out.write(" " * (pad // 2) + italic + title + plain + "\n")
    out.write("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓\n")
    for line in _row_lines(headers, headers, widths):
        out.write("┃" + "┃".join(f" {bold}{cell}{plain} " for cell in line) + "┃\n")
    out.write("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩\n")
    for row in cells:
        out.write("".join("│" + "│".join(f" {cell} " for cell in line) + "│\n"
                          for line in _row_lines(headers, row, widths)))
    out.write("└" + "┴".join("─" * (w + 2) for w in widths) + "┘\n")


def _column_widths(headers: list[str], cells: list[list[str]], width: int) -> list[int]:
    """Natural widths capped per column; `text` takes what is left of the terminal."""
    widths = []
    for i, header in enumerate(headers):
        longest = max([_cells(header), *(_cells(row[i]) for row in cells)])
        widths.append(longest if header == "text" else min(longest, _WIDEST.get(header, 26)))
    room = width - 3 * len(headers) - 1
    if "text" in headers:
        i = headers.index("text")
        widths[i] = max(_TEXT_MIN, room - (sum(widths) - widths[i]))
    while sum(widths) > room:  # a narrow terminal: shave the widest other column
        candidates = [j for j, h in enumerate(headers) if h != "text" and widths[j] > max(_cells(h), 4)]
        if not candidates:
            break
        widest = max(candidates, key=lambda j: widths[j])
        widths[widest] -= 1
    if "text" in headers and sum(widths) > room:  # narrower still: the text gives up its minimum
        i = headers.index("text")
        widths[i] = max(10, widths[i] - (sum(widths) - room))
    return widths


def _row_lines(headers: list[str], row: list[str], widths: list[int]) -> list[list[str]]:
    wrapped = [_wrap(cell, w, cut=h in _WIDEST) for h, cell, w in zip(headers, row, widths)]
    height = max(len(c) for c in wrapped)
    return [[_pad(c[k] if k < len(c) else "", w) for c, w in zip(wrapped, widths)] for k in range(height)]


def _wrap(text: str, width: int, cut: bool) -> list[str]:
    """Greedy word wrap to `width` cells; a longer word is cut with … (`cut`) or folded."""
    lines, line = [], ""
    for word in text.split():
        if _cells(word) > width:
            if cut:
                word = _take(word, width - 1) + "…"
            else:
                if line:
                    lines.append(line)
                    line = ""
                while _cells(word) > width:
                    head = _take(word, width)
                    lines.append(head)
                    word = word[len(head):]
        if not line:
            line = word
        elif _cells(line) + 1 + _cells(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def _cells(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _take(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` cells (at least one character)."""
    if text.isascii():
        return text[:max(1, width)]
    n = 1
    while n < len(text) and _cells(text[:n + 1]) <= width:
        n += 1
    return text[:n]


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _cells(text))


# ---------------------------------------------------------------------------------------

@_command()
@friendly
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns.")],
    db: DbOption = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes. [default: all cores]")] = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    max_size: Annotated[float, typer.Option("--max-size", min=0.001, help="Skip files larger than this many MB.")] = 50,
    quiet: Annotated[bool, typer.Option("--quiet", help="Only the summary line.")] = False,
) -> None:
    """Read documents and store one claim per sentence, with speakers and figures.

    Folders are read recursively (hidden files skipped). Re-ingesting an unchanged file
    changes nothing; a changed file has its claims replaced; the same content under two
    paths is stored once with both paths.

    Example:

        claimtrack ingest seeds/

        claimtrack ingest ~/Downloads/coverage --include '*.html' --jobs 2
    """
    from .ingest import ingest as run
    from .read import discover
    from .store import open_db

    database = open_db(db)
    files = list(discover(paths, include, exclude))
    total = sum(1 for _, reason in files if reason is None)
    err = _console(stderr=True)
    explicit = {str(Path(p)) for p in paths}
    progress = None
    if err.is_terminal and total > 20 and not quiet:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=err, transient=True)
        task = progress.add_task("ingest", total=total)
        progress.start()

    def on_file(outcome, status):
        if progress:
            progress.advance(task)

    try:
        summary = run(database, paths, jobs=jobs, max_bytes=int(max_size * 1024 * 1024), on_file=on_file, files=files)
    finally:
        if progress:
            progress.stop()
    if not quiet:
        for path, reason in summary.skipped[:20]:
            typer.echo(f"skipped {path}: {reason}", err=True)
        if len(summary.skipped) > 20:
            typer.echo(f"... and {len(summary.skipped) - 20} more skipped files", err=True)
    typer.echo(f"Ingested {summary.line()} in {database.conn.execute('PRAGMA database_list').fetchone()[2]}")
    failed_named = [p for p, _ in summary.skipped if p in explicit]
    if failed_named or (summary.documents == 0 and summary.skipped):
        raise typer.Exit(1)
    if summary.documents == 0:
        raise _err("no documents found in " + ", ".join(paths), 1)


@_command()
@friendly
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="jsonl: one claim per line.")] = ExtractFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
) -> None:
    """Run the extraction pipeline without a database: one JSON object per sentence.

    Each line: doc, index, start, end (offsets into the decoded text), text, kind, speaker,
    speaker_org, figures (surface, start, end, value, unit, measure, approx, ...) and dates.
    A pure map from documents to claims: run it anywhere and load the output with
    `claimtrack import`.

    Example:

        claimtrack extract seeds/ --format jsonl > claims.jsonl
    """
    import json

    from .export import claim_contract
    from .extract import extract_document
    from .read import ReadError, discover, read_document
    from .vocab import default_vocab

    vocab = default_vocab()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failures = 0
    everything = []
    try:
        for path, reason in discover(paths, include, exclude):
            if reason:
                typer.echo(f"skipped {path}: {reason}", err=True)
                failures += 1
                continue
            try:
                document = read_document(path)
            except ReadError as exc:
                typer.echo(f"skipped {exc}", err=True)
                failures += 1
                continue
            for claim in extract_document(document, vocab):
                record = claim_contract(claim)
                if format == ExtractFormat.jsonl:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    everything.append(record)
        if format == ExtractFormat.json:
            json.dump(everything, out, ensure_ascii=False, indent=1)
            out.write("\n")
    finally:
        if output:
            out.close()
    if failures:
        raise typer.Exit(1)


LIST_COLUMNS = ["id", "doc", "sentence", "kind", "speaker", "speaker_org", "n_figures", "figures", "review", "text",
                "start", "end"]


def _figure_summary(figures: list[dict]) -> str:
    parts = []
    for f in figures:
        value = f"{f['value']:,.10g}" + (f"–{f['high']:,.10g}" if f.get("high") is not None else "")
        parts.append(f"{f['surface']} = {value} {f['unit'] or ''}".strip() + (f" [{f['measure']}]" if f.get("measure") else ""))
    return "; ".join(parts)


@_command("list")
@friendly
def list_claims(
    source: SourceOption = None, doc: DocOption = None, measure: MeasureOption = None, unit: UnitOption = None,
    min_value: MinOption = None, max_value: MaxOption = None, kind: KindOption = None,
    has_figures: HasFiguresOption = None, search: SearchOption = None, reviewed: ReviewedOption = None,
    order: OrderOption = None, limit: LimitOption = None, offset: OffsetOption = 0,
    format: FormatOption = Format.table, db: DbOption = None,
) -> None:
    """List claims; every filter combines with the others.

    Example:

        claimtrack list --source embassy

        claimtrack list --measure financing --min 1e9 --format csv
    """
    from .store import figures_for_claims, open_reader, query_claims

    database = open_reader(db)
    f = _filter(source=source, doc=doc, measure=measure, unit=unit, min_value=min_value, max_value=max_value,
                kind=kind, has_figures=has_figures, search=search, reviewed=reviewed, order=order, limit=limit,
                offset=offset)
    rows = list(query_claims(database, f))
    figs = figures_for_claims(database, [r["id"] for r in rows])
    for row in rows:
        row["figures"] = _figure_summary(figs[row["id"]])
        row["speaker"] = row["speaker"] or "narrator"
    _print_records(rows, LIST_COLUMNS, format, title=f"{len(rows)} claims",
                   table_columns=["id", "doc", "speaker", "figures", "review", "text"]
                   if any(r.get("review") for r in rows) else ["id", "doc", "speaker", "figures", "text"])


@_command()
@friendly
def show(
    claim_id: ClaimIdArgument,
    context: ContextOption = 2,
    format: ShowFormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Show one claim: its sentence with figures highlighted, its neighbours, its provenance.

    Example:

        claimtrack show 17
    """
    import json

    from .store import StoreError, get_claim, neighbours, open_reader

    database = open_reader(db)
    claim = get_claim(database, claim_id)
    if claim is None:
        raise StoreError(f"no claim with id {claim_id} in {db or 'the database'}")
    around = neighbours(database, claim["document_id"], claim["sentence"], context)
    if format != Format.table:
        claim["context"] = around
        print(json.dumps(claim, ensure_ascii=False, indent=1, default=str))
        return
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = _console()
    sentence = Text(claim["text"])
    for f in claim["figures"]:
        sentence.stylize("bold reverse", f["char_start"] - claim["start"], f["char_end"] - claim["start"])
    who = claim["speaker"] or "narrator"
    if claim["speaker_org"]:
        who += f" ({claim['speaker_org']})"
    header = f"claim {claim['id']} · {claim['doc']} · sentence {claim['sentence']} · {claim['kind']} · {who}"
    console.print(Panel(sentence, title=header, title_align="left"))
    if claim["figures"]:
        table = Table("surface", "value", "unit", "measure", "approx", "role", "qualifiers", "chars")
        for f in claim["figures"]:
            quals = ", ".join(f"{k}={f[k]}" for k in ("place", "holder", "period", "status") if f.get(k))
            value = f"{f['value']:,.10g}" + (f"–{f['high']:,.10g}" if f.get("high") is not None else "")
            table.add_row(f["surface"], value, f["unit"] or "", f["measure"] or "", f["approx"] or "",
                          f["role"] or "", quals, f"{f['char_start']}–{f['char_end']}")
        console.print(table)
    if claim["dates"]:
        console.print("dates: " + ", ".join(f"{d['surface']} = {d['value']}" for d in claim["dates"]))
    console.print("\n[bold]context[/bold]")
    for n in around:
        marker = "▶" if n["id"] == claim["id"] else " "
        style = "" if n["id"] == claim["id"] else "dim"
        console.print(Text(f"{marker} [{n['id']}] {n['speaker'] or 'narrator'}: {n['text']}", style=style))
    console.print("\n[bold]provenance[/bold]")
    console.print(f"file: {', '.join(claim['paths'])}")
    console.print(f"characters {claim['start']}–{claim['end']} of the decoded text ({claim['encoding']}); "
                  f"sha256 {claim['sha256']}; ingested {claim['ingested_at']}")
    if claim["speaker_aliases"]:
        console.print(f"speaker also known as: {', '.join(claim['speaker_aliases'])}")


@_command()
@friendly
def sources(source: SourceOption = None, format: FormatOption = Format.table, db: DbOption = None) -> None:
    """Every speaker and organisation, with aliases and how many claims and figures each has.

    Example:

        claimtrack sources --source embassy
    """
    from .store import open_db, sources as query

    rows = query(open_db(db, create=False), source)
    _print_records(rows, ["speaker", "speaker_org", "aliases", "claims", "figures", "documents"], format,
                   title=f"{len(rows)} sources")


@_command()
@friendly
def docs(format: FormatOption = Format.table, db: DbOption = None) -> None:
    """The stored documents, with claim and figure counts and their content hash.

    Example:

        claimtrack docs --format csv
    """
    from .store import documents, open_db

    rows = documents(open_db(db, create=False))
    _print_records(rows, ["id", "name", "claims", "figures", "media_type", "encoding", "paths", "sha256", "ingested_at"],
                   format, title=f"{len(rows)} documents",
                   table_columns=["id", "name", "claims", "figures", "media_type", "encoding", "paths"])


@_command()
@friendly
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, tsv, json or jsonl.")] = ExportFormat.csv,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    source: SourceOption = None, doc: DocOption = None, measure: MeasureOption = None, unit: UnitOption = None,
    min_value: MinOption = None, max_value: MaxOption = None, kind: KindOption = None,
    has_figures: HasFiguresOption = None, search: SearchOption = None, order: OrderOption = None,
    organisation: Annotated[Optional[str], typer.Option(
        "--org", envvar="CLAIMTRACK_ORG", help="claimreview: the fact-checking organisation publishing the reviews "
                                               "(default: each review's --by author).")] = None,
    url: Annotated[Optional[str], typer.Option(
        "--url", help="claimreview: the address of the page that publishes the fact check.")] = None,
    db: DbOption = None,
) -> None:
    """Export claims and figures with full provenance: one row per figure, plus one row per
    claim that states none (its figure columns empty). `--format claimreview` writes
    schema.org ClaimReview JSON-LD for every reviewed claim instead.

    CSV/TSV cells that start with = + - @, a tab or a carriage return get a leading ' so a
    spreadsheet shows them as text instead of running them; numeric columns are untouched.

    Example:

        claimtrack export --format csv -o claims.csv

        claimtrack export --format claimreview --org "Example Checks" -o reviews.jsonld
    """
    from .export import EXPORT_COLUMNS, write_claimreview, write_records
    from .store import StoreError, claimreview_rows, export_rows, open_db

    database = open_db(db, create=False)
    f = _filter(source=source, doc=doc, measure=measure, unit=unit, min_value=min_value, max_value=max_value,
                kind=kind, has_figures=has_figures, search=search, order=order)

    def write(fh) -> int:
        if format == ExportFormat.claimreview:
            return write_claimreview(claimreview_rows(database), fh, organisation, url)
        return write_records(export_rows(database, f), EXPORT_COLUMNS, format.value, fh)

    if output is None:
        write(sys.stdout)
        return
    tmp = output.with_name(output.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            n = write(fh)
        tmp.replace(output)  # never leave a half-written export under the real name
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    typer.echo(f"Wrote {n} rows to {output}", err=True)


@_command()
@friendly
def review(
    target: Annotated[str, typer.Argument(metavar="ID", help="A claim id (as `list` prints it) or a group key "
                                                             "(g-…, as `check figures` prints it).")],
    rating: Annotated[Rating, typer.Option("--rating", "-r", help="The verdict.")],
    note: Annotated[str, typer.Option("--note", help="Why: what the checker found.")],
    evidence: Annotated[Optional[str], typer.Option("--evidence", help="A URL or a text the verdict rests on.")] = None,
    by: Annotated[Optional[str], typer.Option("--by", envvar="CLAIMTRACK_REVIEWER", help="Who reviews.")] = None,
    db: DbOption = None,
) -> None:
    """Record a checker's verdict on a claim or on a figure group. Reviews are history:
    a new verdict is added, earlier ones are kept with their time and author.

    Example:

        claimtrack review 17 --rating true --note "Matches EXIM's release" --by "A. Checker"

        claimtrack review g-6554ffc43d --rating true --note "Three sources agree"
    """
    from .check import check_figures as run
    from .migrations import transaction
    from .store import UsageError, add_review, open_db

    database = open_db(db, create=False)
    claim_id = group_key = None
    if target.isdigit():
        claim_id = int(target)
    elif target.startswith("g-"):
        if target not in {g.key for g in run(database).groups}:
            raise UsageError(f"no figure group {target}; `claimtrack check figures` prints the keys")
        group_key = target
    else:
        raise UsageError(f"{target!r} is neither a claim id nor a group key (g-…)")
    with transaction(database):
        review_id = add_review(database, claim_id=claim_id, group_key=group_key, rating=rating.value, note=note,
                               evidence=evidence, author=by)
    typer.echo(f"Review {review_id}: {'claim ' + str(claim_id) if claim_id else group_key} rated {rating.value}")


@_command()
@friendly
def reviews(
    source: SourceOption = None, doc: DocOption = None, measure: MeasureOption = None, unit: UnitOption = None,
    min_value: MinOption = None, max_value: MaxOption = None, kind: KindOption = None,
    search: SearchOption = None,
    status: Annotated[Optional[str], typer.Option("--status", help="active, or orphaned (the sentence is gone or "
                                                                   "changed).")] = None,
    rating: Annotated[Optional[Rating], typer.Option("--rating", "-r", help="Only this verdict.")] = None,
    latest: Annotated[bool, typer.Option("--latest", help="Only the current verdict of each target.")] = False,
    format: FormatOption = Format.table, db: DbOption = None,
) -> None:
    """List reviews (every verdict, with its time and author), filtered like `list`.

    Example:

        claimtrack reviews --status orphaned

        claimtrack reviews --source embassy --format json
    """
    from .store import REVIEW_COLUMNS, open_db, query_reviews

    f = _filter(source=source, doc=doc, measure=measure, unit=unit, min_value=min_value, max_value=max_value,
                kind=kind, search=search)
    rows = query_reviews(open_db(db, create=False), f, status=status, rating=rating.value if rating else None,
                         latest=latest)
    _print_records(rows, REVIEW_COLUMNS, format, title=f"{len(rows)} reviews",
                   table_columns=["id", "target", "claim_id", "group_key", "status", "rating", "author", "note", "text"])
    orphaned = sum(r["status"] == "orphaned" for r in rows)
    if orphaned and format == Format.table:
        typer.echo(f"{orphaned} orphaned: their sentence is gone or changed; `claimtrack show` cannot reach them, "
                   "their text is kept here.", err=True)


@_command()
@friendly
def delete(
    doc: Annotated[str, typer.Argument(metavar="DOC", help="Document name or path (substring), or its sha256.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Remove documents with their claims and figures. Reviews of their claims are kept,
    marked orphaned.

    Example:

        claimtrack delete seeds/000_1b6d41cef46bae6a.txt --yes
    """
    from .migrations import transaction
    from .store import StoreError, delete_documents, documents_matching, open_db

    database = open_db(db, create=False)
    matches = documents_matching(database, doc)
    if not matches:
        raise StoreError(f"no document matches {doc!r}")
    names = ", ".join(m["name"] for m in matches[:5]) + (" …" if len(matches) > 5 else "")
    if not yes and not typer.confirm(f"Delete {len(matches)} document(s): {names}?", default=False):
        raise typer.Exit(1)
    with transaction(database):
        removed = delete_documents(database, doc)
    typer.echo(f"Deleted {len(removed)} document(s); their reviews are kept as orphaned")


@_command("import")
@friendly
def import_claims(
    files: Annotated[list[Path], typer.Argument(help="JSONL files written by `claimtrack extract`.")],
    db: DbOption = None,
) -> None:
    """Load claims extracted elsewhere (`claimtrack extract --format jsonl`) into the database.

    Each file is checked completely before anything is stored, so a bad line changes nothing.
    A document path imported again replaces its earlier claims.

    Example:

        claimtrack extract corpus/ > claims.jsonl && claimtrack import claims.jsonl
    """
    from .importing import check_file, import_jsonl
    from .store import open_db

    for path in files:
        check_file(path)  # every file is valid before any is written
    database = open_db(db)
    for path in files:
        counts = import_jsonl(database, path)
        typer.echo(f"Imported {path}: {counts['documents']} documents, {counts['claims']} claims, "
                   f"{counts['figures']} figures")


# ---------------------------------------------------------------------------------------

@_command("figures", group="check")
@friendly
def check_figures(
    measure: MeasureOption = None,
    source: SourceOption = None,
    verdict: Annotated[Optional[Verdict], typer.Option("--verdict", help="Only groups with this verdict.")] = None,
    format: FormatOption = Format.table,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a conflict (or a warning) is found.")] = FailOn.conflict,
    reviewed: ReviewedOption = None,
    fx: Annotated[Optional[Path], typer.Option(
        "--fx", metavar="FILE", help="Exchange rates to one currency, to compare money across currencies: JSON "
                                     '{"to": "USD", "rates": {"GBP": 1.27}, "tolerance": 0.02} or CSV from,to,rate. '
                                     "Without it, figures in different currencies are never compared.")] = None,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Processes forming the groups for --format json/csv on a large database. "
                                    "[default: all cores]")] = None,
    db: DbOption = None,
) -> None:
    """Group figures of the same measure across documents and sources and give each group a
    verdict: corroborated, conflict or single-source; plus arithmetic warnings (ownership
    shares past 100%, a stated change that does not match old -> new).

    Physical figures are compared in their base unit ("1,000 km" and "621 miles" agree);
    money only within one currency, unless --fx gives the rates.

    Exit status: 0 nothing to report, 1 a conflict (or with --fail-on warning, a warning),
    2 a usage error.

    Example:

        claimtrack check figures

        claimtrack check figures --verdict conflict --format json
    """
    import json
    from dataclasses import asdict

    from .check import Report, check_figures as run, iter_rendered, load_rates, summary
    from .store import UsageError, open_db

    rates = None
    if fx is not None:
        try:
            rates = load_rates(fx)
        except (OSError, ValueError) as exc:
            raise UsageError(f"--fx: {exc}") from None
    database = open_db(db, create=False)
    if format == Format.table:
        report = run(database, measure=measure, source=source, verdict=verdict.value if verdict else None,
                     reviewed=reviewed, fx=rates)
        _render_check(report)
    else:
        # Streamed: a group is written as soon as it is formed (on a large database by
        # several processes, in order), so memory stays bounded however large the database is.
        report = Report()

        def groups(render):
            return iter_rendered(database, report, render, jobs=jobs, measure=measure, source=source,
                                 verdict=verdict.value if verdict else None, reviewed=reviewed, fx=rates)

        if format == Format.json:
            out = sys.stdout
            out.write('{"groups": [')
            for n, text in enumerate(groups(_group_json)):
                out.write(("," if n else "") + "\n  " + text)
            out.write('\n ],\n "warnings": ' + json.dumps([asdict(w) for w in report.warnings], ensure_ascii=False))
            out.write(',\n "consistent": ' + json.dumps([asdict(w) for w in report.consistent], ensure_ascii=False))
            out.write(',\n "summary": ' + json.dumps(summary(report)) + "\n}\n")
        else:
            def rows():
                for records in groups(_group_records):
                    yield from records
                for w in report.warnings:
                    yield {"group": w.key, "verdict": "warning", "measure": w.kind, "text": w.message,
                           "claim_id": ",".join(map(str, w.claim_ids))}

            _print_records(rows(), ["group", "measure", "unit", "place", "holder", "period", "status", "role",
                                    "verdict", "review", "sources", "spread", "origin", "speaker", "speaker_org", "doc",
                                    "claim_id", "figure_id", "surface", "value", "high", "approx", "text"], format)
    counts = summary(report)
    if fail_on == FailOn.conflict and report.conflicts:
        raise typer.Exit(1)
    if fail_on == FailOn.warning and (report.conflicts or counts["warnings"]):
        raise typer.Exit(1)


def _group_json(g) -> str:
    """A group as the JSON of `check figures --format json` (rendered where it is formed)."""
    import json

    return json.dumps(g.as_dict(), ensure_ascii=False, default=str)


def _group_records(g) -> list[dict]:
    """A group as the rows of `check figures --format csv`: one per statement."""
    return [{"group": g.key, "measure": g.measure, "unit": g.unit, "place": g.place,
             "holder": g.holder, "period": g.period, "status": g.status, "role": g.role,
             "verdict": g.verdict, "review": g.review, "sources": g.sources, "spread": g.spread,
             "origin": s.origin, "speaker": s.speaker, "speaker_org": s.speaker_org, "doc": s.doc,
             "claim_id": s.claim_id, "figure_id": s.figure_id, "surface": s.surface,
             "value": s.value, "high": s.high, "approx": s.approx, "text": s.text} for s in g.statements]


@_command()
@friendly
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.", metavar="FILE")] = Path("report.html"),
    measure: MeasureOption = None,
    source: SourceOption = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the written report in a web browser.")] = False,
    db: DbOption = None,
) -> None:
    """Write the cross-check of `check figures` as one self-contained HTML page: a chart per
    group of figures, each sentence with its figure highlighted, the arithmetic checks, who
    said what, and the documents. No script, no network: it opens from disk and prints.

    Example:

        claimtrack report -o report.html --open

        claimtrack report -o financing.html --measure financing
    """
    from .report import write_report
    from .store import open_db

    path = write_report(open_db(db, create=False), output, measure=measure, source=source)
    typer.echo(f"Wrote {path}", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


@_command()
@friendly
def browse(
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to serve on.")] = 8001,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 shares the database "
                                                     "with your whole network.")] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open it in a web browser.")] = False,
    db: DbOption = None,
) -> None:
    """Browse the database in Datasette, read-only: every table with facets (speaker, measure,
    unit, ...), full-text search of claims, and canned queries (measures, figures by measure,
    candidate conflicts). Needs the optional extra: `pip install 'claimtrack[browse]'`.

    Example:

        claimtrack browse --open

        claimtrack browse --port 8002 --db data/claimtrack.db
    """
    from .browse import serve
    from .store import default_db_path

    serve(db or default_db_path(), port=port, host=host, open_browser=open_browser)


_VERDICT_STYLE = {"corroborated": "green", "conflict": "bold red", "single-source": "yellow"}
_VERDICT_MARK = {"corroborated": "✔", "conflict": "✘", "single-source": "•"}


def _render_check(report) -> None:
    from rich.text import Text

    console = _console()
    measure = None
    for g in sorted(report.groups, key=lambda g: (g.measure, g.verdict != "conflict", g.label())):
        if g.measure != measure:
            measure = g.measure
            console.rule(f"[bold]{measure}")
        head = Text()
        head.append(f"{_VERDICT_MARK[g.verdict]} {g.verdict}", style=_VERDICT_STYLE[g.verdict])
        head.append(f"  {g.label()}  ·  {g.sources} source{'s' if g.sources != 1 else ''}  ·  {g.key}")
        if g.spread is not None:
            head.append(f"  ·  {g.spread:.1%} apart", style="bold red")
        if g.review:
            head.append(f"  ·  reviewed: {g.review}", style="bold")
        console.print(head)
        values = [s.value for s in g.statements]
        lo, hi = min(values), max(values)
        for s in g.statements:
            bar = ""
            if hi > lo:
                pos = int(round((s.value - lo) / (hi - lo) * 10))
                bar = "·" * pos + "●" + "·" * (10 - pos)
            line = Text(f"   {bar:11} ")
            line.append(f"{s.surface:>18}", style="bold")
            line.append(f"  {s.speaker}{' (' + s.speaker_org + ')' if s.speaker_org else ''} · {s.doc} · claim {s.claim_id}")
            console.print(line)
            snippet = s.text if len(s.text) <= 160 else s.text[:157] + "…"
            console.print(Text(f"        “{snippet}”", style="dim"))
    if report.consistent:
        console.rule("[bold]arithmetic")
        for w in report.consistent:
            console.print(Text(f"✔ consistent: {w.message} (claims {', '.join(map(str, w.claim_ids))})", style="green"))
    if report.warnings:
        if not report.consistent:
            console.rule("[bold]arithmetic")
        for w in report.warnings:
            console.print(Text(f"⚠ warning: {w.message} (claims {', '.join(map(str, w.claim_ids))})", style="yellow"))
    from .check import summary

    counts = summary(report)
    console.print(f"\n{counts['groups']} groups: {counts.get('corroborated', 0)} corroborated, "
                  f"{counts.get('conflict', 0)} conflict, {counts.get('single-source', 0)} single-source; "
                  f"{counts['warnings']} warnings")


# ---------------------------------------------------------------------------------------
# The fast path: `list` and `show` parsed from _OPTIONS without typer.

_FAST_COMMANDS = {"list": "list_claims", "show": "show"}


def _run_fast(argv: list[str]) -> int | None:
    """Run a read command without importing typer; None when typer must parse `argv`."""
    if argv == ["--version"]:
        print(f"claimtrack {__version__}")
        return 0
    if not argv or argv[0] not in _FAST_COMMANDS:
        return None
    command = globals()[_FAST_COMMANDS[argv[0]]]
    kwargs = _parse_fast(command.__wrapped__, argv[1:])
    if kwargs is None:
        return None
    try:
        command(**kwargs)
        sys.stdout.flush()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BrokenPipeError:  # at the last flush: `claimtrack list | head` is not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _parse_fast(fn, args: list[str]) -> dict | None:
    """The keyword arguments for `fn`, or None for anything typer should judge: --help,
    an unknown flag, a missing or invalid value, a flag written as a cluster."""
    flags, positional = {}, []
    for name, annotation in fn.__annotations__.items():
        if name == "return":
            continue
        opt = _OPTIONS.get(annotation)
        if opt is None:
            return None
        if opt.argument:
            positional.append((name, opt))
        for n, spelled in enumerate(opt.flags[0].split("/") if opt.flags else ()):
            flags[spelled] = (name, opt, n == 0)
        for spelled in opt.flags[1:]:
            flags[spelled] = (name, opt, True)
    kwargs: dict = {}
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if not token.startswith("-") or token == "-":
            if not positional:
                return None
            name, opt = positional.pop(0)
            value = _fast_value(opt, token)
        else:
            spelled, has_value, inline = token.partition("=") if token.startswith("--") else (token, "", "")
            if spelled not in flags:
                return None
            name, opt, on = flags[spelled]
            if "/" in opt.flags[0]:
                if has_value:
                    return None
                kwargs[name] = on
                continue
            if not has_value:
                if not rest:
                    return None
                inline = rest.pop(0)
            value = _fast_value(opt, inline)
        if value is None:
            return None
        kwargs[name] = value
    if positional:
        return None
    return _from_environment(fn, kwargs)


def _from_environment(fn, kwargs: dict) -> dict | None:
    """Options not given that typer would read from an environment variable (--db from
    CLAIMTRACK_DB), so error messages name the same file either way."""
    import os

    for name, annotation in fn.__annotations__.items():
        opt = _OPTIONS.get(annotation)
        envvar = opt.info.get("envvar") if opt else None
        if envvar and name not in kwargs and os.environ.get(envvar):
            value = _fast_value(opt, os.environ[envvar])
            if value is None:
                return None
            kwargs[name] = value
    return kwargs


def _fast_value(opt: _Opt, text: str):
    """`text` converted as typer would, or None when typer should report it."""
    kind = opt.type
    try:
        if kind in (int, Optional[int]):
            value = int(text)
            return value if value >= opt.info.get("min", value) else None
        if isinstance(kind, type) and issubclass(kind, Enum):
            return kind(text)
    except ValueError:
        return None
    if kind == Optional[Path]:
        return Path(text)
    return text if kind == Optional[str] else None


def run() -> None:
    app()


if __name__ == "__main__":
    run()
