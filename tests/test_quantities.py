"""Physical quantities: units news writes, read with pint, in one base unit per dimension."""

import json
import subprocess
import sys

import pytest

from claimtrack import quantities
from claimtrack.extract import extract_text
from claimtrack.figures import Context, document_context, find_figures
from claimtrack.vocab import load_vocab

from .conftest import ROOT, Cli


def figures(text, vocab, ctx=None):
    figs, _ = find_figures(text, 0, len(text), vocab, ctx or document_context(text, vocab))
    return figs


def one(text, vocab):
    figs = figures(text, vocab)
    assert len(figs) == 1, [(f.surface, f.value, f.unit) for f in figs]
    return figs[0]


# ---------------------------------------------------------------------------------------
# Reading: value and canonical unit as written, base value in the dimension's base unit.

@pytest.mark.parametrize("text, value, unit, base_value, base_unit", [
    # length, hyphenated adjectives, glued and spaced symbols
    ("The company will build a 680-km pipeline.", 680, "kilometres", 680_000, "m"),
    ("He was tackled on the 40-yard line.", 40, "yards", 36.576, "m"),
    ("The pipeline will run 621 miles.", 621, "miles", 999_402.624, "m"),
    ("The route is 1,000 km long.", 1000, "kilometres", 1_000_000, "m"),
    ("He won the 100m sprint.", 100, "metres", 100, "m"),
    ("Bolt won the 400m hurdles.", 400, "metres", 400, "m"),
    ("The wall is 5m high.", 5, "metres", 5, "m"),
    ("The ship sailed 5,000 nautical miles.", 5000, "nautical miles", 9_260_000, "m"),
    ("The phone has a 6.8-inch screen.", 6.8, "inches", 0.17272, "m"),
    # area
    ("The site covers 2.5 hectares.", 2.5, "hectares", 25_000, "m²"),
    ("It leased 10,000 sq ft of offices.", 10_000, "square feet", 929.0304, "m²"),
    ("The ranch spans 50,000 acres.", 50_000, "acres", 202_343_630.4937, "m²"),
    ("The lake covers 300 km².", 300, "square kilometres", 300_000_000, "m²"),
    # volume, with magnitude words and symbols that carry a magnitude
    ("Qatar exports 80 bcm of gas.", 80e9, "cubic metres", 80e9, "m³"),
    ("The tank holds 620 litres.", 620, "litres", 0.62, "m³"),
    # mass
    ("The mine produced 400,000 tonnes of copper.", 400_000, "tonnes", 400_000_000, "kg"),
    ("The boxer weighed in at 247lb.", 247, "lb", 112.03731539, "kg"),
    ("Brazil shipped 5m tonnes of soy.", 5e6, "tonnes", 5e9, "kg"),
    ("The 2,492-carat diamond was found in Botswana.", 2492, "carats", 0.4984, "kg"),
    ("Brazil exported 40 million bags of coffee.", 40e6, "bags", 2.4e9, "kg"),
    # speed, power, energy, torque
    ("The speed limit is 40 mph.", 40, "mph", 17.8816, "m/s"),
    ("Winds reached 120 km/h.", 120, "km/h", 33.333333333, "m/s"),
    ("The ship slowed to 14 knots.", 14, "knots", 7.2022222222, "m/s"),
    ("The solar farm will produce 500 MW.", 500, "megawatts", 5e8, "W"),
    ("The 3.6GW project is the largest.", 3.6, "gigawatts", 3.6e9, "W"),
    ("Its battery stores 75kWh.", 75, "kilowatt-hours", 2.7e8, "J"),
    ("The engine makes 275 pound-feet of torque.", 275, "pound-feet", 372.849935791, "N·m"),
    ("The motor delivers 480bhp.", 480, "horsepower", 357_935.938359, "W"),
    # temperature: absolute readings in kelvin
    ("Temperatures hit 35 degrees Celsius in Seville.", 35, "°C", 308.15, "K"),
    ("Seville recorded 40C on Monday.", 40, "°C", 313.15, "K"),
    ("Phoenix reached 95°F on Monday.", 95, "°F", 308.15, "K"),
    ("Temperatures fell to minus 5C overnight.", -5, "°C", 268.15, "K"),
    # data and tech
    ("The phone has 6 GB of RAM.", 6, "GB", 6e9, "B"),
    ("The drive holds 2TB.", 2, "TB", 2e12, "B"),
    ("Broadband speeds reach 900 Mbps.", 900, "Mbps", 9e8, "bit/s"),
    ("The chip runs at 3.2GHz.", 3.2, "GHz", 3.2e9, "Hz"),
    # things counted in their own units
    ("The port handled 4.5 million TEU.", 4.5e6, "TEU", 4.5e6, "TEU"),
    ("The ranch holds 12,000 head of cattle.", 12_000, "head", 12_000, "head"),
])
def test_physical_quantities(vocab, text, value, unit, base_value, base_unit):
    f = one(text, vocab)
    assert f.kind == "quantity"
    assert (f.value, f.unit) == (pytest.approx(value), unit)
    assert f.base_unit == base_unit
    assert f.base_value == pytest.approx(base_value, rel=1e-9)


