from claimtrack.segment import segment


def sentences(text, vocab):
    return [text[s.start:s.end] for s in segment(text, vocab)]


def test_abbreviations_and_initials_do_not_end_sentences(vocab):
    text = "Mr. Brown met U.S. officials in Washington, D.C. on Monday. George W. Bush was there.\n"
    assert sentences(text, vocab) == [
        "Mr. Brown met U.S. officials in Washington, D.C. on Monday.", "George W. Bush was there."]


def test_abbreviation_followed_by_a_new_sentence(vocab):
    text = "The deal was signed with the U.S. The talks then ended."
    assert sentences(text, vocab) == ["The deal was signed with the U.S.", "The talks then ended."]


def test_quotes_and_lines(vocab):
    text = "“We are ready,” she said. “Are you?”\nHeadline without a stop\n\nNext para. Last one!"
    assert sentences(text, vocab) == ["“We are ready,” she said.", "“Are you?”", "Headline without a stop",
                                      "Next para.", "Last one!"]


def test_ellipsis_before_lowercase_stays_in_the_sentence(vocab):
    text = "local Pakistani… pic.twitter.com/abc and more. Next."
    assert sentences(text, vocab) == ["local Pakistani… pic.twitter.com/abc and more.", "Next."]


def test_decimals_and_windows_newlines(vocab):
    text = "It cost $1.25 billion.\r\nShares rose 3.5%.\r\n"
    assert sentences(text, vocab) == ["It cost $1.25 billion.", "Shares rose 3.5%."]


def test_overlong_runs_are_cut_at_white_space(vocab):
    text = ("word " * 3000).strip()
    spans = segment(text, vocab)
    assert len(spans) > 1 and all(s.end - s.start <= 2000 for s in spans)
    assert " ".join(text[s.start:s.end] for s in spans) == text
