#!/usr/bin/env python3
"""Generate a deterministic corpus of news-like .txt documents for benchmarks.

    python bench/gen_corpus.py N OUTDIR [--seed S]

Each document is a headline line followed by paragraphs (one per line) of 10-40 sentences
in all, dense with the figures claimtrack extracts: money in many styles ($1.25 billion,
£600m, €10.6m, Rs 5 crore, US$2bn), percentages, counts with nouns, changes ("rose 8% to
$11.1bn from $10.9bn"), ranges, ownership stakes, dates, quotes with attributions
(“...,” X said.), "according to", reporting verbs and organisations with acronyms.

Documents belong to stories (about one story per four documents): documents of one story
share the company, place, people and facts, each fact's figures drawn once per story, so
every document covering it repeats them (written in other styles: "$1.25 billion",
"$1,250m"). About 15% of documents contradict their story on purpose in two facts (a
financing 25% larger, twice the jobs...); only these are conflicts. Different stories use
different companies and people, but reuse places, lenders, brokers and sentence templates,
so one database holds a mixed corpus the way a real archive does.

Determinism: every document is drawn from its own `random.Random` seeded by (seed, index),
and every story from (seed, story), so the same seed gives byte-identical files whatever
else changes, and files are written one at a time (the corpus is never held in memory).
Files go to OUTDIR/NNN/ folders of 1,000 documents each; a hidden OUTDIR/.truth.jsonl
records each document's story, the facts it states and the sentences that contradict on
purpose (for bench/conflicts_bench.py), and a hidden OUTDIR/.corpus.json records N and the
seed once the corpus is complete (claimtrack skips hidden files), so benchmarks can reuse a
finished corpus.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

MANIFEST = ".corpus.json"
TRUTH = ".truth.jsonl"  # per document: its story, the facts it states, the ones it contradicts
GENERATOR = 2  # bumped when the same seed gives other text, so benchmarks regenerate
DOCS_PER_STORY = 4
PER_FOLDER = 1000

# ---------------------------------------------------------------------------------------
# Vocabulary for names. Combined, these give many thousands of distinct companies, people
# and places, so unrelated stories rarely share a name.

FIRST = """Laura Tom Amina Rahul Chen Olga Samuel Fatima Diego Hannah Kwame Priya Lars Mei Omar
Sofia Ibrahim Grace Kenji Ana Thabo Elena Yusuf Claire Marco Aisha Pieter Nadia Ravi Ingrid
Carlos Zainab Hugo Lerato Arjun Marta Felix Leila Tariq Ewa Joao Ngozi Henrik Yuki Sipho Irene
Mateo Farah Nikolai Chloe Dmitri Anjali Bruno Esther Kofi Lucia Malik Hana Stefan Adaeze Pablo
Rania Viktor Noor Emeka Sara Jonas Imran Beatriz Otto Wanjiru Luca Mariam Andrei Camille""".split()
LAST = """Pennington Aldridge Okafor Sharma Wei Petrova Mensah Haddad Alvarez Fischer Asante Iyer
Lindqvist Tanaka Farouk Rossi Bello Njoroge Morales Dubois Kowalski Nakamura Silva Chukwu
Johansson Mehta Baptiste Ivanova Kariuki Costa Moreau Hussain Ferreira Adeyemi Novak Yamamoto
Mbeki Schmidt Kapoor Santos Varga Osei Lemaire Qureshi Eriksen Mwangi Romano Katz Delgado
Abubakar Horvat Sato Naidoo Brennan Volkov Akhtar Larsen Oduya Marchetti Suzuki Reyes Dlamini
Weber Chaudhry Nilsson Achebe Bianchi Kimura Toure Hartmann Gupta Castillo Obi Svensson""".split()
STEMS = """Harcourt Kestrel Birchfield Meridian Halden Corvan Aldmoor Brightwater Caldera Dunmore
Eastgate Fenwick Greystone Highcliff Ironbridge Juniper Kingsmere Lowther Marlow Northwind
Oakridge Pemberton Quarry Redhill Saltmarsh Thornbury Upland Vantage Westbrook Yarrow Zephyr
Amberline Bluestone Cedarholt Driftwood Emberly Foxglove Goldcrest Harrow Islay Jarrow Kelso
Larkspur Moorfield Nettleton Orwell Pinecrest Quayside Rosedale Silverton Tamworth Ullswater
Valemont Whitmore Ashcombe Brackley Coldharbour Deverell Elmstead Farleigh Glenmore Hartwell
Ingleby Kirkwall Langdale Milford Norcott Ottery Penrose Radley Stanmore Tiverton Wexcombe""".split()
SUFFIXES = [("Minerals", "mining"), ("Energy", "energy"), ("Holdings", "finance"), ("Bank", "finance"),
            ("Foods", "retail"), ("Stores", "retail"), ("Motors", "manufacturing"), ("Steel", "manufacturing"),
            ("Telecom", "tech"), ("Technologies", "tech"), ("Airways", "transport"), ("Logistics", "transport"),
            ("Pharmaceuticals", "health"), ("Health", "health"), ("Power", "energy"), ("Cement", "manufacturing"),
            ("Water", "utilities"), ("Rail", "transport"), ("Insurance", "finance"), ("Media", "tech")]
PLACES = [("Lagos", "Nigeria", "NGN"), ("Nairobi", "Kenya", "KES"), ("Karachi", "Pakistan", "PKR"),
          ("Mumbai", "India", "INR"), ("Pune", "India", "INR"), ("London", "Britain", "GBP"),
          ("Manchester", "Britain", "GBP"), ("Frankfurt", "Germany", "EUR"), ("Madrid", "Spain", "EUR"),
          ("Milan", "Italy", "EUR"), ("Lyon", "France", "EUR"), ("Toronto", "Canada", "CAD"),
          ("Sydney", "Australia", "AUD"), ("Johannesburg", "South Africa", "ZAR"), ("Houston", "the United States", "USD"),
          ("Chicago", "the United States", "USD"), ("Singapore", "Singapore", "SGD"), ("Tokyo", "Japan", "JPY"),
          ("Sao Paulo", "Brazil", "BRL"), ("Accra", "Ghana", "USD"), ("Dhaka", "Bangladesh", "USD"),
          ("Jakarta", "Indonesia", "USD"), ("Cairo", "Egypt", "USD"), ("Lima", "Peru", "USD"),
          ("Warsaw", "Poland", "EUR"), ("Istanbul", "Turkey", "USD"), ("Zurich", "Switzerland", "CHF"),
          ("Hong Kong", "Hong Kong", "HKD"), ("Auckland", "New Zealand", "NZD"), ("Seoul", "South Korea", "USD")]
REGULATORS = ["Competition and Markets Authority", "Securities and Exchange Commission", "Central Bank",
              "Energy Regulatory Commission", "National Statistics Office", "Financial Conduct Authority",
              "International Monetary Fund", "World Bank", "African Development Bank", "Asian Development Bank",
              "Export-Import Bank", "International Finance Corporation", "Consumer Council",
              "National Audit Office", "Ministry of Finance", "Ministry of Energy", "Trade Union Congress",
              "Chamber of Commerce", "Institute of Fiscal Studies", "Environmental Protection Agency"]
UNIONS = ["GMB", "Unite", "Unison", "National Union of Mineworkers", "Transport Workers Union",
          "Federation of Small Businesses", "Confederation of Industry"]
BROKERS = ["Peel Hunt", "Jefferies", "Barclays", "Goldman Sachs", "Morgan Stanley", "HSBC", "Citi",
           "JPMorgan", "UBS", "Nomura", "Macquarie", "Berenberg", "Liberum", "Investec"]
OUTLETS = ["Reuters", "Bloomberg", "the Financial Times", "the BBC", "Dawn", "the Hindu", "Nation",
           "Le Monde", "Handelsblatt", "the Globe and Mail", "the Straits Times", "Al Jazeera"]
TITLES = ["chief executive", "finance director", "chief financial officer", "chairman", "spokesperson",
          "head of operations", "managing director", "chief economist", "director general", "president"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
PRODUCTS = {"mining": ("tonnes of copper", "mine", "ore"), "energy": ("megawatts", "plant", "gas"),
            "finance": ("customers", "branch", "loans"), "retail": ("products", "store", "groceries"),
            "manufacturing": ("vehicles", "factory", "steel"), "tech": ("subscribers", "data centre", "broadband"),
            "transport": ("passengers", "terminal", "freight"), "health": ("patients", "hospital", "vaccines"),
            "utilities": ("households", "treatment works", "water")}
FILLER = [
    "The decision drew criticism from opposition lawmakers, who called for an inquiry.",
    "Shares were little changed in early trading.",
    "The company did not respond to a request for comment.",
    "Critics say the plan does little to address the underlying problems.",
    "Talks are expected to continue next week.",
    "The move had been widely expected by investors.",
    "Local residents have long complained about noise and traffic.",
    "It is not the first time the project has faced delays.",
    "Officials declined to give a timetable for the review.",
    "The announcement comes amid growing pressure on household budgets.",
    "Environmental groups have raised concerns about the impact on nearby rivers.",
    "The government is under pressure to show results before the election.",
    "Several board members are expected to step down at the annual meeting.",
    "Why the figures diverge so sharply remains unclear?",
    "Analysts said the outlook for the rest of the year remained uncertain.",
    "The details of the agreement have not been made public.",
    "A final decision is due in the autumn.",
    "The regulator said its investigation was at an early stage.",
]
QUOTES = [
    "We have listened to our customers and we will keep investing",
    "This is a difficult decision, but it is the right one for the long term",
    "There is no easy way to say this: some services will close",
    "We remain confident in the strength of our balance sheet",
    "The numbers speak for themselves",
    "Nobody should lose out as a result of these changes",
    "We expect conditions to remain challenging for some time",
    "This investment will transform the region",
    "We are disappointed by the decision and are considering our options",
    "Our priority is to protect jobs",
]


def _money(rng: random.Random, value: float, currency: str, style: int | None = None) -> str:
    """`value` in units of the currency, written in one of the many styles news uses."""
    style = rng.randrange(6) if style is None else style
    if currency == "INR" and rng.random() < 0.7:
        crore = value / 1e7
        if crore >= 1:
            return f"Rs {_num(crore, rng)} crore" if rng.random() < 0.6 else f"₹{_num(crore, rng)} crore"
        return f"Rs {_num(value / 1e5, rng)} lakh"
    sym = {"USD": ["$", "US$"], "GBP": ["£"], "EUR": ["€"], "JPY": ["¥"], "CAD": ["C$"], "AUD": ["A$"],
           "NZD": ["NZ$"], "HKD": ["HK$"], "SGD": ["S$"], "BRL": ["R$"], "ZAR": ["R"], "CHF": ["CHF "],
           "INR": ["Rs "], "PKR": ["PKR "], "NGN": ["₦"], "KES": ["KSh "]}.get(currency, ["$"])
    s = rng.choice(sym)
    if value >= 1e9:
        n, long, short = value / 1e9, "billion", "bn"
    elif value >= 1e6:
        n, long, short = value / 1e6, "million", "m"
    else:
        return f"{s}{value:,.0f}"
    num = _num(n, rng)
    if style in (0, 1):
        return f"{s}{num} {long}"
    if style in (2, 3):
        return f"{s}{num}{short}"
    if style == 4:
        return f"{num} {long} {'dollars' if currency == 'USD' else currency}"
    return f"{s}{num} {long}"


def _num(n: float, rng: random.Random) -> str:
    if n >= 100:
        return f"{n:,.0f}"
    if n >= 10:
        return f"{n:.1f}".rstrip("0").rstrip(".")
    return f"{n:.2f}".rstrip("0").rstrip(".")


def _pct(rng: random.Random, value: float) -> str:
    num = f"{value:.1f}".rstrip("0").rstrip(".")
    return rng.choice([f"{num}%", f"{num}%", f"{num} per cent", f"{num} percent"])


def _count(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} million".replace(".0 ", " ")
    return f"{n:,}"


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _nth(seed: int, n: int, size: int, salt: str) -> int:
    """The n-th of `size` items in a seeded shuffled order (an affine permutation), so
    n < size always gives distinct items, without remembering earlier stories."""
    rng = random.Random(f"claimtrack-bench:{seed}:order:{salt}")
    a = rng.randrange(1, size)
    while math.gcd(a, size) != 1:
        a += 1
    return (a * n + rng.randrange(size)) % size


def _company(seed: int, k: int) -> tuple[str, str]:
    """(name, sector) of story k's company: one stem or two, and a suffix; distinct for as
    many stories as there are combinations (over 100,000)."""
    i = _nth(seed, k, len(STEMS) * len(STEMS) * len(SUFFIXES), "company")
    i, (suffix, sector) = divmod(i, len(SUFFIXES))[0], SUFFIXES[i % len(SUFFIXES)]
    first, second = divmod(i, len(STEMS))
    stem = STEMS[first] + ("" if second == first else " " + STEMS[second])
    return f"{stem} {suffix}", sector


def _person(seed: int, n: int) -> str:
    """The n-th person of the corpus; a middle initial once first and last names run out."""
    size = len(FIRST) * len(LAST)
    first, last = divmod(_nth(seed, n % size, size, "person"), len(LAST))
    middle = f" {chr(ord('A') + (n // size - 1) % 26)}." if n >= size else ""
    return f"{FIRST[first]}{middle} {LAST[last]}"


class Story:
    """What every document of one story shares: names, place, key figures."""

    def __init__(self, seed: int, k: int):
        rng = random.Random(f"claimtrack-bench:{seed}:story:{k}")
        # One company and one set of people per story, as in a real archive, where the
        # same company name in two stories is the same company.
        self.company, self.sector = _company(seed, k)
        self.acronym = _acronym(self.company) if len(self.company.split()) >= 3 else None
        self.city, self.country, self.currency = rng.choice(PLACES)
        self.regulator = rng.choice(REGULATORS)
        self.reg_acr = _acronym(self.regulator)
        self.lender = rng.choice(REGULATORS[6:12])
        self.union = rng.choice(UNIONS)
        self.broker = rng.choice(BROKERS)
        self.ceo = _person(seed, 3 * k + 0)
        self.ceo_title = rng.choice(TITLES[:4])
        self.official = _person(seed, 3 * k + 1)
        self.official_title = rng.choice(["minister", "governor", "mayor", "director"])
        self.analyst = _person(seed, 3 * k + 2)
        self.partner = f"{rng.choice(STEMS)} {rng.choice(SUFFIXES)[0]}"
        self.project = f"{rng.choice(STEMS)} {PRODUCTS[self.sector][1]}"
        self.unit_noun, self.site, self.good = PRODUCTS[self.sector]
        scale = 10 ** rng.uniform(7.5, 10.5)
        self.revenue_old = round(scale, -6)
        self.growth = round(rng.uniform(-15, 25), 1) or 3.0
        self.revenue_new = round(self.revenue_old * (1 + self.growth / 100), -6)
        self.profit = round(scale * rng.uniform(0.03, 0.2), -5)
        self.financing = round(10 ** rng.uniform(7.5, 9.7), -6)
        self.jobs = rng.choice([120, 350, 800, 1200, 2500, 4000, 6000, 12000])
        self.staff = rng.choice([900, 4500, 12000, 30000, 150000])
        self.sites = rng.randint(3, 1200)
        self.stake = rng.choice([10, 15, 25, 30, 40, 49, 51, 60])
        self.stake_other = rng.choice([100 - self.stake, 100 - self.stake, 100 - self.stake + 10])
        self.price_rise = round(rng.uniform(1.5, 12), 1)
        self.inflation = round(rng.uniform(1.2, 9.5), 1)
        self.rate = rng.choice([2.5, 3.75, 4.25, 5.0, 5.25, 6.5, 10.5, 22.0])
        self.affected = rng.choice([300, 2000, 15000, 40000, 250000, 1_200_000])
        self.year = rng.choice([2023, 2024, 2025, 2026])
        self.month = rng.randrange(12)
        self.weekday = rng.choice(WEEKDAYS)
        # Facts drawn once for the story, after the names (so names stay what they were):
        # every document that covers the story repeats them, as real coverage does.
        self.job_years = rng.randint(2, 10)
        self.price_day = rng.randint(1, 28)
        self.vote_low, self.vote_high = rng.randint(5, 40), rng.randint(41, 90)
        self.cost = round(self.financing * rng.uniform(1.2, 3), -6)
        self.cuts = rng.choice([150, 400, 900, 2000])
        self.closures = rng.randint(2, 40)
        self.year_end_day = rng.randint(1, 28)
        self.share_old = round(rng.uniform(3, 25), 1)
        self.share_new = round(self.share_old + rng.uniform(0.3, 5), 1)
        self.output = rng.randint(2, 900) * 1000
        self.unemployment = round(rng.uniform(3, 12), 1)
        self.pay_rise = 1.2 * rng.randint(1, 3)
        self.import_growth = round(rng.uniform(2, 30), 1)
        self.margin_low = rng.randint(2, 9)
        self.margin_high = self.margin_low + rng.randint(2, 6)
        self.switched = rng.randint(2, 9)
        self.subscribers = rng.randint(2, 90) * 10_000
        self.adjective = rng.choice(["huge", "modest", "welcome", "worrying"])


# The facts a contradicting document may get wrong, by the template that states them, and
# how: each changes the figure far beyond any rounding, so the contradiction is real.
CONTRADICTIONS = {
    0: ("growth", lambda s: s.growth + (4 if s.growth >= 0 else -4)),  # same direction: "rose" stays "rose"
    1: ("financing", lambda s: s.financing * 1.25),
    3: ("jobs", lambda s: s.jobs * 2),
    5: ("staff", lambda s: s.staff * 2),
    9: ("affected", lambda s: s.affected * 2),
    12: ("cost", lambda s: s.cost * 0.6),
    18: ("output", lambda s: s.output * 3),
    28: ("subscribers", lambda s: s.subscribers * 2),
}


class Told:
    """The story as one document tells it: the story's facts, except those it contradicts."""

    def __init__(self, story: Story, planted: set[int]):
        self._story = story
        self.planted = planted
        for kind in planted:
            name, wrong = CONTRADICTIONS[kind]
            setattr(self, name, wrong(story))

    def __getattr__(self, name):
        return getattr(self._story, name)


