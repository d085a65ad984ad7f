#!/usr/bin/env python3
"""Self-check for a figures gold split (independent of claimtrack).

    python3 check.py dev2      # or test2: a split next to this script (figures2)
    python3 check.py dev2 --stats   # the counts in README-figures2.md
    python3 bench/gold/figures2/check.py bench/gold/figures3/dev3   # any split directory;
        # its gold is <dir>-gold.jsonl next to it (figures3/dev3-gold.jsonl); --stats works too

1. Splits every SPLIT/*.txt into sentences by the rule of README-figures.md and checks that the
   gold has exactly one line per sentence, in document order, whose `starts` is the sentence's
   first 40-60 characters verbatim (whole sentence if shorter), first 40 unique per document.
2. Checks every figure's `surface` occurs verbatim in its sentence, and the field vocabulary.
3. Writes the gold as a prediction (`text` = the sentence, `speaker` = the first accepted name,
   null for `narrator`) to /tmp/<split>-as-pred.jsonl and runs the shared scorer on it:
   the gold shape itself has no `text`, so `score.py GOLD GOLD` cannot find sentences.
"""
import json, re, subprocess, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ABBR = {"u.s.", "mr.", "mrs.", "ms.", "dr.", "inc.", "jan.", "feb.", "mar.", "apr.", "aug.", "sept.",
        "sep.", "oct.", "nov.", "dec.", "no.", "st.", "sen.", "rep.", "gov.", "p.m.", "a.m.", "corp.",
        "co.", "ltd.", "jr.", "sr.", "vs.", "gen.", "lt.", "col.", "prof.", "u.k.", "e.g.", "i.e.", "n.c.", "d.c."}
CLOSE = "”’\"')]"
OPEN = "“‘\"'("


def split(text):
    out = []
    pos = 0
    for line in text.split("\n"):
        start = 0
        i = 0
        n = len(line)
        while i < n:
            ch = line[i]
            if ch in ".!?":
                j = i + 1
                while j < n and line[j] in CLOSE:
                    j += 1
                if j < n and line[j] == " ":
                    k = j
                    while k < n and line[k] == " ":
                        k += 1
                    nxt = line[k] if k < n else ""
                    boundary = nxt and (nxt.isupper() or nxt.isdigit() or nxt in OPEN)
                    if boundary and ch == ".":
                        word = line[:i + 1].split(" ")[-1].lower().lstrip("(“\"‘")
                        if word in ABBR or re.fullmatch(r"[a-z]\.", word) or re.fullmatch(r"([a-z]\.)+", word):
                            boundary = False
                    if boundary:
                        s = line[start:j].strip()
                        if s:
                            out.append(s)
                        start = k
                        i = k
                        continue
            i += 1
        s = line[start:].strip()
        if s:
            out.append(s)
        pos += len(line) + 1
    return out


def norm(s):
    return s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower()


UNIT_OK = re.compile(r"^([A-Z]{3}|percent|percentage points|basis points|times|year|[a-z°/ \-²³A-Z]+)$")
APPROX = {"exact", "around", "up_to", "more_than", "less_than", "by", "vague_at_least"}
ROLES = {None, "change", "new", "old"}
STATUS = {None, "target", "limit", "proposed", "projected", "forecast"}
FKEYS = ["surface", "value", "unit", "measure", "approx", "role", "where", "holder", "period", "status"]


def locate(arg):
    """A bare split name next to this script (`dev2`), else a path to any split directory."""
    if "/" not in arg and (HERE / arg).is_dir():
        return HERE / arg, HERE / f"{arg}-gold.jsonl", arg
    folder = Path(arg).resolve()
    return folder, folder.parent / f"{folder.name}-gold.jsonl", folder.name