@pytest.mark.parametrize("text, value, unit, unit_text, base_value, base_unit", [
    ("Output rose to 1.2 million barrels a day.", 1.2e6, "barrels", "barrels a day", 2.208156874, "m³/s"),
    ("Saudi Arabia will cut output by 500,000 bpd.", 500_000, "barrels", "bpd", 0.920065364, "m³/s"),
    ("The mine will produce 400,000 tonnes of copper a year.", 400_000, "tonnes", "tonnes of copper a year",
     12.675235126, "kg/s"),
    ("The terminal can handle 6.1 bcm a year.", 6.1e9, "cubic metres", "bcm a year", 193.29733566, "m³/s"),
    ("The LNG plant will make 7.8 Mtpa.", 7.8, "megatonnes", "Mtpa", 247.1670849, "kg/s"),
    ("IEA sees demand of 104 mb/d.", 104e6, "barrels", "mb/d", 191.373595747, "m³/s"),
])
def test_rates_are_flows_per_second(vocab, text, value, unit, unit_text, base_value, base_unit):
    f = one(text, vocab)
    assert (f.value, f.unit, f.unit_text, f.base_unit) == (pytest.approx(value), unit, unit_text, base_unit)
    assert f.base_value == pytest.approx(base_value, rel=1e-8)


def test_a_year_earlier_is_no_rate(vocab):
    figs = figures("Traffic fell to 5,000 tonnes from 6,000 tonnes a year earlier.", vocab)
    assert [(f.value, f.unit, f.base_unit) for f in figs] == [(5000, "tonnes", "kg"), (6000, "tonnes", "kg")]


def test_percent_a_year_stays_a_percentage(vocab):
    f = one("Prices rose 3 per cent a year.", vocab)
    assert (f.value, f.unit, f.kind, f.base_value) == (3, "percent", "percent", None)


def test_durations_keep_their_kind_and_gain_seconds(vocab):
    figs = figures("It was a six-day strike by a 73-year-old, and the vote took 30 mins.", vocab)
    assert [(f.value, f.unit, f.kind, f.base_value, f.base_unit) for f in figs] == [
        (6, "days", "duration", 518_400, "s"), (73, "years", "duration", pytest.approx(73 * 31_557_600), "s"),
        (30, "minutes", "duration", 1800, "s")]


def test_ranges_and_carried_units(vocab):
    figs = figures("Forecasters expect between 100 and 150 millimetres of rain.", vocab)
    assert [(f.low, f.high, f.unit, f.base_value) for f in figs] == [(100, 150, "millimetres", pytest.approx(0.1))]
    figs = figures("Temperatures reached 40C in Seville and 38 in Cordoba.", vocab)
    assert [(f.value, f.unit, f.base_value) for f in figs] == [(40, "°C", pytest.approx(313.15)),
                                                                (38, "°C", pytest.approx(311.15))]
    figs = figures("Wind speeds of 40-50mph are expected.", vocab)
    assert [(f.low, f.high, f.unit) for f in figs] == [(40, 50, "mph")]