def _change_sentence(rng: random.Random, s: Story) -> str:
    growth = s.growth
    verb = "rose" if growth >= 0 else "fell"
    if rng.random() < 0.3:
        verb = {"rose": rng.choice(["jumped", "climbed", "increased"]), "fell": rng.choice(["dropped", "declined"])}[verb]
    metric = rng.choice(["revenue", "sales", "turnover"])
    new = _money(rng, s.revenue_new, s.currency)
    old = _money(rng, s.revenue_old, s.currency)
    return (f"{s.company} said on {s.weekday} that annual {metric} {verb} {_pct(rng, abs(growth))} "
            f"to {new} from {old}.")


SUBJECTS = ["Residents", "Opposition lawmakers", "Campaigners", "Investors", "Local businesses", "Economists",
            "Board members", "Environmental groups", "Suppliers", "Regional officials", "Shareholders", "Commuters"]
VERBS = ["have questioned", "are worried about", "have welcomed", "remain divided over", "have criticised",
         "are pressing for clarity on", "have cautiously backed", "are still studying"]
OBJECTS = ["the timetable", "the plan", "the terms of the deal", "the cost of the scheme", "the decision",
           "the proposed merger", "the new rules", "the consultation", "the audit findings", "the pay offer"]
TAILS = ["", "", " after months of uncertainty", " ahead of the vote", " despite repeated assurances",
         " as the deadline approaches", " in the wake of the floods", " following the strike"]