def main(arg):
    folder, gold_path, split_name = locate(arg)
    gold = [json.loads(l) for l in gold_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    by_doc = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g)
    problems = []
    docs = sorted(p.name for p in folder.glob("*.txt"))
    if sorted(by_doc) != docs:
        problems.append(f"docs differ: gold {sorted(by_doc)} files {docs}")
    preds = []
    for doc in docs:
        sents = split((folder / doc).read_text(encoding="utf-8"))
        gl = by_doc.get(doc, [])
        if len(sents) != len(gl):
            problems.append(f"{doc}: {len(sents)} sentences, {len(gl)} gold lines")
        heads = [norm(s).strip() for s in sents]
        for i, a in enumerate(heads):  # the scorer matches on the first 40 characters either way round
            for j, b in enumerate(heads):
                if i < j and (a.startswith(b[:40]) or b.startswith(a[:40])):
                    problems.append(f"{doc}: sentences {i} and {j} share their first 40 characters: {a[:40]!r}")
        for s, g in zip(sents, gl):
            st = g["starts"]
            if not s.startswith(st):
                problems.append(f"{doc}: starts mismatch {st!r} vs {s[:60]!r}")
            if not (40 <= len(st) <= 60 or st == s):
                problems.append(f"{doc}: starts length {len(st)}: {st!r}")
            for f in g["figures"]:
                if f["surface"] not in s:
                    problems.append(f"{doc}: surface {f['surface']!r} not in {s[:60]!r}")
                if list(f)[:5] != FKEYS[:5] or any(k not in FKEYS for k in f):
                    problems.append(f"{doc}: keys {list(f)}")
                if f["approx"] not in APPROX or f.get("role") not in ROLES or f.get("status") not in STATUS:
                    problems.append(f"{doc}: vocab {f}")
                if not isinstance(f["value"], (int, float)):
                    problems.append(f"{doc}: value {f}")
            for d in g.get("dates", []):
                if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d):
                    problems.append(f"{doc}: date {d}")
            spk = g["speaker"][0]
            preds.append({"doc": doc, "text": s, "speaker": None if spk == "narrator" else spk,
                          "speaker_org": None, "figures": g["figures"]})
    for p in problems:
        print("PROBLEM", p)
    out = Path(f"/tmp/{split_name}-as-pred.jsonl")
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    subprocess.run([sys.executable, "/work/shared/tools/score.py", str(gold_path), str(out), "--show-errors"])
    return 1 if problems else 0


PHYS = {"gigawatt-hours", "tonnes", "megawatts", "°C", "hectares", "acres", "kilometres", "miles", "feet",
        "millimetres", "TEU", "barrels",
        # added for figures3
        "°F", "mph", "km/h", "inches", "litres", "kilograms", "milligrams", "ounces",
        # added for figures4
        "gallons", "tonnes per hectare", "square feet", "kilowatt-hours", "cubic centimetres", "horsepower",
        # added for figures5
        "metres", "knots", "kg per hectare"}
DUR = {"years", "months", "weeks", "days", "hours", "minutes", "seasons", "decades",
       "quarters"}  # quarters: figures4
SCORE = {"goals", "points", "games", "shots", "votes",  # votes: a tally such as "voted 6-3" (figures3)
         "runs", "hits"}  # baseball (figures5): a 7-4 score in runs, "went 3-for-4" (hits, at-bats)


def stats(arg):
    """The counts in README-figures2.md (and README-figures3.md, README-figures4.md, README-figures5.md)."""
    import collections
    _, gold_path, split_name = locate(arg)
    gold = [json.loads(l) for l in gold_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    c, cur, roles, approx = (collections.Counter() for _ in range(4))
    docs = set()
    for d in gold:
        docs.add(d["doc"])
        c["sentences"] += 1
        c["heading lines"] += d.get("kind") == "heading"
        c["sentences with no figure"] += not d["figures"]
        c["dates"] += len(d.get("dates", []))
        by_surface = collections.defaultdict(list)
        for f in d["figures"]:
            by_surface[f["surface"]].append(f)
        for surface, fs in by_surface.items():
            if len(fs) > 1:
                if fs[0]["unit"] in SCORE and re.search(r"\d-(of-|for-)?\d", surface):
                    c["score figures (both sides of 3-1)"] += len(fs)
                elif len({f["value"] for f in fs}) > 1:  # not the same figure stated twice ("1.2% ... or 1.2%")
                    c["range ends"] += len(fs)
        for f in d["figures"]:
            c["all figures"] += 1
            u = f["unit"]
            if u in PHYS:
                c["physical"] += 1
            elif re.fullmatch("[A-Z]{3}", u):
                c["money"] += 1
                cur[u] += 1
            elif u == "percent":
                c["percent"] += 1
            elif u == "percentage points":
                c["percentage points"] += 1
            elif u == "basis points":
                c["basis points"] += 1
            elif u == "times":
                c["multipliers (times)"] += 1
            elif u == "year":
                c["years as claims"] += 1
            elif u in DUR:
                c["durations and ages"] += 1
            else:
                c["counts (counted nouns, people, points, goals)"] += 1
            c["negative values"] += f["value"] < 0
            c["with a measure"] += bool(f["measure"])
            if f.get("role"):
                roles[f["role"]] += 1
            approx[f["approx"]] += 1
    print(f"{split_name}: {len(docs)} documents")
    for k, v in c.items():
        print(f"  {k:48} {v}")
    print("  roles", dict(roles.most_common()))
    print("  approx", dict(approx.most_common()))
    print("  currencies", dict(cur.most_common()))


if __name__ == "__main__":
    if "--stats" in sys.argv:
        stats(sys.argv[1])
        sys.exit(0)
    sys.exit(main(sys.argv[1]))
