"""Sentence in, figures out: the reading news needs (British and American styles)."""

import pytest

from claimtrack.figures import Context, document_context, find_figures


def figures(text, vocab, ctx=None):
    figs, _ = find_figures(text, 0, len(text), vocab, ctx or document_context(text, vocab))
    return figs


def values(text, vocab):
    return [(f.value, f.unit) for f in figures(text, vocab)]


def rounded(pairs):
    """(value, unit) pairs with values to six decimals: a third is 33.333333, however computed."""
    return [(round(v, 6), u) for v, u in pairs]


@pytest.mark.parametrize("text, expected", [
    ("The lender agreed a $1.25 billion facility.", [(1.25e9, "USD")]),
    ("It raised US$2bn from investors.", [(2e9, "USD")]),
    ("The club paid £600m for the site.", [(6e8, "GBP")]),
    ("Fines of €10.6m were imposed.", [(10.6e6, "EUR")]),
    ("The council spent 10.6m euros on roads.", [(10.6e6, "EUR")]),
    ("Eskom carries a 418bn-rand debt pile.", [(418e9, "ZAR")]),
    ("The scheme costs Rs 5 crore.", [(5e7, "INR")]),
    ("Karachi traders lost PKR 50 lakh in the fire.", [(5e6, "PKR")]),
    ("Japan approved a 1.2 trillion yen package.", [(1.2e12, "JPY")]),
    ("Profit was $1.13bn (£600m) last year.", [(1.13e9, "USD"), (6e8, "GBP")]),
    ("Sales reached 3 million dollars.", [(3e6, "USD")]),
])
def test_money(vocab, text, expected):
    assert values(text, vocab) == expected


def test_bare_dollar_follows_the_documents_dollar(vocab):
    text = "The Australian dollar fell. Qantas lost $200m."
    ctx = document_context(text, vocab)
    assert ctx.dollar == "AUD"
    figs, _ = find_figures(text, text.index("Qantas"), len(text), vocab, ctx)
    assert [(f.value, f.unit) for f in figs] == [(2e8, "AUD")]
    assert document_context("Apple earned $5bn.", vocab).dollar == "USD"


@pytest.mark.parametrize("text, expected", [
    ("Shares jumped 76% on Monday.", [(76, "percent")]),
    ("Inflation hit 8 per cent in Britain.", [(8, "percent")]),
    ("Support grew 8 percent among voters.", [(8, "percent")]),
    ("Labour's lead widened by 2 percentage points.", [(2, "percentage points")]),
    ("A third of adults and half of all children were affected.", [(100 / 3, "percent"), (50, "percent")]),
    ("One in four firms expects to cut staff.", [(25, "percent")]),
    ("Profits doubled while costs rose three times as fast.", [(2, "times"), (3, "times")]),
])
def test_percentages_proportions_multipliers(vocab, text, expected):
    got = values(text, vocab)
    assert rounded(got) == rounded(expected)


@pytest.mark.parametrize("text, expected", [
    ("The plant will create 6,000 jobs.", [(6000, "jobs")]),
    ("The service has 464,000 subscribers.", [(464000, "subscribers")]),
    ("About 816 000 people live in the city.", [(816000, "people")]),
    ("Police arrested 1,250 protesters.", [(1250, "protesters")]),
    ("Two million homes lost power.", [(2e6, "homes")]),
    ("A dozen firms bid for the contract.", [(12, "firms")]),
    ("Five workers were injured.", [(5, "workers")]),
    ("It was a six-day strike.", [(6, "days")]),
    ("A 73-year-old man was arrested.", [(73, "years")]),
    ("The strike cost 6,000 jobs in Wales and 7,500 in Scotland.", [(6000, "jobs"), (7500, "jobs")]),
])
def test_counts(vocab, text, expected):
    assert values(text, vocab) == expected


def test_vague_quantities(vocab):
    figs = figures("Thousands of residents and hundreds of nurses marched.", vocab)
    assert [(f.value, f.unit, f.approx) for f in figs] == [
        (1000, "people", "vague_at_least"), (100, "nurses", "vague_at_least")]


@pytest.mark.parametrize("text, approx", [
    ("The project will cost around $7 billion.", "around"),
    ("It could import up to $2 billion of equipment.", "up_to"),
    ("More than 300 people were evacuated.", "more_than"),
    ("Fewer than 40 staff remain.", "less_than"),
    ("Nearly 8% of voters are undecided.", "around"),
    ("The mine aims for production by 2028.", "by"),
])
def test_approximation(vocab, text, approx):
    figs = figures(text, vocab)
    assert len(figs) == 1 and figs[0].approx == approx


def test_deadline_year_is_a_figure_but_other_years_are_dates(vocab):
    figs, dates = find_figures(*(t := ("Output began in 2004 and will double by 2030.",)), 0, len(t[0]), vocab)
    assert [(f.value, f.unit) for f in figs] == [(2, "times"), (2030, "year")]
    assert [d.value for d in dates] == ["2004"]


@pytest.mark.parametrize("text, low, high, unit", [
    ("The deal is worth $1–2 billion.", 1e9, 2e9, "USD"),
    ("Growth of between 5% and 7% is forecast.", 5, 7, "percent"),
    ("Analysts expect 5-7% growth.", 5, 7, "percent"),
    ("It will cost $1bn-$2bn.", 1e9, 2e9, "USD"),
])
def test_ranges_keep_both_ends(vocab, text, low, high, unit):
    figs = figures(text, vocab)
    assert len(figs) == 1
    assert (figs[0].low, figs[0].high, figs[0].unit) == (low, high, unit)
    assert figs[0].value == low  # never the mean


def test_change_roles(vocab):
    figs = figures("Profits jumped 76% to $1.13bn from $639m.", vocab)
    assert [(f.surface, f.role) for f in figs] == [("76%", "change"), ("$1.13bn", "new"), ("$639m", "old")]


def test_change_by(vocab):
    figs = figures("Revenue fell by 3% to £2.1bn.", vocab)
    assert [(f.value, f.role) for f in figs] == [(3, "change"), (2.1e9, "new")]


@pytest.mark.parametrize("text", [
    "It was the company's first year of trading and its fourth quarter.",
    "Leaders of the G8 met to discuss Shrek 2 and Firefox 1.0.",
    "See pic.twitter.com/8EklYNLQpX and follow @usembislamabad for more.",
    "It is one of the world's largest copper deposits.",
    "The meeting started at 2.15pm and ended at 10:30.",
    "Both nations called it a win-win deal.",
    "Covid-19 restrictions ended under Section 427.",
    "It was signed on December 10, 2025.",
    "In the 21st century, no one expected it.",
])
def test_never_a_figure(vocab, text):
    assert figures(text, vocab) == []


def test_dates_are_typed_as_dates(vocab):
    text = "— U.S. Embassy Islamabad (@usembislamabad) December 10, 2025"
    figs, dates = find_figures(text, 0, len(text), vocab)
    assert figs == []
    assert [d.value for d in dates] == ["2025-12-10"]
    _, dates = find_figures(t := "It opened on 10 March 2024 and closed in May 2025.", 0, len(t), vocab)
    assert [d.value for d in dates] == ["2024-03-10", "2025-05"]


def test_spans_are_document_offsets(vocab):
    text = "Intro sentence. The bank lent $5m to 20 farmers."
    start = text.index("The")
    figs, _ = find_figures(text, start, len(text), vocab, Context())
    assert [text[f.start:f.end] for f in figs] == ["$5m", "20 farmers"]


def test_each_spreads_over_the_holders(vocab):
    figs = figures("The mine is owned 25% each by Canada's Barrick and Chile's Antofagasta.", vocab)
    assert [(f.value, f.holder) for f in figs] == [(25, "Barrick"), (25, "Antofagasta")]


def test_negative_numbers(vocab):
    assert values("Prices changed by -0.3% in March.", vocab) == [(-0.3, "percent")]


@pytest.mark.parametrize("text, expected", [
    ("The Fed cut rates by a quarter of a percentage point.", [(0.25, "percentage points")]),
    ("Supporters objected to a third increase in prices.", []),
    ("The pension rises to R2 315.", [(2315, "ZAR")]),
    ("Budgets were cut by half.", [(50, "percent")]),
])
def test_point_fractions_ordinals_and_spaced_thousands(vocab, text, expected):
    assert rounded(values(text, vocab)) == expected
    for f in figures(text, vocab):
        assert f.approx == "exact"


def test_change_roles_when_the_verb_stands_before_a_long_figure(vocab):
    # The verb is more than a few words before "from": the chain of change -> new -> old holds.
    figs = figures("Group turnover increased 13.2 percent to A$1.33 billion from A$1.18bn.", vocab)
    assert [f.role for f in figs] == ["change", "new", "old"]
    # No change verb at all: "leading by 47% to 45%" is two levels, not a change to a new one.
    figs = figures("The poll showed Brennan leading by 47% to 45%.", vocab)
    assert figs[1].role != "new"


def test_a_month_or_day_is_not_a_place(vocab):
    from claimtrack.extract import extract_text
    [claim] = extract_text("Inflation eased to 3.4% in August.", "d.txt", vocab)
    assert claim.figures[0].where is None
    [claim] = extract_text("Unemployment rose to 5.1% in Scotland.", "d.txt", vocab)
    assert claim.figures[0].where == "Scotland"


