"""The README opens with the plain answer, then the evidence; every number in it is printed by the section it links."""

import re

import pytest

from tools import frontdoor
from tools.paths import ROOT, list_notebooks

_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
# A number standing on its own: not part of a name such as word2vec or WordSim-353.
_NUMBER = re.compile(r"(?<![\w\-.])\d[\d,.]*")


def _template_lines(template):
    return template.read_text(encoding="utf-8").splitlines()


def _plain_answer(template=frontdoor.TEMPLATE) -> str:
    lines = _template_lines(template)
    return next(line for line in lines if line.startswith("**"))


def _evidence_items(template=frontdoor.TEMPLATE) -> list[str]:
    return [line for line in _template_lines(template) if re.match(r"\d+\. ", line)]


def test_both_readmes_carry_the_answer_filled_from_the_notebooks():
    for readme, template in ((frontdoor.README, frontdoor.TEMPLATE), (frontdoor.README_KO, frontdoor.TEMPLATE_KO)):
        assert frontdoor.current_block(readme.read_text(encoding="utf-8")) == frontdoor.readme_block(template), (
            f"{readme.name}'s answer differs from {template.name} filled from the notebooks: run `make frontdoor`")


def test_the_plain_answer_comes_first_and_is_plain():
    readme = frontdoor.README.read_text(encoding="utf-8").splitlines()
    headings = [line for line in readme if line.startswith("## ")]
    assert headings[:2] == ["## The answer", "## The evidence"], "the answer, then the evidence, open the README"
    answer = _plain_answer()
    words = answer.replace("*", "").split()
    assert answer.startswith("**No"), "the answer starts with the answer itself"
    assert len(words) <= 120, f"the plain answer has {len(words)} words"
    assert not re.search(r"\d", answer.replace("word2vec", "")) and "(" not in answer, "no numbers, no parentheses"
    for sentence in re.split(r"(?<=[.:!?])\s+", answer.replace("*", "")):
        assert len(sentence.split()) <= 25, f"a sentence of {len(sentence.split())} words: {sentence}"


def test_each_evidence_item_is_short_and_its_numbers_come_from_the_section_it_links():
    cache: dict = {}
    items = _evidence_items()
    assert 6 <= len(items) <= 10
    for item in items:
        fields = frontdoor._FIELD.findall(item)
        prose = _LINK.sub("", frontdoor._FIELD.sub("", item))
        assert 1 <= len(fields) <= 2, f"an item must show one or two numbers: {item[:60]}"
        assert not _NUMBER.findall(prose.split(" ", 1)[1]), f"a number typed into the template: {item[:60]}"
        assert len(prose.split()) <= 31, f"{len(prose.split())} words: {item[:60]}"
        links = {tuple(link.rsplit("#", 1)) for link in _LINK.findall(item) if link.startswith("notebooks/")}
        assert links, f"no link to a notebook section: {item[:60]}"
        for field in fields:
            printed = frontdoor.printed_value(field, cache)
            linked = {(path.rsplit("/", 1)[-1], anchor) for path, anchor in links}
            assert (printed.notebook, printed.anchor) in linked, (
                f"{{{field}}} is printed in {printed.notebook} §{printed.section!r}, which the item does not link")


def test_the_korean_readme_shows_the_same_numbers_for_the_same_items():
    english, korean = _evidence_items(frontdoor.TEMPLATE), _evidence_items(frontdoor.TEMPLATE_KO)
    assert [frontdoor._FIELD.findall(i) for i in english] == [frontdoor._FIELD.findall(i) for i in korean]
    assert [_LINK.findall(i) for i in english] == [_LINK.findall(i) for i in korean], "the same sections linked"
    text = frontdoor.README_KO.read_text(encoding="utf-8")
    assert "](README.md)" in text and "](README.ko.md)" in frontdoor.README.read_text(encoding="utf-8")
    for heading in ("## 용어집", "## 실행 방법"):
        assert heading in text


def test_a_value_is_read_as_printed_with_its_section():
    printed = frontdoor.printed_value("lookup_speedup")
    assert printed.notebook.startswith("01_") and printed.section.startswith("4. ")
    assert re.fullmatch(r"\d+", printed.value.replace(",", ""))
    with pytest.raises(KeyError, match="EVIDENCE"):
        frontdoor.printed_value("no_such_value")


def test_the_headline_figure_is_committed_and_shown():
    readme = frontdoor.README.read_text(encoding="utf-8")
    assert frontdoor.FIGURE.is_file() and frontdoor.FIGURE.stat().st_size < 300_000
    assert f"]({frontdoor.FIGURE.relative_to(ROOT)})" in readme


@pytest.mark.slow
def test_every_section_the_answer_links_exists_in_the_book():
    """The anchors are the ids nbconvert gives the notebooks' headings (the HTML book's pages)."""
    import nbformat
    from nbconvert import HTMLExporter

    block = frontdoor.current_block(frontdoor.README.read_text(encoding="utf-8"))
    links = re.findall(r"\(notebooks/([\w/-]+\.ipynb)#([^)\s]+)\)", block)
    assert links
    names = {str(path.relative_to(ROOT / "notebooks")) for path in list_notebooks()}
    pages = {}
    for name, anchor in links:
        assert name in names, f"the answer links {name}, which is not a course notebook"
        if name not in pages:
            body, _ = HTMLExporter().from_notebook_node(nbformat.read(ROOT / "notebooks" / name, as_version=4))
            pages[name] = body
        assert f'id="{anchor}"' in pages[name], f"{name} has no section #{anchor}"