N_KINDS = 30


def _filler(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return rng.choice(FILLER)
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."


def _sentence(rng: random.Random, s: Story, kind: int) -> str:
    """One sentence of the story, of template `kind`; most carry figures."""
    c = s.company
    money = lambda v: _money(rng, v, s.currency)  # noqa: E731
    if kind == 0:
        return _change_sentence(rng, s)
    if kind == 1:
        lender = f"the {s.lender}" + (f" ({_acronym(s.lender)})" if rng.random() < 0.5 else "")
        return f"{lender[0].upper() + lender[1:]} agreed to provide {money(s.financing)} in financing for the {s.project} project near {s.city}."
    if kind == 2:
        q = rng.choice(QUOTES)
        return f"“{q},” {s.ceo}, {s.ceo_title} of {c}, said."
    if kind == 3:
        return f"“The project will create around {s.jobs:,} jobs over the next {s.job_years} years,” {s.official} said."
    if kind == 4:
        low = s.profit * 0.9
        high = s.profit * 1.05
        return f"Analysts at {s.broker} had expected profit of between {money(low)} and {money(high)}."
    if kind == 5:
        return f"The group employs some {s.staff:,} people across {s.sites:,} sites in {s.country}."
    if kind == 6:
        return (f"{c} holds a {_pct(rng, s.stake)} stake in the venture, while {s.partner} owns the remaining "
                f"{_pct(rng, s.stake_other)}.")
    if kind == 7:
        return (f"Inflation eased to {_pct(rng, s.inflation)} in {MONTHS[s.month]}, according to the "
                f"{s.regulator}.")
    if kind == 8:
        return f"The {s.regulator} ({s.reg_acr}) raised its benchmark interest rate to {_pct(rng, s.rate)} on {s.weekday}."
    if kind == 9:
        return f"About {_count(s.affected)} people were affected, {rng.choice(OUTLETS)} reported, citing local officials."
    if kind == 10:
        return (f"Prices will rise by {_pct(rng, s.price_rise)} from {s.price_day} {MONTHS[(s.month + 2) % 12]} "
                f"{s.year}, the company said in a statement.")
    if kind == 11:
        return f"The {s.union} union said between {s.vote_low} and {s.vote_high} per cent of members had voted for strike action."
    if kind == 12:
        return f"The {s.project} is expected to cost {money(s.cost)} to build and to start production in {s.year + 2}."
    if kind == 13:
        return (f"{s.ceo} told {rng.choice(OUTLETS)} that the company would cut {s.cuts:,} "
                f"jobs and close {s.closures} {s.site}s.")
    if kind == 14:
        return f"{c} will return {money(s.profit * 0.4)} to shareholders through a share buyback, {s.ceo} added."
    if kind == 15:
        return (f"Pre-tax profit was {money(s.profit)} in the year to {s.year_end_day} {MONTHS[s.month]} "
                f"{s.year}, up from {money(s.profit * 0.8)} a year earlier.")
    if kind == 16:
        return (f"According to {s.official}, the {s.official_title}, the government had committed "
                f"{money(s.financing * 0.3)} to upgrade roads around the {s.site}.")
    if kind == 17:
        return f"Its market share edged up to {_pct(rng, s.share_new)} from {_pct(rng, s.share_old)} a year earlier."
    if kind == 18:
        return (f"The {s.site} produced {s.output:,} {s.unit_noun} last year, {s.analyst}, an analyst at "
                f"{s.broker}, estimated.")
    if kind == 19:
        return f"“It is a {s.adjective} number,” said {s.analyst} of {s.broker}."
    if kind == 20:
        return f"Unemployment in {s.country} stood at {_pct(rng, s.unemployment)} in {MONTHS[(s.month + 11) % 12]}."
    if kind == 21:
        return f"The {s.union} said hundreds of workers were still waiting for a pay rise worth {money(s.pay_rise)} an hour."
    if kind == 22:
        return f"{s.country[0].upper() + s.country[1:]} imported {money(s.financing * 0.6)} of {s.good} equipment in {s.year - 1}, up {_pct(rng, s.import_growth)}."
    if kind == 23:
        return f"Mr. {s.ceo.split()[1]} said margins could improve by {s.margin_low}-{s.margin_high}% once the U.S. plant opens."
    if kind == 24:
        return f"Ms {s.official.split()[1]} told reporters the {s.site} would need up to {money(s.financing * 0.5)} of further investment."
    if kind == 25:
        return f"Said {s.analyst} of {s.broker}: “More than {s.switched} in 10 customers have switched in the past year.”"
    if kind == 26:
        return f"Will the {s.project} really cost nearly {money(s.financing * 2)}?"
    if kind == 27:
        return (f"The {s.regulator} estimated the scheme would cost taxpayers {money(s.financing * 0.2)} to "
                f"{money(s.financing * 0.35)} a year.")
    if kind == 28:
        return f"Subscribers rose to {_count(s.subscribers)}, {s.ceo_title} {s.ceo} wrote in a letter to shareholders."
    return _filler(rng)


def _headline(rng: random.Random, s: Story) -> tuple[str, int | None]:
    """A headline and the template kind of the fact it states, if any."""
    options = [
        (f"{s.company} {'profits jump' if s.growth >= 0 else 'sales slide'} as {s.good} demand {'recovers' if s.growth >= 0 else 'weakens'}", None),
        (f"{s.lender} backs {s.project} with {_money(rng, s.financing, s.currency, 2)} loan", 1),
        (f"{s.company} to create {s.jobs:,} jobs in {s.city}", 3),
        (f"Unions warn over {s.company} plans for {s.site}s", None),
        (f"{s.city} {s.site} faces delays as costs rise", None),
    ]
    return rng.choice(options)


def document(seed: int, i: int) -> tuple[str, str]:
    """(relative path, text) of document `i`: a pure function of (seed, i)."""
    rel, text, _ = compose(seed, i)
    return rel, text


def story_of(seed: int, i: int) -> tuple[int, bool]:
    """(story, contradicts on purpose) of document i: the document's first two draws."""
    rng = random.Random(f"claimtrack-bench:{seed}:doc:{i}")
    k = i // DOCS_PER_STORY if rng.random() < 0.8 else rng.randrange(max(1, i // DOCS_PER_STORY + 1))
    return k, rng.random() < 0.15


def compose(seed: int, i: int) -> tuple[str, str, dict]:
    """Document `i` and its truth: its story, the facts it states, the sentences in which it
    contradicts its story on purpose."""
    rng = random.Random(f"claimtrack-bench:{seed}:doc:{i}")
    k, conflicting = story_of(seed, i)
    rng.random(), rng.random()  # the two draws story_of made
    story = Story(seed, k)
    planted = set(rng.sample(sorted(CONTRADICTIONS), 2)) if conflicting else set()
    told = Told(story, planted)
    n = rng.randint(10, 40)
    # Only the planted sentence itself is wrong: figures derived from the same fact
    # elsewhere (imports at 60% of the financing) stay the story's.
    first = _change_sentence(rng, told if 0 in planted else story)
    sentences = [f"{story.city.upper()}: " + first]
    stated: dict[int, str] = {0: first}
    deck: list[int] = []
    while len(sentences) < n - 1:
        if not deck:  # every template once before any repeats; fillers a bit more often
            deck = list(range(1, N_KINDS)) + [N_KINDS - 1] * 6
            rng.shuffle(deck)
        kind = deck.pop()
        sentences.append(_sentence(rng, told if kind in planted else story, kind))
        stated.setdefault(kind, sentences[-1])
    # A contradicting outlet's headline carries its own wrong figure, as its story does.
    headline, fact = _headline(rng, told)
    lines = [headline]
    j = 0
    while j < len(sentences):
        size = rng.choice([1, 2, 2, 3, 3, 4])
        lines.append(" ".join(sentences[j:j + size]))
        j += size
    slug = story.company.lower().replace(" ", "-")
    rel = f"{i // PER_FOLDER:03d}/{i:06d}_{slug}.txt"
    truth = {"doc": rel, "story": k, "facts": sorted(kind for kind in stated if kind in CONTRADICTIONS),
             "planted": {str(kind): stated[kind] for kind in sorted(planted) if kind in stated}}
    if fact in planted:
        truth["planted"][f"{fact}-headline"] = headline
    return rel, "\n".join(lines) + "\n", truth


def generate(n: int, outdir: Path, seed: int = 0) -> dict:
    """Write documents 0..n-1 into `outdir`; return the manifest."""
    outdir.mkdir(parents=True, exist_ok=True)
    manifest_path = outdir / MANIFEST
    manifest_path.unlink(missing_ok=True)
    _clear(outdir)
    total_bytes = 0
    with (outdir / TRUTH).open("w", encoding="utf-8") as truth_file:
        for i in range(n):
            rel, text, truth = compose(seed, i)
            path = outdir / rel
            if i % PER_FOLDER == 0:
                path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            total_bytes += len(data)
            truth_file.write(json.dumps(truth, ensure_ascii=False) + "\n")
    manifest = {"docs": n, "seed": seed, "bytes": total_bytes, "generator": GENERATOR}
    manifest_path.write_text(json.dumps(manifest) + "\n")
    return manifest


def existing(outdir: Path) -> dict | None:
    try:
        return json.loads((outdir / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def ensure(n: int, outdir: Path, seed: int = 0) -> dict:
    """Reuse a finished corpus of the same size and seed, else generate it."""
    m = existing(outdir)
    if m and m.get("docs") == n and m.get("seed") == seed and m.get("generator") == GENERATOR:
        return m
    return generate(n, outdir, seed)


def _clear(outdir: Path) -> None:
    """Remove a previous corpus's NNN/ folders (only those: never anything else in OUTDIR)."""
    import shutil

    for child in outdir.iterdir():
        if child.is_dir() and len(child.name) == 3 and child.name.isdigit():
            shutil.rmtree(child)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be >= 0")
    m = generate(args.n, args.outdir, args.seed)
    print(f"wrote {m['docs']} documents ({m['bytes'] / 1e6:.1f} MB) to {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