def test_zero_to_sixty_is_a_benchmark_not_a_range(vocab):
    figs = figures("The car does 0-62mph in 3.9 seconds.", vocab)
    assert [(f.value, f.high, f.unit) for f in figs] == [(62, None, "mph"), (3.9, None, "seconds")]


def test_fractions_of_a_unit(vocab):
    figs = figures("A tow of barges can stretch a quarter of a mile.", vocab)
    assert [(f.value, f.unit) for f in figs] == [(0.25, "miles")]


def test_ounces_of_gold_are_troy_ounces(vocab):
    gold = one("The mine produced 500,000 ounces of gold.", vocab)
    sugar = one("Each bar contains 2 ounces of sugar.", vocab)
    assert (gold.unit, sugar.unit) == ("ounces", "ounces")
    assert gold.base_value == pytest.approx(500_000 * 0.0311034768)
    assert sugar.base_value == pytest.approx(2 * 0.028349523125)


# ---------------------------------------------------------------------------------------
# Temperatures: the document's scale, and differences never mixed with readings.

def test_bare_degrees_take_the_documents_scale(vocab):
    celsius = "Seville hit 44C. London reached 34 degrees."
    fahrenheit = "Phoenix hit 118F on Monday. Las Vegas reached 117 degrees."
    assert document_context(celsius, vocab).degrees == "°C"
    assert document_context(fahrenheit, vocab).degrees == "°F"
    f = figures(celsius[celsius.index("London"):], vocab, document_context(celsius, vocab))[0]
    assert (f.value, f.unit, f.unit_text, f.base_value) == (34, "°C", "degrees", pytest.approx(307.15))
    f = figures(fahrenheit[fahrenheit.index("Las"):], vocab, document_context(fahrenheit, vocab))[0]
    assert (f.unit, f.base_value) == ("°F", pytest.approx(320.372222222))
    unknown = one("It was 30 degrees.", vocab)  # no scale anywhere: read, not converted
    assert (unknown.unit, unknown.base_value, unknown.base_unit) == ("degrees", None, None)
    angle = figures("The car made a 180-degree turn.", vocab, Context(degrees="°C"))[0]
    assert (angle.unit, angle.base_unit) == ("degrees", None)


@pytest.mark.parametrize("text, value, base_value", [
    ("The world must limit warming to 1.5C above pre-industrial levels.", 1.5, 1.5),
    ("Policies put the world on course for 2.7C of warming.", 2.7, 2.7),
    ("Temperatures were 3F above average.", 3, 3 * 5 / 9),
    ("The record was beaten by 1.6C.", 1.6, 1.6),
])
def test_temperature_differences_have_no_offset(vocab, text, value, base_value):
    f = one(text, vocab)
    assert (f.value, f.base_unit) == (value, "ΔK")
    assert f.base_value == pytest.approx(base_value)


# ---------------------------------------------------------------------------------------
# What is not a unit.

@pytest.mark.parametrize("text, expected", [
    ("The meeting starts at 2.15pm.", []),
    ("Section 427 applies to the deal.", []),
    ("The G7 met in Italy.", []),
    ("The club paid £600m for the site.", [(6e8, "GBP")]),
    ("About 5m people live in the city.", [(5e6, "people")]),
    ("Turnover was 5m in the year.", []),  # a glued m with no sign of metres is no figure
    ("The 1.5m-strong union voted.", []),
    ("He lives in No 10 and flies an A380.", []),
    ("The Boeing 777F landed in Leipzig.", []),
    ("Streaming in 4K over 5G in 3D.", []),
    ("Apple's iPhone 16 and Samsung's Galaxy S24.", []),
    ("It cost 50 dollars a barrel.", [(50, "USD")]),
])
def test_what_is_not_a_unit(vocab, text, expected):
    assert [(f.value, f.unit) for f in figures(text, vocab)] == expected


def test_in_and_a_are_not_units(vocab):
    assert [(f.value, f.unit) for f in figures("He scored 3 in the first half.", vocab)] == [(3, None)]
    figs = figures("He is 6ft 4in tall.", vocab)  # glued to a number, "in" is inches
    assert [(f.value, f.unit) for f in figs] == [(6, "feet"), (4, "inches")]