@pytest.mark.parametrize("text, expected", [
    ("Ridgeline will pay 415p a share.", [(4.15, "GBP")]),
    ("Tariffs rise to 24.86p per kilowatt hour.", [(0.2486, "GBP")]),
    ("The increases range from 25 cents to $2.50 an hour.", [(0.25, "USD"), (2.5, "USD")]),
    ("A 10p coin and 50 pence.", [(0.1, "GBP"), (0.5, "GBP")]),
])
def test_pence_and_cents_are_money(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("There have been 2,911 confirmed cases of measles.", [(2911, "cases")]),
    ("It is one of 14 train operating companies.", [(14, "companies")]),
    ("It will build two U.S. battery plants.", [(2, "plants")]),
    ("Nearly 25,000 search and rescue workers were deployed.", [(25000, "workers")]),
    ("It hired 300 staff and 40 contractors.", [(300, "staff"), (40, "contractors")]),
    ("creating 2,400 full-time manufacturing jobs in Georgia and 650 in Kentucky.", [(2400, "jobs"), (650, "jobs")]),
    ("The plants will create 2,400 and 650 jobs.", [(2400, "jobs"), (650, "jobs")]),
    ("Some 5,000 gathered outside parliament.", [(5000, None)]),
    ("as many as nine in 10 unvaccinated contacts", [(90, "percent")]),
    ("1 in 5 children", [(20, "percent")]),
    ("He scored 2 in 90 minutes.", [(2, None), (90, "minutes")]),
    ("a pay cut of a fifth in real terms", [(20, "percent")]),
    ("children aged six months to 11 years", [(6, "months"), (11, "years")]),
])
def test_counted_nouns_proportions_and_ages(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_capitalised_aged_is_no_name_before_its_number(vocab):
    [fig] = figures("Aged 18 to 24, they vote less.", vocab)
    assert (fig.low, fig.high, fig.unit) == (18, 24, "years")


@pytest.mark.parametrize("text, expected", [
    # compared with an earlier figure of a similar size, not with the nearest one
    ("Some 221,000 patients had been waiting more than 52 weeks, down from a peak of 410,000 in 2022.",
     [(221000, "patients"), (52, "weeks"), (410000, "patients")]),
    ("An average of 5,074 patients were in hospital each day, up from 2,983.", [(5074, "patients"), (2983, "patients")]),
    ("It plans to close 25 of the city’s 35 libraries.", [(25, "libraries"), (35, "libraries")]),
    ("Revenue rose 14.2% to NZ$106 million from 90 million NZD.",
     [(14.2, "percent"), (1.06e8, "NZD"), (9e7, "NZD")]),
])
def test_units_carried_by_comparison_and_partitives(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_comparison_does_not_borrow_a_unit_of_another_size(vocab):
    assert values("The team scored 3 goals, up from 1,500 last season.", vocab)[1] == (1500, None)


@pytest.mark.parametrize("text, expected", [
    ("Online orders climbed to 1.2 million a week.", [(1.2e6, "orders")]),
    ("Paid subscribers rose to 287.9 million from 250 million.", [(2.879e8, "subscribers"), (2.5e8, "subscribers")]),
    ("Prices rose to 3.4.", [(3.4, None)]),  # what is measured, not what is counted
    ("Measles cases rose by 20 per cent to an estimated 10.3 million.", [(20, "percent"), (1.03e7, "cases")]),
])
def test_a_level_reached_counts_the_verbs_subject(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("The death toll from the earthquake passed 1,300 on Tuesday.", (1300, "people", "casualties")),
    ("A crowd of 31,204 watched the match.", (31204, "people", "attendance")),
    ("The waiting list for hospital treatment fell to 7.54 million.", (7.54e6, "patients", "waiting_list")),
])
def test_a_bare_number_of_a_people_measure_counts_people(vocab, text, expected):
    from claimtrack.extract import extract_text
    [claim] = extract_text(text, "d.txt", vocab)
    assert [(f.value, f.unit, f.measure) for f in claim.figures] == [expected]


def test_a_year_after_until_or_since_is_a_date(vocab):
    # "until 2027" is as often a plain date ("known as junior doctors until 2024") as a claim
    assert figures("They were known as junior doctors until 2024.", vocab) == []
    assert figures("Prices have risen since 2019.", vocab) == []
    assert figures("Prices were stable before 2020.", vocab) == []


@pytest.mark.parametrize("text, year", [
    ("The next general election is not due until 2029.", 2029),
    ("It would take until 2030 to close the gap.", 2030),
    ("The Fed does not expect inflation to return to its target until 2027.", 2027),
    ("The contract runs until 2028, the company said.", 2028),
    ("The plant will not open before 2026.", 2026),
])
def test_a_year_a_forward_looking_clause_waits_for_is_the_claim(vocab, text, year):
    figs, dates = find_figures(text, 0, len(text), vocab)
    assert [(f.value, f.unit, f.approx) for f in figs] == [(year, "year", "exact")]
    assert dates == []  # the claim, not also a date


@pytest.mark.parametrize("text, expected", [
    ("Two of the 12 voting members have argued for a pause.", [(2, "members"), (12, "members")]),
    ("City have won only two of their past 10 away games.", [(2, "games"), (10, "games")]),
    ("Two clubs go up automatically, and the next four enter the play-offs.", [(2, "clubs"), (4, "clubs")]),
    ("The firm has fitted monitors to all 1,870 of its overflows.", [(1870, "overflows")]),
    ("The other two declined to comment.", []),  # nothing lends them a noun
    ("It is one of the 12 largest banks.", [(12, "banks")]),
])
def test_numbers_whose_noun_stands_elsewhere(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rovers go top with a 3-1 win over City. The striker's goal came late.", [(3, "goals"), (1, "goals")]),
    ("The Supreme Court ruled 6-3 on Friday.", [(6, "votes"), (3, "votes")]),
    ("The Senate voted 68 to 31 late Friday to approve the bill.", [(68, "votes"), (31, "votes")]),
    ("The House passed it by a vote of 301 to 122.", [(301, "votes"), (122, "votes")]),
    ("They lost 2-3 in the final.", [(2, None), (3, None)]),  # a score, never the range 2-3
    ("Prices rose 5-7% last year.", [(5, "percent")]),  # a range, no result in sight
])
def test_scores_and_tallies_are_two_figures(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    # a bond's or mortgage's term names the product
    ("The yield on 10-year Treasuries rose 14 basis points to 4.79%.", [(14, "basis points"), (4.79, "percent")]),
    ("The average two-year fixed mortgage rate stood at 6.71 per cent.", [(6.71, "percent")]),
    ("The strike will last six days.", [(6, "days")]),
    # a stock index's level is in points
    ("The S&P 500 fell 1.2% to 4,512.3 at the close.", [(1.2, "percent"), (4512.3, "points")]),
    ("The Shanghai Composite was little changed at 3,078.", [(3078, "points")]),
    # the counted noun comes from the subject of the change, through "they" and "for"
    ("Car thefts have risen for three years, and in Washington they climbed to 4,881.",
     [(3, "years"), (4881, "thefts")]),
    ("Mortgage approvals for house purchases fell to 45,400 in August from 49,400 in July.",
     [(45400, "approvals"), (49400, "approvals")]),
    ("Enrollment has grown by about 400 students since 2020 to 5,860.", [(400, "students"), (5860, "students")]),
    ("The season has produced 13 named storms, compared with an average of 14.", [(13, "storms"), (14, "storms")]),
])
def test_units_read_from_the_sentence_around_the_number(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("We expect to turn a profit by March 2026, he said.", [(2026, "year", "by")]),
    ("The company plans to submit its application in the second half of 2025.", [(2025, "year", "exact")]),
    # a deadline is a claim beside the figure it is set for, however the year is written
    ("The rate will fall to about 3.9% by the end of 2025.", [(3.9, "percent", "around"), (2025, "year", "by")]),
    ("Under the plan, 1,000 more probation staff will be recruited by March 2028.",
     [(1000, "staff", "exact"), (2028, "year", "by")]),
    # the year an event is due is the claim, past a second verb phrase with a figure of its
    # own (figures21 and figures22 decided so; figures2 had left it out)
    ("Construction will begin in 2025 and employ 3,000 workers.", [(2025, "year", "exact"), (3000, "workers", "exact")]),
    ("Output will rise in 2025 by 3,000 tonnes.", [(3000, "tonnes", "exact")]),
    ("The mine opened in 2019.", []),
])
def test_deadlines_and_scheduled_years(vocab, text, expected):
    assert [(f.value, f.unit, f.approx) for f in figures(text, vocab)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Investors may dial 1-877-555-0143 for the replay.", []),
    ("Calls to 911 reporting shots fired dropped 22 percent.", [(22, "percent")]),
    ("Deaths rose to 112 last week.", [(112, "deaths")]),
    ("The homicide rate remains 18.3 per 100,000 residents.", [(18.3, None)]),  # the denominator is no claim
    ("Shrek 2 was released in cinemas.", []),
    ("Obrexitide 12 mg achieved a weight loss of 17.8%.", [(12, "milligrams"), (17.8, "percent")]),
    ("Investors pulled billions of dollars from bond funds.", [(1e9, "USD")]),
    ("The rand weakened 1.2 per cent to 18.45 against the dollar.", [(1.2, "percent"), (18.45, "ZAR")]),
    ("The forecast high is 97F, with a heat index of 110.", [(97, "°F"), (110, None)]),  # no stock index here
])
def test_what_is_and_is_not_a_figure_in_context(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("The club will sell the midfielder Kofi Mensah, 27, for around £45m.", [(27, "years"), (45e6, "GBP")]),
    ("Helen Ward, 41, said her rent had risen.", [(41, "years")]),
    ("In Leeds, 45 people died.", [(45, "people")]),
    ("More than 150 residents packed the meeting, and 41 signed up to speak.", [(150, "people"), (41, "people")]),
    ("Sales rose 5% and 2024 was a record.", [(5, "percent")]),
    ("Most cases have been in children under 10.", [(10, "years")]),
    ("Helen Ward, a mother of three, said the street was dirty.", [(3, "people")]),
    ("The rise is almost twice the normal cap.", [(2, "times")]),
    ("The committee meets twice a week.", []),
    ("People over 65 will be offered the jab first.", [(65, "years")]),
    ("Homes to rent are down by a third compared with last year.", [(100 / 3, "percent")]),
    ("The contract went to a third party.", []),
])
def test_ages_in_apposition_and_fractions_before_a_comparison(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text", [
    "Two million people and a dozen firms; twenty-five of them left, one hundred and five stayed.",
    "A third of staff and two-thirds of managers, up from one in four, a half-point cut.",
    "The tenant, a fivefold rise, seventy-seven thousand, a million tonnes, one-tenth.",
])
def test_number_word_patterns_cut_to_the_sentence_find_what_the_whole_vocabulary_finds(vocab, text):
    from claimtrack.figures import _fraction_pattern, _present_pattern, _word_number_pattern, lexicon
    from claimtrack.vocab import ascii_words
    lex = lexicon(vocab)
    words = ascii_words(text)
    whole_numbers = _word_number_pattern([entry for entries in lex.number_word_tokens.values() for entry, _ in entries])
    assert [m.span() for m in _present_pattern(lex, "numbers", words).finditer(text)] == \
        [m.span() for m in whole_numbers.finditer(text)]
    assert [m.span() for m in _present_pattern(lex, "fractions", words).finditer(text)] == \
        [m.span() for m in _fraction_pattern(lex.fractions).finditer(text)]


