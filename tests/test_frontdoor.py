"""The README opens with the course's short answer; every number in it is the bench's current value."""

import json
import re

import pytest

from tools import frontdoor
from tools.book import ROOT, list_notebooks


def test_every_number_in_the_answer_is_the_bench_value():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert frontdoor.current_block(readme) == frontdoor.readme_block(), (
        "the README's answer differs from tools/answer.md filled with tools/bench.json: run `make frontdoor`")


def test_the_answer_comes_right_after_the_title_and_links_each_claim_to_its_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for line in readme.splitlines() if line.strip()]
    block = frontdoor.current_block(readme)
    assert lines[0].startswith("# ") and block.startswith(lines[1]), "the answer must come right after the title"
    sentences = [line for line in block.splitlines() if line.startswith(("1.", "2.", "3.", "4.", "5.", "6.", "7."))]
    assert 5 <= len(sentences) <= 7, f"{len(sentences)} numbered sentences in the short answer"
    names = {path.name for path in list_notebooks()}
    for sentence in sentences:
        linked = re.findall(r"\(notebooks/(\d\d_[\w-]+\.ipynb)#[^)\s]+\)", sentence)
        assert linked and set(linked) <= names, f"no link to a notebook section in: {sentence[:80]}"
    template = frontdoor.TEMPLATE.read_text(encoding="utf-8").splitlines()
    for line in (line for line in template if re.match(r"\d\. ", line)):
        assert frontdoor._FIELD.search(line), f"no bench value in: {line[:80]}"


def test_the_headline_figure_is_committed_and_shown():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert frontdoor.FIGURE.is_file() and frontdoor.FIGURE.stat().st_size < 300_000
    assert f"]({frontdoor.FIGURE.relative_to(ROOT)})" in readme


def test_placeholders_are_filled_from_the_bench():
    bench = {"a": 0.4567, "b": {"x": 3}, "c": [0.1, 0.25]}
    assert frontdoor.render_answer("{a} {a:.1%} {b.x} {c|ci} {c.1}", bench) == "0.46 45.7% 3 [0.10, 0.25] 0.25"
    with pytest.raises(KeyError, match="run `make bench`"):
        frontdoor.render_answer("{missing}", bench)


def test_the_bench_file_is_json_with_the_notebook_times():
    bench = json.loads(frontdoor.BENCH_FILE.read_text(encoding="utf-8"))
    assert bench["cpu_count"] >= 1 and bench["notebook_seconds"]


def test_every_section_the_answer_links_exists_in_the_book():
    """The anchors are the ids nbconvert gives the notebooks' headings (the HTML book's pages)."""
    import nbformat
    from nbconvert import HTMLExporter

    block = frontdoor.current_block((ROOT / "README.md").read_text(encoding="utf-8"))
    links = re.findall(r"\(notebooks/(\d\d_[\w-]+\.ipynb)#([^)\s]+)\)", block)
    assert links
    pages = {}
    for name, anchor in links:
        if name not in pages:
            body, _ = HTMLExporter().from_notebook_node(nbformat.read(ROOT / "notebooks" / name, as_version=4))
            pages[name] = body
        assert f'id="{anchor}"' in pages[name], f"{name} has no section #{anchor}"