def test_money_stays_iso_coded(vocab):
    figs = figures("A £1.2bn, 300 MW project, costing $80 a barrel of oil.", vocab)
    assert [(f.value, f.unit, f.kind, f.base_unit) for f in figs] == [
        (1.2e9, "GBP", "money", None), (300, "megawatts", "quantity", "W"), (80, "USD", "money", None)]


def test_pounds_weight_and_pounds_money(vocab):
    assert [(f.value, f.unit) for f in figures("A 500-pound bomb fell.", vocab)] == [(500, "lb")]
    assert [(f.value, f.unit) for f in figures("He paid 5 million pounds.", vocab)] == [(5e6, "GBP")]


# ---------------------------------------------------------------------------------------
# Measures for physical quantities.

def _measures(text, vocab):
    return [(f.surface, f.measure) for c in extract_text(text, "d.txt", vocab) for f in c.figures]


def test_measures_fit_the_dimension(vocab):
    assert _measures("The Baltic pipeline will be 1,000 km long.", vocab) == [("1,000 km", "length")]
    assert _measures("Temperatures hit 40C in Seville.", vocab) == [("40C", "temperature")]
    assert _measures("Winds of 120 km/h battered the coast.", vocab) == [("120 km/h", "speed")]
    assert _measures("The fire has burned 5,000 hectares.", vocab) == [("5,000 hectares", "area")]
    # "long" names a length, never a temperature
    assert _measures("It was 40C for a long time.", vocab) == [("40C", None)]
    assert _measures("Saudi Arabia will cut output by 500,000 bpd.", vocab) == [("500,000 bpd", "production")]


# ---------------------------------------------------------------------------------------
# The registry: pint, loaded lazily, once per process; every unit of the data file converts.

def test_every_unit_in_the_data_file_converts(vocab):
    table = quantities.table(vocab)
    for key, unit in table.units.items():
        if unit.pint is None:
            continue  # decibels and bare degrees are read, never converted
        assert unit.dimension in table.dimensions, key
        assert quantities.linear(vocab, unit) is not None, key
    for form, (key, scale, per) in table.symbols.items():
        assert key in table.units, form


def test_one_registry_per_process(tmp_path):
    a = load_vocab(user_dir=tmp_path / "a")
    b = load_vocab(user_dir=tmp_path / "b")
    assert quantities.registry(a) is quantities.registry(b)