@pytest.mark.parametrize("text, expected", [
    # a part of the clause's head figure, not of the nearest one
    ("The chain has 300 stores in 20 countries, including 45 in France.",
     [(300, "stores"), (20, "countries"), (45, "stores")]),
    ("Police arrested 250 people in 12 cities, of whom 40 were charged.",
     [(250, "people"), (12, "cities"), (40, "people")]),
    # a small number in words compared with an earlier count
    ("Five banks failed this year, compared with three last year.", [(5, "banks"), (3, "banks")]),
    ("Traders now see two rate cuts this year, down from three a week ago.", [(2, "cuts"), (3, "cuts")]),
    # the quarter point inside the counted noun is a figure too, and lends the three no unit
    ("Traders now see two quarter-point cuts, down from three.",
     [(2, "cuts"), (0.25, "percentage points"), (3, "cuts")]),
    ("It raised VAT by half a percentage point and another half point next year.",
     [(0.5, "percentage points"), (0.5, "percentage points")]),
    # "below the ... average of"
    ("Approvals fell to 45,400, well below the pre-pandemic monthly average of about 66,000.",
     [(45400, "approvals"), (66000, "approvals")]),
    # a fraction before a comparison word
    ("The average flat is worth £1.1m, nearly a fifth below its peak.", [(1.1e6, "GBP"), (20, "percent")]),
    ("Fares are a third higher than in 2019.", [(100 / 3, "percent")]),
])
def test_numbers_compared_or_included_count_what_their_whole_counts(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("Tickets for the club's 61,500-capacity stadium sold out.", [(61500, "people")]),
    ("A 300-bed hospital and a 20,000-seat arena are planned.", [(300, "beds"), (20000, "seats")]),
    ("The company's 41,000-strong workforce faces cuts.", [(41000, "workers")]),
    ("A five-member panel will decide.", [(5, "members")]),
    ("A 40-foot wall and a six-day strike.", [(40, "feet"), (6, "days")]),  # units come first
])
def test_a_hyphenated_word_can_name_what_is_counted(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_bare_degrees_in_an_american_story_is_fahrenheit(vocab):
    us = "NEW ORLEANS, La. (AP) — Winds reached 130 mph. The temperature may reach 97 degrees on Friday."
    uk = "Temperatures could reach 30 degrees, the Met Office said, with rain of 40mm in places."
    british_mph = "Temperatures hit 32 degrees in London, with winds gusting to 40 mph."  # mph alone is no sign
    assert values(us, vocab)[-1] == (97, "°F")
    assert values(uk, vocab)[-1][1] != "°F"
    assert values(british_mph, vocab)[0][1] != "°F"


def test_a_document_giving_both_scales_reads_bare_degrees_in_the_one_it_writes_first(vocab):
    text = "Highs of 88F (31C) are expected. By Friday it could reach 97 degrees."
    assert values(text, vocab)[-1] == (97, "°F")
    text = "Highs of 31C (88F) are expected. By Friday it could reach 36 degrees."
    assert values(text, vocab)[-1] == (36, "°C")


@pytest.mark.parametrize("text, expected", [
    ("It added 5.1 million subscribers, far more than the 2.3 million analysts had forecast.",
     [(5.1e6, "subscribers"), (2.3e6, "subscribers")]),
    ("The bank hired 40 analysts in London.", [(40, "analysts")]),  # a count of analysts after all
    ("Istanbul, a city of more than 15 million, is at risk.", [(15e6, "people")]),
    ("Nigeria, home to about 220 million people, and Ghana, home to 34 million.",
     [(220e6, "people"), (34e6, "people")]),
])
def test_forecasters_and_populations(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("Turnout was 56.1%, up from 55% four years ago.", [(56.1, "percent"), (55, "percent")]),  # "ago" dates
    ("It employed 204,000 people, up from 181,000 two years earlier.", [(204000, "people"), (181000, "people")]),
    ("The storm became a major hurricane 36 hours later.", [(36, "hours")]),  # how fast: a figure
    ("($1 = 0.8657 euros)", [(0.8657, "EUR")]),  # the footnote's $1 is its unit
    ("The motorway was closed between exits 283 and 297 for 45 minutes.", [(45, "minutes")]),
    ("The firm breached Article 46(1) of the regulation.", []),
    ("The NDP promised to hire 1,000 more nurses.", [(1000, "nurses")]),
    ("It could mean 6,000 fewer officers.", [(6000, "officers")]),
    ("It employs 3,000 people and plans to hire another 500 by 2027.", [(3000, "people"), (500, "people"), (2027, "year")]),
    ("It runs nine plants in the U.S. and two in Canada.", [(9, "plants"), (2, "plants")]),
    ("Five of the derailed cars carried vinyl chloride and two were carrying ethanol.", [(5, "cars"), (2, "cars")]),
    ("The regulator's staff has grown to 290 from 110 in 2018.", [(290, "staff"), (110, "staff")]),
    ("The swing of roughly 3.8 points from the PCs to the NDP was the largest.", [(3.8, "percentage points")]),
])
def test_time_references_labels_and_counts_written_elsewhere(vocab, text, expected):
    assert values(text, vocab) == expected


def test_tons_are_tonnes_in_a_metric_document_and_short_tons_in_an_american_one(vocab):
    assert values("The crop was cut by 1.9 million metric tons to 78.4 million tons.", vocab) == \
        [(1.9e6, "tonnes"), (78.4e6, "tonnes")]
    assert values("The Ohio plant ships 40 tons of steel a day, 5 percent more.", vocab)[0][1] == "tons"


def test_a_marked_local_dollar_leaves_a_bare_dollar_american(vocab):
    text = "Revenue was $38.4 billion. The group is valued at HK$2.9 trillion in Hong Kong."
    assert values(text, vocab) == [(38.4e9, "USD"), (2.9e12, "HKD")]
    assert values("The Australian dollar fell. Qantas lost $200m.", vocab)[-1] == (2e8, "AUD")


@pytest.mark.parametrize("text, expected", [
    ("The zone was widened from a half-mile to one mile.", [(0.5, "miles"), (1, "miles")]),
    ("It was a half-hearted effort.", []),
    ("The railroad had been cited 14 times for track defects.", [(14, "occasions")]),
    ("The track had been inspected twice this year.", [(2, "occasions")]),
    ("Prices increased three times faster than wages.", [(3, "times")]),
    ("It is twice the size of the old plant.", [(2, "times")]),
    # grain prices in eighths; a Reuters time stamp is no figure
    ("Wheat was up 14-1/4 cents at $6.12-1/2 a bushel by 1049 GMT.", [(0.1425, "USD"), (6.125, "USD")]),
    ("Corn added 3-3/4 cents to $4.41 a bushel.", [(0.0375, "USD"), (4.41, "USD")]),  # no range
    ("Inflation added 2% to 3% to their rates.", [(2, "percent")]),  # a range (one figure, two ends)
])
def test_fractions_of_units_frequencies_and_grain_prices(vocab, text, expected):
    assert rounded(values(text, vocab)) == expected


def test_a_dateline_abbreviation_does_not_end_the_sentence(vocab):
    from claimtrack.segment import segment
    text = "MILLBROOK, Ill. — About 2,300 homes were evacuated. Officials said 31 cars derailed."
    assert [text[s.start:s.end] for s in segment(text, vocab)] == [
        "MILLBROOK, Ill. — About 2,300 homes were evacuated.", "Officials said 31 cars derailed."]


@pytest.mark.parametrize("text, expected", [
    ("Jamii Telkom profit rises 9pc to Sh68bn on mobile money growth", [(9, "percent"), (68e9, "KES")]),
    ("Revenue rose to 14.2 billion birr ($114 million).", [(14.2e9, "ETB"), (114e6, "USD")]),
    ("Miners produce about 450 bitcoin a day and the firm holds 439,000 BTC.", [(450, "BTC"), (439000, "BTC")]),
    ("Bitcoin Tops $108K as ETF Inflows Hit $1.4B in a Day", [(108000, "USD"), (1.4e9, "USD")]),
    # codes, labels, stamps and day ranges are no figures
    ("NHTSA's number for this recall is 25V-118.", []),
    ("The case is In re Bluebonnet Grill Holdings LLC, No. 25-90012.", []),
    ("Patients pay £26.80 for a band 1 check-up.", [(26.8, "GBP")]),
    ("Thu 6 Mar 2025 06.00 GMT", []),
    ("Traders see a 9% chance of a cut at the Fed's March 18-19 meeting.", [(9, "percent")]),
    ("S&P 500 futures and Nasdaq 100 futures each slipped 0.1%.", [(0.1, "percent")]),
    ("Rates remain roughly 140% above 2019 levels.", [(140, "percent")]),
    # what is counted, said elsewhere in the sentence
    ("The number of children admitted to hospital was 26,741 last year.", [(26741, "people")]),
    ("Capesize vessels haul 150,000- to 180,000-tonne cargoes.", [(150000, "tonnes"), (180000, "tonnes")]),
    ("She lives in a two-bedroom flat.", [(2, "bedrooms")]),
])
def test_currencies_codes_and_counts_of_business_news(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("The camera had frozen three times in a month.", [(3, "occasions")]),
    ("Revenue grew three times in a year to $5bn.", [(3, "times"), (5e9, "USD")]),
    ("The Taff peaked at 5.01m at Pontypridd.", [(5.01, "metres")]),
    ("The firm will invest Sh60 billion, including 1,200 new 4G and 5G sites.", [(60e9, "KES"), (1200, None)]),
    ("Health care added 44,000 jobs and retail added 34,000, while leisure gained 32,000.",
     [(44000, "jobs"), (34000, "jobs"), (32000, "jobs")]),
])
def test_frequencies_levels_and_parallel_verbs(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    # a label's number is masked, but never a figure that follows it
    ("Under Article 50, 3 million EU citizens were left in limbo.", [(3e6, "people")]),
    ("In section 2, 40% of respondents agreed.", [(40, "percent")]),
    ("Police closed junctions 4 and 5 and 300 homes lost power.", [(300, "homes")]),
    # a range of one glued unit is no code; an index followed by points is a move
    ("Highs of 30C-35C are expected.", [(30, "°C")]),
    ("The sell-off sent the Dow 500 points lower.", [(500, "points")]),
    # "N times" after a verb of growth is a multiple
    ("It has multiplied five times since 2000.", [(5, "times")]),
    ("Costs have increased four times since 2010.", [(4, "times")]),
    ("Bitcoin fell to 60,000 on Monday.", [(60000, None)]),  # a price, not an amount of bitcoin
])
def test_labels_ranges_and_multiples_are_read_as_news_means_them(vocab, text, expected):
    assert values(text, vocab) == expected


