"""Files in, decoded documents out; every problem is one clear reason."""

import pytest

from claimtrack.read import ReadError, discover, read_document


def test_utf8_with_and_without_bom(tmp_path):
    (tmp_path / "a.txt").write_bytes("Price: £5m.".encode("utf-8"))
    (tmp_path / "b.txt").write_bytes("\ufeffPrice: £5m.".encode("utf-8"))
    assert read_document(tmp_path / "a.txt").text == "Price: £5m."
    assert read_document(tmp_path / "b.txt").text == "Price: £5m."


def test_utf16_with_bom(tmp_path):
    (tmp_path / "a.txt").write_bytes("Price: £5m, “quoted”.".encode("utf-16"))
    assert read_document(tmp_path / "a.txt").text == "Price: £5m, “quoted”."


def test_windows_1252_pound_sign(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"The club paid \xa3600m for the ground, the chairman said.")
    doc = read_document(tmp_path / "a.txt")
    assert "£600m" in doc.text
    assert doc.encoding == "cp1252"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"   \n\t  \n", "no text"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"abc\x00\x00\x01def", "binary"),
])
def test_unreadable_inputs_have_a_reason(tmp_path, data, reason):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as exc:
        read_document(path)
    assert reason in str(exc.value) and str(path) in str(exc.value)


def test_html_takes_the_article_text(tmp_path):
    html = ("<html><head><title>Mine deal</title></head><body><nav>Home | About | Login</nav>"
            "<article><h1>Mine deal agreed</h1><p>The bank will lend $1.25 billion to the project, "
            "officials said on Monday. The loan is the largest of its kind in the region this year "
            "and was welcomed by local business groups.</p><p>Production is due to begin by 2028, "
            "the company said in a statement to the stock exchange.</p></article>"
            "<footer>Copyright 2025 Example News</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    doc = read_document(tmp_path / "page.html")
    assert "$1.25 billion" in doc.text
    assert "Login" not in doc.text and "Copyright" not in doc.text
    assert doc.media_type == "text/html"


def test_discover_walks_folders_skipping_hidden_and_unknown(tmp_path):
    (tmp_path / "a.txt").write_text("A.")
    (tmp_path / ".hidden.txt").write_text("H.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("G.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("B.")
    (tmp_path / "sub" / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    found = {p.name: reason for p, reason in discover([str(tmp_path)])}
    assert found["a.txt"] is None and found["b.md"] is None
    assert "unsupported file type" in found["c.pdf"]
    assert "broken symbolic link" in found["broken.txt"]
    assert ".hidden.txt" not in found and "x.txt" not in found


def test_include_and_exclude_globs(tmp_path):
    (tmp_path / "a.txt").write_text("A.")
    (tmp_path / "b.log").write_text("B.")
    (tmp_path / "c.txt").write_text("C.")
    found = {p.name: r for p, r in discover([str(tmp_path)], include=["*.log", "*.txt"], exclude=["c.*"])}
    assert found == {"a.txt": None, "b.log": None}