def test_version_and_money_never_import_pint():
    code = ("import sys\n"
            "from typer.testing import CliRunner\n"
            "from claimtrack.cli import app\n"
            "assert CliRunner().invoke(app, ['--version']).exit_code == 0\n"
            "from claimtrack.extract import extract_text\n"
            "from claimtrack.vocab import load_vocab\n"
            "extract_text('The club paid £600m, up 5%, for 6,000 jobs.', 'd', load_vocab())\n"
            "print('pint' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_extraction_is_pure(vocab):
    text = "The 680-km pipeline carries 10 bcm a year; 35C heat."
    assert figures(text, vocab) == figures(text, vocab)
    fresh = load_vocab(user_dir=ROOT / "no-such-data")
    assert figures(text, fresh) == figures(text, vocab)


def test_user_data_adds_a_unit(tmp_path):
    (tmp_path / "quantities.toml").write_text(
        '[pint]\ndefinitions = ["smoot = 1.7018 * meter"]\n'
        '[units."smoots"]\ndimension = "length"\npint = "smoot"\nwords = ["smoot", "smoots"]\n', encoding="utf-8")
    vocab = load_vocab(user_dir=tmp_path)
    f = one("The bridge is 364 smoots long.", vocab)
    assert (f.unit, f.base_unit) == ("smoots", "m")
    assert f.base_value == pytest.approx(364 * 1.7018)


# ---------------------------------------------------------------------------------------
# Helpers the cross-check and the list filters use.

@pytest.mark.parametrize("text, base_value, base_unit", [
    ("500km", 500_000, "m"), ("1,000 miles", 1_609_344, "m"), ("35C", 308.15, "K"),
    ("2.5 million barrels a day", 4.60032682083, "m³/s"), ("6 GB", 6e9, "B"), ("-5 °C", 268.15, "K"),
])
def test_parse_quantity(vocab, text, base_value, base_unit):
    value, unit = quantities.parse_quantity(text, vocab)
    assert unit == base_unit
    assert value == pytest.approx(base_value)


@pytest.mark.parametrize("text", ["500", "five km", "500 widgets", "km", ""])
def test_parse_quantity_needs_a_number_and_a_unit(vocab, text):
    assert quantities.parse_quantity(text, vocab) is None


def test_slope_and_offset(vocab):
    # a linear unit: the ratio of the stored values
    assert quantities.slope_and_offset("miles", "m", 621, 999_402.624, vocab) == (pytest.approx(1609.344), 0.0)
    # temperatures: offset for readings, none for differences, also at zero
    assert quantities.slope_and_offset("°F", "K", 0, 255.372222, vocab) == (pytest.approx(5 / 9), pytest.approx(255.3722222))
    assert quantities.slope_and_offset("°C", "ΔK", 1.5, 1.5, vocab) == (pytest.approx(1.0), 0.0)
    assert quantities.slope_and_offset("kilometres", "m", 0, 0, vocab) == (pytest.approx(1000), 0.0)


# ---------------------------------------------------------------------------------------
# Cross-checking physical figures (check.py groups by base unit: patch (a)).

# These pass once check.py groups physical figures by base unit (patch (a) in the issue's
# report); until then they are expected failures. Remove the mark with the patch.

PIPELINE_A = ("Nordgas approves Baltic Crossing pipeline\n"
              "The Baltic Crossing pipeline will be {length} long, Nordgas said on Monday. "
              "Nordgas expects the Baltic Crossing pipeline to carry gas from Norway to Poland by 2027.\n")
PIPELINE_B = ("Baltic Crossing gets go-ahead\n"
              "The Baltic Crossing pipeline, built by Nordgas, will stretch {length} from Norway to Poland. "
              "Nordgas has ordered the steel for the Baltic Crossing pipeline.\n")


def _check(tmp_path, length_a, length_b):
    folder = tmp_path / "coverage"
    folder.mkdir()
    (folder / "outlet_a.txt").write_text(PIPELINE_A.format(length=length_a), encoding="utf-8")
    (folder / "outlet_b.txt").write_text(PIPELINE_B.format(length=length_b), encoding="utf-8")
    cli = Cli(tmp_path / "claims.db")
    result = cli("ingest", str(folder), "--jobs", "1")
    assert result.exit_code == 0, result.output
    result = cli("check", "figures", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    return [g for g in report["groups"] if g["measure"] == "length"]


def test_one_length_in_kilometres_and_miles_is_corroborated(tmp_path, monkeypatch):
    """Needs patch (a): without it "1,000 km" and "621 miles" are two single-source groups."""
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    groups = _check(tmp_path, "1,000 km", "621 miles")
    assert [(g["verdict"], g["sources"], len(g["statements"])) for g in groups] == [("corroborated", 2, 2)]


def test_two_lengths_in_kilometres_conflict(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    groups = _check(tmp_path, "1,000 km", "800 km")
    assert [(g["verdict"], g["sources"]) for g in groups] == [("conflict", 2)]


def test_a_length_in_miles_that_disagrees_conflicts(tmp_path, monkeypatch):
    """Needs patch (a): 1,000 km is 621 miles, not 500."""
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    groups = _check(tmp_path, "1,000 km", "500 miles")
    assert [(g["verdict"], g["sources"]) for g in groups] == [("conflict", 2)]


def test_rounding_tolerance_is_converted(tmp_path, monkeypatch):
    """Needs patch (a): "620 miles" stands for 997.0-998.6 km (half a mile either side, converted),
    so it does not corroborate "1,000 km" (999.5-1,000.5 km), while "621 miles" does."""
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    groups = _check(tmp_path, "1,000 km", "620 miles")
    assert [g["verdict"] for g in groups] == ["conflict"]


# ---------------------------------------------------------------------------------------
# `list --min/--max` with a quantity compares physical figures in their base unit (patch (b)).

def test_list_min_max_with_units(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "pipes.txt").write_text(
        "The Baltic pipeline will be 621 miles long. The spur line will be 300 km long. "
        "The project will cost $2bn. Temperatures reached 40C at the site.\n", encoding="utf-8")
    cli = Cli(tmp_path / "claims.db")
    assert cli("ingest", str(folder), "--jobs", "1").exit_code == 0

    def texts(*args):
        return sorted(r["text"][:20] for r in cli.json("list", *args))

    assert texts("--min", "500km") == ["The Baltic pipeline "]  # 621 miles is 999 km
    assert texts("--min", "500 miles") == ["The Baltic pipeline "]
    assert texts("--max", "400km") == ["The spur line will b"]
    assert texts("--min", "100F") == ["Temperatures reached"]  # 40C is 104F
    assert texts("--min", "1e9") == ["The project will cos"]  # a plain number: as before
    result = cli("list", "--min", "500 widgets")
    assert result.exit_code == 2 and "500 widgets" in result.output


# ---------------------------------------------------------------------------------------
# Money: never compared across currencies, unless `check figures --fx RATES` (patch (c)).

LOAN_A = ("Nordgas signs Baltic Crossing loan\n"
          "Nordgas has signed a {amount} loan for the Baltic Crossing pipeline, the company said on Monday. "
          "Nordgas expects the Baltic Crossing pipeline to open in 2027.\n")
LOAN_B = ("Baltic Crossing funding agreed\n"
          "Nordgas has secured a {amount} loan for the Baltic Crossing pipeline. "
          "The Baltic Crossing pipeline will carry gas from Norway, Nordgas said.\n")


def _check_money(tmp_path, amount_a, amount_b, *options):
    tmp_path = tmp_path / f"{amount_a}-{amount_b}"
    folder = tmp_path / "coverage"
    folder.mkdir(parents=True)
    (folder / "outlet_a.txt").write_text(LOAN_A.format(amount=amount_a), encoding="utf-8")
    (folder / "outlet_b.txt").write_text(LOAN_B.format(amount=amount_b), encoding="utf-8")
    cli = Cli(tmp_path / "claims.db")
    assert cli("ingest", str(folder), "--jobs", "1").exit_code == 0
    result = cli("check", "figures", "--format", "json", *options)
    assert result.exit_code in (0, 1), result.output
    return sorted((g["unit"], g["verdict"], g["sources"]) for g in json.loads(result.stdout)["groups"]
                  if g["measure"] == "financing")


def test_different_currencies_are_never_compared(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    assert _check_money(tmp_path, "$1.25bn", "£1bn") == [("GBP", "single-source", 1), ("USD", "single-source", 1)]


def test_rates_let_currencies_be_compared(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    rates = tmp_path / "rates.json"
    rates.write_text(json.dumps({"to": "USD", "rates": {"GBP": 1.25}}), encoding="utf-8")
    assert _check_money(tmp_path, "$1.25bn", "£1bn", "--fx", str(rates)) == [("USD", "corroborated", 2)]
    csv_rates = tmp_path / "rates.csv"
    csv_rates.write_text("from,to,rate\nGBP,USD,1.25\n", encoding="utf-8")
    # £1.4bn is $1.75bn at that rate, give or take $62.5m and the rates' 2%
    assert _check_money(tmp_path, "$1.25bn", "£1.4bn", "--fx", str(csv_rates)) == [("USD", "conflict", 2)]


def test_rates_do_not_loosen_one_currency(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    rates = tmp_path / "rates.json"
    rates.write_text(json.dumps({"to": "USD", "rates": {"GBP": 1.25}, "tolerance": 0.05}), encoding="utf-8")
    # both in pounds: compared as stated, not within the rates' 5%
    assert _check_money(tmp_path, "£600m", "£610m", "--fx", str(rates)) == [("USD", "conflict", 2)]
    bad = tmp_path / "bad.csv"
    bad.write_text("from,to,rate\nGBP,USD,1.25\nEUR,GBP,0.85\n", encoding="utf-8")
    result = Cli(tmp_path / "claims.db")("check", "figures", "--fx", str(bad))
    assert result.exit_code == 2 and "one currency" in result.output