def test_metric_tons_need_a_metric_word_not_a_part_of_one(vocab):
    text = "Turkmenistan shipped 2 million tons of cotton, US officials said, up 5 percent."
    assert values(text, vocab)[0] == (2e6, "tons")


def test_only_a_dateline_is_joined_across_a_dash(vocab):
    from claimtrack.segment import segment
    for text, n in [("WASHINGTON, D.C. — The Fed held rates.", 1), ("Shares fell 3% on Monday. — Apple said revenue rose.", 2)]:
        assert len(segment(text, vocab)) == n


@pytest.mark.parametrize("text, expected", [
    # Indian digit grouping, and a low end that already stands whole
    ("Revenue rose to ₹1,42,318 crore.", [(1.42318e12, "INR")]),
    ("Homes cost $800,000 to $1.2 million to rebuild.", [(8e5, "USD")]),
    # Gulf currencies glued to the number, exchange rates quoted against the dollar
    ("Its share, about SR4.6 billion, is due, and Sadeem manages Dh660 billion.", [(4.6e9, "SAR"), (6.6e11, "AED")]),
    ("The dirham is pegged at 3.6725 to the US dollar, and the Saudi riyal at 3.75.", [(3.6725, "AED"), (3.75, "SAR")]),
    ("The yen averaged 152.6 to the dollar, compared with 143.2 a year earlier.", [(152.6, "JPY"), (143.2, "JPY")]),
    ("The Australian dollar slumped to 62.8 US cents.", [(0.628, "USD")]),
    ("It raised 10.6m euros.", [(10.6e6, "EUR")]),
])
def test_money_written_the_way_regional_outlets_write_it(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


def test_a_currency_word_ending_a_sentence_leaves_the_full_stop_out(vocab):
    assert [f.surface for f in figures("It raised 10.6m euros.", vocab)] == ["10.6m euros"]


def test_us_dollars_marked_with_us_make_a_bare_dollar_the_local_one(vocab):
    text = "The Australian dollar fell. Exports were worth US$1.2bn. The miner is spending $2.7 billion."
    assert document_context(text, vocab).dollar == "AUD"
    # "S$" (Singapore) is not read into "US$"
    assert document_context("It paid US$5m. The Australian dollar rose.", vocab).dollar == "AUD"


@pytest.mark.parametrize("text, expected", [
    ("Markets priced a 25-basis-point cut and a 25bp hike.", [(25, "basis points"), (25, "basis points")]),
    ("The margin of error was plus or minus 4.3 percentage points.", [(4.3, "percentage points")]),
    ("Reform has a five-point lead in the poll.", [(5, "percentage points")]),
    ("The 312-patient trial used a 10-point scale.", [(312, "patients"), (10, "points")]),
    ("The drug will move into phase 3 and a phase 2b study.", []),
    ("Labour keeps 62 per cent of its 2024 voters.", [(62, "percent")]),
    ("Reform led in nine of the last 10 published Westminster polls.", [(9, "polls"), (10, "polls")]),
    ("Just under a third now say they will switch.", [(100 / 3, "percent")]),
    ("It will open 35 more convenience shops.", [(35, "shops")]),
    ("Staff at 64 polling stations and 4,000 flight attendants.", [(64, "polling stations"), (4000, "flight attendants")]),
    ("Premiums could double or triple.", [(2, "times"), (3, "times")]),
    ("It was a double whammy for the triple lock and double-digit growth.", []),
    ("The mine plans to double output.", [(2, "times")]),
    ("It had 452,000 policies, more than double the 203,000 it had.", [(452000, "policies"), (2, "times"), (203000, "policies")]),
    ("It aims to sell 1.5 million cars, down from an earlier target of 3.5 million.", [(1.5e6, "cars"), (3.5e6, "cars")]),
])
def test_points_labels_compounds_and_multipliers(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


@pytest.mark.parametrize("text, expected", [
    ("The peso weakened to 18.62 per dollar and the real traded at 5.41 per dollar.", [(18.62, "MXN"), (5.41, "BRL")]),
    ("Care takes 62p in every £1 the council spends.", [(0.62, "GBP")]),
    ("The levy adds 8 cents per $100 of value.", [(0.08, "USD")]),
    ("Call the council on 01924 555019 or 020 7946 0958.", []),
    ("by Dana Kessler - 03/14/25 6:21 PM ET", []),
    ("The Security Council, in resolution 2736, demanded a ceasefire.", []),
    ("It cut the cash rate by 50 basis points in October and by a further 25 points in November.",
     [(50, "basis points"), (25, "basis points")]),
    ("Around one in twelve households lives in energy poverty.", [(100 / 12, "percent")]),
    ("A two-shot win, a 3,000-student school and a 54-man field.", [(2, "shots"), (3000, "students"), (54, "people")]),
    ("Of the 53 Texas districts that held elections, 34 won.", [(53, "districts"), (34, "districts")]),
    ("It won 118 of the 224 assembly seats.", [(118, "seats"), (224, "seats")]),
    ("Four of the five members of the board voted for the cut.", [(4, "members"), (5, "members")]),
])
def test_rates_denominators_labels_and_counted_nouns_after_names(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


def test_cents_in_a_story_told_in_euros_are_euro_cents(vocab):
    text = "The supplier invests 2.4 billion euros. The energy tax fell to 9.16 cents per kilowatt hour."
    assert values(text, vocab)[-1] == (0.0916, "EUR")
    assert values("Apple paid $2 a share. The stock rose 9 cents.", vocab)[-1] == (0.09, "USD")


@pytest.mark.parametrize("text, expected", [
    ("Councils got £46million, and the 1.5million homes pledge costs £39billion.", [(4.6e7, "GBP"), (1.5e6, "homes"), (3.9e10, "GBP")]),
    ("The bank shut 96 branches during the year, leaving it with 612.", [(96, "branches"), (612, "branches")]),
    ("Opponents have outspent supporters by nearly 3 to 1.", [(3, "times")]),
    ("Whitfield leads by a 2-to-1 margin, 58 percent to 29 percent.", [(2, "times"), (58, "percent"), (29, "percent")]),
    ("A 250g block of butter cost 18% more.", [(18, "percent")]),
    ("It will cut the number of its vice presidents from 140 to about 95.", [(140, "vice presidents"), (95, "vice presidents")]),
])
def test_closed_up_magnitudes_ellipsis_ratios_and_pack_sizes(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_bare_number_keeps_no_unit_when_no_count_of_its_size_precedes_it(vocab):
    # a number twenty times larger (or smaller) than the count before it is not more of the same
    assert values("The bank shut 96 branches during the year, leaving it with 6,120.", vocab) == \
        [(96, "branches"), (6120, None)]


@pytest.mark.parametrize("text, expected", [
    ("Initial jobless claims, a proxy for layoffs, slid by 8,000 last week.", [(8000, "claims")]),
    ("Online orders climbed by 20,000 to 1.2 million a week.", [(20000, "orders"), (1.2e6, "orders")]),
    ("Retail added 34,000 jobs, while government payrolls rose by 32,000.", [(34000, "jobs"), (32000, "jobs")]),
])
def test_a_change_counts_its_subject_past_asides_and_thousands_commas(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_year_after_until_or_from_is_a_claim_only_when_it_lies_ahead_of_the_story(vocab):
    text = ("Published 3 March 2026. The allowance stays frozen until April 2031. From April 2029 the cap "
            "will be £2,000 a year. The Conservatives held the seat from 1983 until 2024.")
    from claimtrack.extract import extract_text
    years = [(f.value, f.unit) for c in extract_text(text, "story.txt", vocab) for f in c.figures if f.unit == "year"]
    assert years == [(2031, "year"), (2029, "year")]
    # with no date at the top there is no "now" to compare with: the years stay dates
    assert [f for f in figures("The allowance stays frozen until April 2031.", vocab) if f.unit == "year"] == []


@pytest.mark.parametrize("text, expected", [
    ("It could be worth thousands of pounds.", [(1000, "GBP")]),
    ("They hauled hundreds of pounds of waste.", [(100, "lb")]),
    ('Unite said it would put "at least 2,000" jobs at risk.', [(2000, "jobs")]),
    ("The cattle herd has shrunk to 86.2 million head.", [(86.2e6, "head")]),
])
def test_vague_money_quoted_counts_and_head_of_cattle(vocab, text, expected):
    assert values(text, vocab) == expected


def test_document_context_reads_only_what_the_document_can_use(vocab):
    story = "Updated 11:42 AM EDT, October 16, 2025\nShares rose 5% after the results."
    ctx = document_context(story, vocab)
    assert ctx.now_year == 2025
    assert ctx.degrees is None and ctx.rupee == "INR"  # no bare degrees, no rupees to read
    hot = "HOUSTON (AP) — Temperatures are forecast to reach 97 degrees in Texas on Friday."
    assert document_context(hot, vocab).degrees == "°F"
    karachi = "KARACHI: The State Bank held rates. Traders lost Rs 5 crore in the fire."
    assert document_context(karachi, vocab).rupee == "PKR"


@pytest.mark.parametrize("text, expected", [
    ("The construction PMI rose to 46.8 in May from 45.3 but stayed below the 50 mark.",
     [(46.8, "points"), (45.3, "points"), (50, "points")]),
    ("Every 10-cent rise in diesel adds about 1.5 cents a mile.", [(0.1, "USD"), (0.015, "USD")]),
    ("June 4, 2026 9:48 AM GMT+1", []),
    ("In the 19140 zip code homicides fell by a third.", [(100 / 3, "percent")]),
    ("The Case-Shiller 20-city index rose 2.1%, above the 10-year average.", [(2.1, "percent"), (10, "years")]),
    ("The rate on a 30-year, fixed-rate mortgage fell to 6.41%, and a 30-year loan cost 6.47%.",
     [(6.41, "percent"), (6.47, "percent")]),
    ("Delay Repay claims to the operator rose 22 per cent to 412,000.", [(22, "percent"), (412000, "claims")]),
    ("Plainline, a 600-truck carrier, hired 40 drivers.", [(600, "trucks"), (40, "drivers")]),
])
def test_business_data_releases_and_names_with_numbers(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


@pytest.mark.parametrize("text, expected", [
    ("Employers with 50 or more workers must hold the job open.", [(50, "workers")]),
    ("It flouts a 1979 federal law that limits gates.", []),
    ("Opinium surveyed 2,048 adults online between 19 and 21 March.", [(2048, "people")]),
    ("The cheapest one-year fixes cost about £1,760.", [(1760, "GBP")]),
    ("It is equivalent to 6,500 teaching assistants.", [(6500, "teaching assistants")]),
])
def test_counts_after_or_more_years_after_a_and_day_ranges(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_year_before_the_story_only_dates_and_one_after_it_is_claimed(vocab):
    from claimtrack.extract import extract_text
    text = ("Published 3 March 2026. Contributions begin in 2027. Bills will not fall back to the "
            "£1,100 people paid before 2021. Sales rose 5% in 2024.")
    years = [f.value for c in extract_text(text, "story.txt", vocab) for f in c.figures if f.unit == "year"]
    assert years == [2027]


@pytest.mark.parametrize("text, expected", [
    ("The airline flies 412 Boeing 737s.", [(412, None)]),
    ("It passed the state House 108-95 and the Senate 27-23.", [(108, "votes"), (95, "votes"), (27, "votes"), (23, "votes")]),
])
def test_plural_models_and_tallies_of_a_bill_passing(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("Railcards, which offer a third off most fares, stay at £35.", [(100 / 3, "percent"), (35, "GBP")]),
    ("More than 40,000 first-time buyers got their keys.", [(40000, "first-time buyers")]),
])
def test_a_fraction_off_and_first_time_buyers(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


@pytest.mark.parametrize("text, expected", [
    ("The carrier would keep all 14 of Coastal Jet's crew bases.", [(14, "crew bases")]),
    ("Labour has lost 19 seats over the same period and gained 2.", [(19, "seats"), (2, "seats")]),
    ("All 1,870 of its overflows spilled.", [(1870, "overflows")]),
    ("Only 12 people came.", [(12, "people")]),
])
def test_partitives_of_a_named_owner_parallel_gains_and_sentence_openers(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("The force answered 91.4 per cent of 999 calls within 10 seconds.", [(91.4, "percent"), (10, "seconds")]),
    ("During the outage, 12,700 calls to 999 and 112 failed to connect.", [(12700, "calls")]),
    ("The network failed to protect access to 999 for 10 hours.", [(10, "hours")]),
    ("The average wait for a 101 call was 11 minutes.", [(11, "minutes")]),
    # the same numbers counting something are figures
    ("The bank added 112 branches and logged 5,112 red calls.", [(112, "branches"), (5112, "calls")]),
    ("Bills will rise by £111 a year.", [(111, "GBP")]),
])
def test_emergency_numbers_are_not_figures(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("The panel backed the plan by nine votes to three.", [(9, "votes"), (3, "votes")]),
    ("The chain went from 12 stores to seven.", [(12, "stores"), (7, "stores")]),
    ("The network went dark for nearly half a day.", [(0.5, "days")]),
    ("It took a quarter of an hour.", [(0.25, "hours")]),
    ("Half a dozen firms have bid.", [(6, "firms")]),
    ("They will hire 1,000 more probation staff.", [(1000, "staff")]),
])
def test_tallies_fractions_of_a_span_and_more_before_a_noun(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("Democrat Ellen Marsh wins the governor’s race by 4 points.", [(4, "percentage points")]),
    ("The Lakers won by 4 points.", [(4, "points")]),
    ("Engineers took more than three hours to find the fault and a further seven to fix it.",
     [(3, "hours"), (7, "hours")]),
    ("Harborline runs 2,352 stores and plans to open 15 to 20 new ones this year.", [(2352, "stores"), (15, "stores")]),
    ("Full retirement age is 67 for anyone born in 1960 or later.", [(67, "years")]),
    ("Self-harm incidents topped 73,000 for the first time.", [(73000, "incidents")]),
])
def test_election_points_ellipsis_of_spans_and_ones_ages_and_levels_reached(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_day_month_year_with_hyphens_is_a_date(vocab):
    figs, dates = find_figures("14-Jan-2027 - Last updated on 14-Jan-2027 at 10:12 GMT", 0, 54, vocab)
    assert figs == [] and [d.value for d in dates] == ["2027-01-14", "2027-01-14"]


def test_the_dateline_is_a_full_date_before_a_headline_month(vocab):
    text = "Cash Isa allowance to be cut to £12,000 from April 2028\n\nPublished 27 November 2026\n\nText."
    assert document_context(text, vocab).now_year == 2026


@pytest.mark.parametrize("text, expected", [
    ("Trustees said a $46-million cut in state support left them no choice.", [(46e6, "USD")]),
    ("He signed Minnesota’s $71.4 billion two-year budget.", [(71.4e9, "USD"), (2, "years")]),
    ("Duty on a pack of 20 cigarettes will rise by 38p.", [(0.38, "GBP")]),
    ("The Chancellor posed outside 11 Downing Street on Wednesday.", []),
    ("Sales at 40 High Street stores fell.", [(40, "stores")]),
    ("Sub-4% fixes return as lenders trade blows.", [(4, "percent")]),
    ("Grandmother-of-five Janet Coe waited 97 days.", [(5, "people"), (97, "days")]),
    ("Bank of England cuts rates as MPC splits 6-3.", [(6, "votes"), (3, "votes")]),
    ("People here have voted Labour for half a century.", [(0.5, "centuries")]),
])
def test_hyphened_magnitudes_pack_sizes_house_numbers_sub_and_family_of(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


def test_sub_is_less_than(vocab):
    assert [f.approx for f in figures("Sub-4% fixes return.", vocab)] == ["less_than"]


@pytest.mark.parametrize("text, expected", [
    ("Published 3 March 2026. The union wants the closure delayed until at least 2030.", [(2030, "year", "more_than")]),
    ("Published 3 March 2026. The arc furnace, which will cost £1.25bn, is due to open in 2028.",
     [(1.25e9, "GBP", "exact"), (2028, "year", "exact")]),
    ("Published 3 March 2026. Prices will rise 5% in 2028.", [(5, "percent", "exact")]),
])
def test_a_year_after_until_at_least_or_past_an_aside_is_a_claim(vocab, text, expected):
    assert [(f.value, f.unit, f.approx) for f in figures(text, vocab)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Reform UK, Leanne Pryce: 14,286 (41.2%, +27.5)", [(14286, "votes"), (41.2, "percent"), (27.5, "percentage points")]),
    ("Reform 29% (+2), Labour 21% (-1)",
     [(29, "percent"), (2, "percentage points"), (21, "percent"), (-1, "percentage points")]),
    ("Sales were £5m (+3%)", [(5e6, "GBP"), (3, "percent")]),
])
def test_a_signed_number_in_brackets_after_a_share_is_its_change_in_points(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("If Proposal 2 passes, the surtax would start.", []),
    ("The No on 2 committee had raised $41.7 million.", [(41.7e6, "USD")]),
    ("Proposition 98 guarantees 40% of funds.", [(40, "percent")]),
])
def test_ballot_measures_are_names(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_level_after_to_and_a_filler_is_the_new_level_of_a_counted_change(vocab):
    text = "Initial jobless claims, a proxy for layoffs, slid by 8,000 to a seasonally adjusted 214,000."
    assert [(f.value, f.unit, f.role) for f in figures(text, vocab)] == [(8000, "claims", "change"), (214000, "claims", "new")]
    assert [f.role for f in figures("Sales rose to a record £5bn.", vocab)] == ["new"]


@pytest.mark.parametrize("text, expected", [
    # Title Case headlines: a capitalised noun or magnitude after the number makes it a figure
    ("Prisons Hold A Record 89,410 Inmates As Ministers Free 5,000 More Early", [(89410, "inmates"), (5000, "inmates")]),
    ("Tesla Sells 1.2 Million Cars In China", [(1.2e6, "cars")]),
    ("Apple Releases iPhone 16 As Sales Slip 5%", [(5, "percent")]),
    ("Windows 11 Upgrade Is Slow", []),
    # a thousands group is never part of a name's number
    ("Barclays 2,500 and HSBC 1,250 were the largest cuts.", [(2500, None), (1250, None)]),
])
def test_title_case_headlines_and_thousands_after_a_capitalised_word(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_year_in_a_title_case_heading_stays_a_date(vocab):
    assert values("Second Quarter 2025 Highlights", vocab) == []


@pytest.mark.parametrize("text, expected", [
    # a place is not what a level counts; the noun before its preposition is
    ("Thefts in England and Wales have reached a record 89,410.", [(89410, "thefts")]),
    ("Visitors to Scotland topped 3,000 last year.", [(3000, "visitors")]),
    ("Las Vegas reached 117 on Sunday.", [(117, None)]),
    # "passenger numbers" count passengers; "the numbers" count nothing known
    ("Airport passenger numbers hit a record 31 million.", [(31e6, "passengers")]),
    ("Pupil numbers fell to 8,200 from 8,900.", [(8200, "pupils"), (8900, "pupils")]),
    ("The numbers rose to 500.", [(500, None)]),
    # level verbs in the present tense, and a relative clause's subject
    ("Small boat crossings hit 38,000 as asylum claims top 100,000.", [(38000, "crossings"), (100000, "claims")]),
    ("Caucus members, who number about 35, oppose the bill.", [(35, "members")]),
    ("Jobless Claims Rise To 241,000", [(241000, "claims")]),
])
def test_the_subject_a_level_counts(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("It bought 12 Boeing 787 jets.", [(12, "jets")]),
    ("It will take delivery of 18 Airbus A321neo jets and retire 11 of its Boeing 737-700s.", [(18, "jets"), (11, "jets")]),
    ("The Army bought 24 CH-47 helicopters.", [(24, "helicopters")]),
])
def test_a_model_designation_between_a_count_and_its_noun(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_score_after_a_name_is_no_model(vocab):
    assert [f.value for f in figures("Comets beat Rapids 112-104 to take the lead.", vocab)] == [112, 104]


def test_a_level_after_an_average_or_a_peak_takes_its_role(vocab):
    text = "Online orders rose 9% to an average of 412,000 a week."
    assert [(f.value, f.unit, f.role) for f in figures(text, vocab)] == [(9, "percent", "change"), (412000, "orders", "new")]
    assert [f.role for f in figures("Inflation eased to 4.9%, down from a peak of 19.1%.", vocab)] == ["new", "old"]


@pytest.mark.parametrize("text, expected", [
    ("Hundreds of workers gathered, and thousands more face an anxious wait.", [(100, "workers"), (1000, "workers")]),
    ("Thousands more nurses are needed.", [(1000, "nurses")]),
])
def test_vague_more_counts_what_came_before_or_its_noun(vocab, text, expected):
    found = figures(text, vocab)
    assert [(f.value, f.unit) for f in found] == expected
    assert {f.approx for f in found} == {"vague_at_least"}


@pytest.mark.parametrize("text, expected", [
    # a denominator with its unit belongs to the rate
    ("The index fell 9% to $2,184 per 40ft container.", [(9, "percent"), (2184, "USD")]),
    ("Crisps cost £3 per 100g.", [(3, "GBP")]),
    # a hyphenated noun says what is counted, "one" included
    ("The 412-pub group said sales topped £3.1m.", [(412, "pubs"), (3.1e6, "GBP")]),
    ("A one-bedroom flat costs £900.", [(1, "bedrooms"), (900, "GBP")]),
    # fractions of a magnitude, and "and a half"
    ("It could reach half a million patients.", [(500000, "patients")]),
    ("It raised half a billion dollars.", [(5e8, "USD")]),
    ("Nearly a quarter of a million people signed.", [(250000, "people")]),
    ("It received nearly two and a half times the monthly average.", [(2.5, "times")]),
    ("Some one and a half million people left.", [(1.5e6, "people")]),
    ("Sales will drop by roughly half once the price takes effect.", [(50, "percent")]),
    ("It would remove roughly one in every three dollars.", [(100 / 3, "percent")]),
    # a minus before the currency
    ("Net income was -$21.3 billion.", [(-21.3e9, "USD")]),
    ("Prices ranged $5-$10.", [(5, "USD")]),
    # statute sections are names
    ("It is a 501(c)(3) group with 40 staff.", [(40, "staff")]),
])
def test_denominators_hyphen_counts_fractions_of_magnitudes_and_signs(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


@pytest.mark.parametrize("text, expected", [
    ("Labour finished with 19 councillors, down from 41, while the Liberal Democrats rose to 14 from nine.",
     [(19, "councillors"), (41, "councillors"), (14, "councillors"), (9, "councillors")]),
    ("The Greens won seven seats, two more than in 2023.", [(7, "seats"), (2, "seats")]),
    ("They cover all 15 jails in Scotland, two of them privately run.", [(15, "jails"), (2, "jails")]),
    ("It cleared the chamber 216-212, with four Republicans voting no.", [(216, "votes"), (212, "votes"), (4, "Republicans")]),
    ("The yield on one-month bills rose to 4.62% from 4.21%.", [(4.62, "percent"), (4.21, "percent")]),
])
def test_elliptic_counts_party_members_and_bill_tenors(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_scheduled_year_is_a_claim(vocab):
    assert [(f.value, f.unit) for f in figures("His trial is scheduled for October 2027.", vocab)] == [(2027, "year")]
    text = "Cancellations rose to 4.1 per cent of scheduled services, the highest since 2014."
    assert values(text, vocab) == [(4.1, "percent")]


@pytest.mark.parametrize("text, expected", [
    # a level that stands somewhere counts its plural subject
    ("Continuing claims, a rough gauge of hiring, were flat at 1.91 million.", [(1.91e6, "claims")]),
    ("Building approvals are running at about 170,000 a year.", [(170000, "approvals")]),
    # a subject inside a prepositional phrase is not what is counted
    ("Enrollment in marketplace plans fell to 20.1 million.", [(20.1e6, None)]),
    ("The waiting list for treatment at Liverpool's trusts stands at 102,416.", [(102416, None)]),
    # a number in words after a second verb of the same kind
    ("Labour has lost 19 seats over the same period and gained two.", [(19, "seats"), (2, "seats")]),
])
def test_standing_levels_subjects_past_a_preposition_and_parallel_verbs(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    ("One man died after his car was swept off a road.", [(1, "people")]),
    ("One officer was seriously injured.", [(1, "officers")]),
    ("One analyst said it was fine.", []),
    # "and" joins number words only after a hundred or a thousand
    ("It takes between two and three years.", [(2, "years")]),
    ("One hundred and five people came.", [(105, "people")]),
    # a number in words that the next one completes
    ("It takes two or three years.", [(2, "years"), (3, "years")]),
    ("We are looking at two, maybe three tough years.", [(2, "years"), (3, "years")]),
    ("Sales close between one and two hours before the drawing.", [(1, "hours")]),
])
def test_one_casualty_and_ranges_of_number_words(vocab, text, expected):
    assert values(text, vocab) == expected


def test_a_range_of_number_words_keeps_both_ends(vocab):
    [fig] = figures("It takes between two and three years.", vocab)
    assert (fig.low, fig.high) == (2, 3)


def test_a_level_at_an_annual_rate_and_what_sales_count(vocab):
    text = "New-home sales rose 3.7% to an annual rate of 698,000."
    assert [(f.value, f.unit, f.role) for f in figures(text, vocab)] == [(3.7, "percent", "change"), (698000, "homes", "new")]
    assert values("Retail sales rose to 150,000.", vocab) == [(150000, None)]  # what retail sales count is unknown


def test_a_subject_beyond_the_first_words_before_a_long_level(vocab):
    text = "Sales of previously occupied U.S. homes fell 4.5% in October to a seasonally adjusted annual rate of 3.84 million."
    assert values(text, vocab) == [(4.5, "percent"), (3.84e6, "homes")]


@pytest.mark.parametrize("text, expected", [
    # a name's number in a Title Case headline stays a name's; a score is no count
    ("Boeing 737 Deliveries Resume After Strike", []),
    ("Celtic 2 Rangers 1 In Old Firm Derby", []),
    ("Council Cuts 300 Jobs", [(300, "jobs")]),
    # "a one-man show" counts no one
    ("She staged a one-woman show in Edinburgh.", []),
    # one casualty only where the verb is the noun's own
    ("One officer said the suspect was arrested nearby.", []),
    ("One patient, whose mother died last year, said the wait was long.", []),
    # a magnitude after the second number is not the first's
    ("It rose from one to two million barrels.", [(2e6, "barrels")]),
    # "scores more" and "thousands more than" are no vague counts
    ("Haaland scores more goals than anyone.", []),
    ("The repairs cost thousands more than expected.", []),
    # seven digits with a noun after them are an amount, not an identifier
    ("The club has 1250000 members.", [(1250000, "members")]),
    ("Photo: 214486291 © Pieter Aalders", []),
])
def test_counter_cases_of_this_rounds_readings(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    # the noun after modifiers: a hyphened word, or an adverb and its participle
    ("It will cut prices on about 40 leather-goods lines.", [(40, "lines")]),
    ("It plans to ship 3.1 million interchangeable-lens cameras.", [(3.1e6, "cameras")]),
    # ... but an adverb and a participle may be the number's own verb
    ("Of the 650 MPs, 120 publicly backed changes to the rules.", [(650, "MPs"), (120, "MPs")]),
    # acronyms and party members keep their capitals
    ("There are 3 rural ISPs, 1.5 million battery EVs and 10 Democrats.",
     [(3, "ISPs"), (1.5e6, "battery EVs"), (10, "Democrats")]),
    # a label's number is no count of what follows it
    ("A single journey in zone 1 costs £2.90.", [(2.9, "GBP")]),
    ("Police set up an exclusion zone 200 metres wide.", [(200, "metres")]),
    # a partitive is no ellipsis of the money before it
    ("Repairs cost £1.3bn, and 48 of the 77 court centres leak.", [(1.3e9, "GBP"), (48, "centres"), (77, "centres")]),
    ("Repairs cost £1.3bn in London and 48 in Leeds.", [(1.3e9, "GBP"), (48e9, "GBP")]),
    # the gapped count is the head figure's, not the size that describes a noun
    ("It takes 50 votes in the 99-member House and 17 in the 33-member Senate.",
     [(50, "votes"), (99, "members"), (17, "votes"), (33, "members")]),
    # an age and above after the people it describes
    ("Fares are cut for riders 65 or older.", [(65, "years")]),
    ("Homeowners 65 or older pay less.", [(65, "years")]),
    ("Sales rose 5 and over the year fell.", [(5, None)]),
    ("The share of entries awarded grades 7 or above fell to 21.8%.", [(7, None), (21.8, "percent")]),
    # pence and cents of a range's high end are its low end's too
    ("The shares were quoted at 181-183p.", [(1.81, "GBP")]),
    ("Prices rose 5 to 6 pence.", [(0.05, "GBP"), (0.06, "GBP")]),
    ("It raised the price of a first-class stamp 5 to 85p.", [(0.05, "GBP"), (0.85, "GBP")]),
    # a sentence that opens with its noun: "Of the outstanding cases, 19,870 ..."
    ("Of the outstanding cases, 19,870 had been open for a year.", [(19870, "cases")]),
    ("Of those behind bars, 2,301 were on remand.", [(2301, None)]),
    # an index's, a confidence survey's and a net rating's levels are in points
    ("GfK's consumer confidence index stood at minus 19.", [(-19, "points")]),
    ("Builder confidence rose two points to 41 in the survey.", [(2, "points"), (41, "points")]),
    ("Labour's lead in the survey fell two points to 38%.", [(2, "percentage points"), (38, "percent")]),
    ("Labour's poll lead narrowed to 4 points after the confidence vote.", [(4, "percentage points")]),
    ("Johnson won the confidence vote by 211 votes to 148.", [(211, "votes"), (148, "votes")]),
    ("The forecast high is 97F, with a heat index of 110.", [(97, "°F"), (110, None)]),
    # a market table's row
    ("I:COMP NASDAQ COMPOSITE INDEX 23,025.59 -12.41 -0.05%", [(23025.59, "points"), (-12.41, "points"), (-0.05, "percent")]),
    ("FTSE 100 (UKX) 8,912.45 0.62%", [(8912.45, "points"), (0.62, "percent")]),
    ("The FTSE 250 firm has 5,000 staff.", [(5000, "staff")]),
    ("S&P 500 Hits Record As Bitcoin Tops 100,000", [(100000, None)]),
    # a rate of an earlier count counts the same, however much smaller
    ("There were 5,112 red calls in the month, an average of 165 a day.", [(5112, "calls"), (165, "calls")]),
    ("Figures show 412 pubs closed in the first half, or roughly 16 a week.", [(412, "pubs"), (16, "pubs")]),
    # ... but a rate that does not restate the count is something else: wages, hours, fees
    ("The factory's 3,000 garment workers earn about 120 a month.", [(3000, "workers"), (120, None)]),
    ("Hospitals have 100,000 nurses, and agencies charge 60 an hour, or 480 a day.",
     [(100000, "nurses"), (60, None), (480, None)]),
    ("The firm has 5,112 staff and 165 vans.", [(5112, "staff"), (165, "vans")]),
    # a web page's comment count and a candidate's line in a results table
    ("Readers’ comments (14)", [(14, "comments")]),
    ("Reform UK, Leanne Pryce: 14,286 (41.2%)", [(14286, "votes"), (41.2, "percent")]),
    ("Dow Jones: 38,500 (+0.3%)", [(38500, None), (0.3, "percent")]),
    ("Average house price, May: 285,000 (+1.9%)", [(285000, None), (1.9, "percent")]),
    ("Temperatures: 31.", [(31, None)]),
    ("Sales: 5,000 (12%) were online.", [(5000, None), (12, "percent")]),
    # "N of them NOUN" names its own noun, except after "all but"
    ("It said 2,740 properties had flooded, 610 of them homes.", [(2740, "properties"), (610, "homes")]),
    ("It employs 17 staff, all but two of them Sudanese nationals.", [(17, "staff"), (2, "staff")]),
    ("The council has 40 building projects, 12 of them months behind schedule.", [(40, "projects"), (12, "projects")]),
    # what a caseload and a ridership count
    ("The crown court caseload stood at 76,900 in June.", [(76900, "cases")]),
    ("Subway ridership rose to 4.06 million on weekdays.", [(4.06e6, "riders")]),
    ("Attendances averaged 41,000 last season.", [(41000, None)]),
])
def test_readings_from_the_figures19_and_figures20_dev_splits(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


@pytest.mark.parametrize("text, expected", [
    # a chamber's majority counts seats; a vote's tally counts votes
    ("Republicans hold a 53-47 majority in the Senate.", [(53, "seats"), (47, "seats")]),
    ("The Senate voted 51-49 to pass it.", [(51, "votes"), (49, "votes")]),
    ("The bill cleared the chamber 216-212.", [(216, "votes"), (212, "votes")]),
    ("The plan was approved 7-2 by the board.", [(7, "votes"), (2, "votes")]),
    ("The court's 6-3 conservative majority struck down the law.", [(6, "votes"), (3, "votes")]),
    ("Republicans, who hold a 220-213 majority in the House, failed to pass the measure.", [(220, "seats"), (213, "seats")]),
    ("Bank of England cuts rates as MPC splits 6-3.", [(6, "votes"), (3, "votes")]),
    # fixed compounds are the counted noun
    ("It funded 110,000 sitting days, and 12 electoral votes moved.", [(110000, "sitting days"), (12, "electoral votes")]),
])
def test_tallies_and_compounds_from_the_dev_splits(vocab, text, expected):
    assert values(text, vocab) == expected


@pytest.mark.parametrize("text, expected", [
    # "up" after a verb of movement is the verb's: the figure is the new level, exact
    ("The unemployment rate ticked up to 4.4% from 4.3%.", [(4.4, "percent", "exact"), (4.3, "percent", "exact")]),
    ("It cut up to 500 jobs.", [(500, "jobs", "up_to")]),
    ("Prices of some items went up to 30% in the sale.", [(30, "percent", "up_to")]),
    ("It employs up to 500 people.", [(500, "people", "up_to")]),
    # an age that moves counts years
    ("The average age of a first-time buyer has crept up to 34, compared with 31 two decades ago.",
     [(34, "years", "exact"), (31, "years", "exact")]),
    ("The average age of its 400 stores rose to 21.", [(400, "stores", "exact"), (21, "years", "exact")]),
    ("In the age of streaming, CD sales fell to 12 from 20.", [(12, None, "exact"), (20, None, "exact")]),
    ("The average age of the squad is 26, and Arsenal rose to 2 in the table.", [(26, None, "exact"), (2, None, "exact")]),
    # a span of time is compared only when nothing else is
    ("The yen averaged 152.6 to the dollar over the nine months compared with 143.2 a year earlier.",
     [(152.6, "JPY", "exact"), (9, "months", "exact"), (143.2, "JPY", "exact")]),
])
def test_moves_up_to_a_level_and_ages_that_move(vocab, text, expected):
    assert [(f.value, f.unit, f.approx) for f in figures(text, vocab)] == expected


def test_a_pmi_story_reads_its_sub_indices_in_points_and_nothing_else(vocab):
    from claimtrack.figures import document_context, find_figures
    text = ("The UK construction PMI, a purchasing managers' index, fell to 45.1 in May.\n"
            "Housing activity dropped to 41.2 from 43.9, while costs rose 5.5 percent.\n")
    ctx = document_context(text, vocab)
    start = text.index("Housing")
    found, _ = find_figures(text, start, len(text) - 1, vocab, ctx)
    assert [(f.value, f.unit) for f in found] == [(41.2, "points"), (43.9, "points"), (5.5, "percent")]
    same_story = text + "Brent crude fell to 78.40 a barrel and the Bank held rates at 5.25.\n"
    start = same_story.index("Brent")
    found, _ = find_figures(same_story, start, len(same_story) - 1, vocab, document_context(same_story, vocab))
    assert all(f.unit != "points" for f in found)
    insurance = "Employers are cutting private medical insurance (PMI). Waiting times rose to 14.5 weeks and 41.2 on average.\n"
    found, _ = find_figures(insurance, 0, len(insurance) - 1, vocab, document_context(insurance, vocab))
    assert all(f.unit != "points" for f in found)
    plain = "Housing activity dropped to 41.2 from 43.9.\n"
    found, _ = find_figures(plain, 0, len(plain) - 1, vocab, document_context(plain, vocab))
    assert [f.unit for f in found] == [None, None]


@pytest.mark.parametrize("text, expected", [
    # halving is a fall of half, a change in percent (figures3's convention), not a multiple
    ("Approvals have almost halved since 2020.", [(50, "percent", "around", "change")]),
    ("Output more than halved in six years.", [(50, "percent", "more_than", "change"), (6, "years", "exact", None)]),
    ("It plans a halving of emissions.", [(50, "percent", "exact", "change")]),
    # ... except bitcoin's event
    ("Miners earn less after the halving.", []),
    ("The halving of the fare cap saved passengers money.", [(50, "percent", "exact", "change")]),
    ("Profits doubled to £5m.", [(2, "times", "exact", None), (5e6, "GBP", "exact", None)]),
])
def test_halving_is_a_fall_of_half(vocab, text, expected):
    assert [(f.value, f.unit, f.approx, f.role) for f in figures(text, vocab)] == expected


def test_a_halving_lends_no_unit_to_the_levels_after_it(vocab):
    text = "The council has halved the number of libraries from 40 to 20."
    assert values(text, vocab) == [(50, "percent"), (40, "libraries"), (20, "libraries")]


@pytest.mark.parametrize("text, expected", [
    # a partitive without a determiner, and an old level compared with a partitive's count
    ("In Ohio, 1,240 of 27,000 bridges are in poor condition.", [(1240, "bridges"), (27000, "bridges")]),
    ("It said 1,412 of its 38,600 assets were below standard, up from 1,150 a year earlier.",
     [(1412, "assets"), (38600, "assets"), (1150, "assets")]),
    # a bare number that opens its own clause is no ellipsis of the money before it
    ("It said 62 of the 353 councils made a surplus of more than £1m, while seven made a loss.",
     [(62, "councils"), (353, "councils"), (1e6, "GBP"), (7, "councils")]),
    ("Revenue rose to £5m in 2024 and 7 in 2025.", [(5e6, "GBP"), (7e6, "GBP")]),
    # a plural possessive is counted when no plural noun follows it
    ("A survey of 153 councils’ published rates found gaps.", [(153, "councils")]),
    ("The 300 workers' union voted.", [(300, "workers")]),
    ("The city has 10 farmers’ markets.", [(10, "markets")]),
    ("About 40 MPs’ pay was cut.", [(40, "MPs")]),
    # "the number of X on Y fell to N": X; a name inside a name is no noun
    ("The number of bakery shops on Britain's high streets fell by 4% to around 4,900.",
     [(4, "percent"), (4900, "shops")]),
    ("Revenue at its three Las Vegas Strip properties fell.", [(3, "properties")]),
    ("The 12 MPs Labour suspended voted.", [(12, "MPs")]),
    # letters glued to a number that no unit reads: a grade, a size, a decade
    ("Gold is 55% of a 9ct chain, and a 75cl bottle costs more.", [(55, "percent")]),
    ("Most buyers are in their 20s.", []),
    ("Copyright © 2027 Federal News Network.", []),
    # more currencies by name, symbol and code
    ("Gaming revenue reached 7.6 billion patacas, or MOP 7.6bn.", [(7.6e9, "MOP"), (7.6e9, "MOP")]),
    ("Jakarta paid Rp 5 trillion, or 3.2 billion ringgit, and 20bn baht.", [(5e12, "IDR"), (3.2e9, "MYR"), (20e9, "THB")]),
    ("Talks at COP 28 ended.", []),
    # a level after a comma still takes its change verb; an upper age moves in years
    ("Deaths fell again in the first half of 2025, to about 620.", [(620, "deaths")]),
    ("The bill raises the upper age for that rule to 64 from 54.", [(64, "years"), (54, "years")]),
    ("Rates for children under two rose, and adults over sixty pay less.", [(2, "years"), (60, "years")]),
    # the items of a list by place count what the first item counted
    ("Of the 30 openings, 18 will be in the North East, eight in Yorkshire and four in Cumbria.",
     [(30, "openings"), (18, "openings"), (8, "openings"), (4, "openings")]),
    ("The firm cut 300 jobs in Leeds, eight in York and four in Hull.", [(300, "jobs"), (8, "jobs"), (4, "jobs")]),
    ("On the pitch, two in Leeds were hurt.", []),
    # what an estimate puts at a number, what a change verb changed
    ("Skills for Care puts vacancies in the sector at about 131,000.", [(131000, "vacancies")]),
    ("A treatment centre doubles its beds to 48.", [(2, "times"), (48, "beds")]),
    ("It cut its staff numbers to 400.", [(400, None)]),
    ("The firm raised its prices to 5.99.", [(5.99, None)]),
    # "twice" after a verb and its object is how often; before "the", "as", a multiplier
    ("We have raised prices twice since the autumn.", [(2, "occasions")]),
    ("It raised prices twice the rate of inflation.", [(2, "times")]),
    # a subject's volume counts its modifier
    ("Visitor volume fell 5.4 percent to about 39.1 million.", [(5.4, "percent"), (39.1e6, "visitors")]),
    ("Trading volume rose to 1.2 million.", [(1.2e6, None)]),
    # a year still to come is the claim past a second verb phrase, and in a season
    ("The furnace is due to open in 2028 and will make about 2.8 million tonnes.", [(2028, "year"), (2.8e6, "tonnes")]),
    ("Work is expected to begin in spring 2027 and take about 30 months.", [(2027, "year"), (30, "months")]),
    ("Prices will rise in 2026 by 5%.", [(5, "percent")]),
    # a chamber's majority counts seats, a constituency's votes
    ("With a working majority of about 165, the government is safe.", [(165, "seats")]),
    ("It leaves Labour with 33 of the council's 60 seats and a majority of six.", [(33, "seats"), (60, "seats"), (6, "seats")]),
    ("She overturned a Labour majority of more than 9,000.", [(9000, None)]),
    # migration counts people
    ("The ONS put net migration at 236,000, down from 431,000 a year earlier.", [(236000, "people"), (431000, "people")]),
    # "A, B and C would each lose N": one figure per subject, for the first figure only
    ("Ethiopia, Nigeria and Afghanistan would each lose more than $500 million.", [(5e8, "USD")] * 3),
    ("California and New York would each see their funding cut by 3%, or $143 million and $162 million.",
     [(3, "percent"), (3, "percent"), (143e6, "USD"), (162e6, "USD")]),
    ("He and she each paid $5.", [(5, "USD")]),
    # a term that names an instrument or the span of a market move is no figure; a contract's is
    ("Shares had their biggest one-day gain since 2020.", []),
    ("One-year credit default swaps traded at 52 basis points.", [(52, "basis points")]),
    ("Copper for three-month delivery traded at $10,820 a tonne.", [(3, "months"), (10820, "USD")]),  # (a review:
    # "a 10-year delivery plan" states its term, so "delivery" names no instrument)
    ("It signed a two-year contract.", [(2, "years")]),
    # readings from dev23 and dev24
    ("Net migration falls to 186,000 as study visas slump", [(186000, "people")]),
    ("The rule covers adults ages 19 to 64.", [(19, "years")]),  # one range, 19 to 64
    ("It hired 9,120 soldiers, up 14%, while 9,870 left.", [(9120, "soldiers"), (14, "percent"), (9870, "soldiers")]),
    ("Rates rose 5% in London and 7 in Paris.", [(5, "percent"), (7, "percent")]),
    ("Szabo gained 31 votes in the recount and Hallworth gained two.", [(31, "votes"), (2, "votes")]),
    ("The government will build six munitions factories and hire 20 sales assistants.",
     [(6, "factories"), (20, "assistants")]),
    ("A lawsuit filed by 19 states seeks to exclude them.", [(19, "states")]),
    ("Recount confirms Hallworth's 212-vote win", [(212, "votes")]),
    ("Only hospitals with 50 or fewer beds were eligible.", [(50, "beds")]),
    ("Of those who regained coverage, about two-thirds did so within 30 days.", [(66.666667, "percent"), (30, "days")]),
    ("Most of it came from 47 absentee ballots.", [(47, "absentee ballots")]),
    ("Packer margins averaged minus $8.40 a head in January.", [(-8.4, "USD")]),
    ("Complaints about price rises to the ombudsman rose 26% last year to 6,420.", [(26, "percent"), (6420, "complaints")]),
    ("Sales of new homes rose 5% to 698,000.", [(5, "percent"), (698000, "homes")]),
    ("It was helped by a 10% increase in policies to 2.3 million.", [(10, "percent"), (2.3e6, "policies")]),
    ("Customers can text PRICE to 85075.", []),
    # a bare number right after a noun whose count is named; a partitive after "the council's"
    ("Among British nationals, net migration was minus 74,000.", [(-74000, "people")]),
    ("Ministers want net migration below 100,000.", [(100000, "people")]),
    ("About 650 jobs will go, out of a workforce of roughly 38,000.", [(650, "jobs"), (38000, "workers")]),
    ("It plans to close four of the council's nine leisure centres.", [(4, "leisure centres"), (9, "leisure centres")]),
    ("Prices of 5,000 were seen.", [(5000, None)]),
])
def test_readings_from_the_figures21_and_figures22_dev_splits(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


@pytest.mark.parametrize("text, expected", [
    # counter-cases a review of the figures21/22 readings found
    ("Labour's lead narrowed by 3pp to 12 points.", [(3, "percentage points"), (12, "percentage points")]),
    ("Brent crude rose 40c to $82 a barrel.", [(40, None), (82, "USD")]),
    ("He told NPR 10 days before the election that he would run.", [(10, "days")]),
    ("The EU's NIS 2 directive applies to 160,000 firms.", [(160000, "firms")]),
    ("The Treasury estimates savings at 200 million a year.", [(200e6, None)]),
    ("Officials put casualties at more than 300.", [(300, "people")]),
    ("It raised its payments to 300 a month.", [(300, None)]),
    ("The number of people in work rose by 200,000 while vacancies fell to 750,000.",
     [(200000, "people"), (750000, "vacancies")]),
    ("Unemployment in the lower age group rose to 14.2 last quarter.", [(14.2, None)]),
    ("Children under two, about 700,000 of them, will qualify.", [(2, "years"), (700000, None)]),
    ("The company reported profits twice those of its nearest rival.", [(2, "times")]),
    ("Two Lib Dems Tim Farron and Layla Moran voted against.", [(2, "dems")]),
    ("Freight volume rose 3% to 4.2 million.", [(3, "percent"), (4.2e6, None)]),
    ("Britain ranked 18 of 38 OECD countries for productivity.", [(18, None), (38, "countries")]),
    ("Sales were £40m in the first half and 45 came in the second.", [(40e6, "GBP"), (45e6, "GBP")]),
])
def test_counter_cases_of_the_figures21_and_figures22_readings(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


@pytest.mark.parametrize("text, expected", [
    # counter-cases a second review of this round's readings found
    ("Figures from the ONS showed unemployment rose to 1.6 million.", [(1.6e6, None)]),
    ("Concerns about the economy deepened as unemployment rose to 1.6 million.", [(1.6e6, None)]),
    ("She won the Bath seat with a majority of 5,000 as the Lib Dems gained 20 seats.", [(5000, None), (20, "seats")]),
    ("The government has an overall majority of 43 and won the vote by 301 to 258.",
     [(43, "seats"), (301, "votes"), (258, "votes")]),
    ("The ruling group has 30 seats and won by a majority of two to one.", [(30, "seats")]),
    ("The council opened a 24-hour drop-in centre.", [(24, "hours")]),
    ("Level 4 or above apprenticeships rose 12% to 120,000.", [(4, None), (12, "percent"), (120000, "apprenticeships")]),
    ("Analysts value the business at $10bn minus $2bn of debt.", [(10e9, "USD"), (2e9, "USD")]),
    ("Send text messages to 40,000 people, or text the word YES to 63333.", [(40000, "people")]),
    ("Voters aged 18-24 backed it.", [(18, "years")]),
    ("Customers of Tesco and Asda will each receive a £50 voucher.", [(50, "GBP")]),
    ("In May, Labour and the Lib Dems each won 12 seats.", [(12, "seats")]),
])
def test_counter_cases_of_the_figures23_and_figures24_readings(vocab, text, expected):
    assert rounded(values(text, vocab)) == rounded(expected)


@pytest.mark.parametrize("text, expected", [
    ("Some 1,200 people were arrested. Of those, 300 were under 18.", [(300, "people"), (18, None)]),
    ("Around 40 people were injured. That was at about 7 in the morning.", [(7, None)]),
])
def test_an_age_or_a_time_takes_nothing_from_the_sentence_before(vocab, text, expected):
    from claimtrack.extract import extract_text

    last = extract_text(text, "d.txt", vocab)[-1]
    assert [(f.value, f.unit) for f in last.figures] == expected


def test_user_data_extends_party_members_age_holders_and_index_names(tmp_path):
    from claimtrack.vocab import load_vocab

    sentences = ["Only 12 Tories voted against it.", "Fees are waived for golfers 70 or older.",
                 "Argentina's Merval 1,250,300.5 +2.1%"]
    default = load_vocab(user_dir=tmp_path / "none")
    assert [values(s, default)[0] for s in sentences] == [
        (12, "tories"), (70, None), (1_250_300.5, None)]
    (tmp_path / "units.toml").write_text(
        '[party_members]\nnouns = ["Tories"]\n[ages]\nholders = ["golfers"]\n'
        '[index_points]\nnames = ["Merval"]\n', encoding="utf-8")
    extended = load_vocab(user_dir=tmp_path)
    assert [values(s, extended)[0] for s in sentences] == [
        (12, "Tories"), (70, "years"), (1_250_300.5, "points")]


@pytest.mark.parametrize("text, expected", [
    ("Some 120,000 people were waiting in March. Of those, about 71,000 had waited six months.",
     [(71000, "people"), (6, "months")]),
    ("Employers added 119,000 jobs in September. That compares with about 153,000 in August.", [(153000, "jobs")]),
    # a part is smaller than its whole; a comparison is of a size; only the sentence right before
    ("The firm has 40 stores. Of those, 120 are new.", [(120, None)]),
    ("The firm has 40 stores. That compares with 9,000 last year.", [(9000, None)]),
    ("The firm has 40 stores. It was a good year. That compares with 38 in 2024.", [(38, None)]),
    ("The firm has 40 stores. Analysts expected 38.", [(38, None)]),
])
def test_a_sentence_that_points_back_counts_what_the_one_before_counted(vocab, text, expected):
    from claimtrack.extract import extract_text

    last = extract_text(text, "d.txt", vocab)[-1]
    assert [(f.value, f.unit) for f in last.figures] == expected
