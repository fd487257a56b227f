"""Hygiene of the committed notebooks: executed in order, clean outputs, small files.

nbval (run by the same `make test`) re-executes every notebook and fails on a
broken assert; these tests check what learners read on the web.
"""

import json
import re

import pytest

from tools import links
from tools.paths import APPENDIX_DIR, NOTEBOOK_DIR, list_notebooks

NOTEBOOKS = list_notebooks()
CORE = [p for p in NOTEBOOKS if p.parent == NOTEBOOK_DIR]
REPO = links.repository()
MAX_NOTEBOOK_BYTES = 2 * 1024 * 1024
MAX_TEXT_OUTPUT_CHARS = 20_000
MAX_IMAGE_BYTES = 300_000
MACHINE_PATH = re.compile(r"(/(root|home/[\w.-]+|Users/[\w.-]+|work|tmp)/|[A-Z]:\\\\Users)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb):
    return [(i, c) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]


def test_notebooks_are_numbered_in_course_order():
    assert CORE, "no notebook found"
    assert [int(p.name[:2]) for p in CORE] == list(range(len(CORE))), "00 (the primer), 01, 02, ... in order"
    appendix = [p for p in NOTEBOOKS if p.parent == APPENDIX_DIR]
    assert [p.name[:2] for p in appendix] == [f"A{i}" for i in range(1, len(appendix) + 1)]
    assert len(CORE) + len(appendix) == len(NOTEBOOKS), "a notebook outside notebooks/ and notebooks/appendix/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_top_to_bottom_in_one_kernel(path):
    counts = [c.get("execution_count") for _, c in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; re-run it with `make notebooks`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_clean_and_small(path):
    assert path.stat().st_size < MAX_NOTEBOOK_BYTES, f"{path.name} is over 2 MB"
    for i, cell in code_cells(load(path)):
        for out in cell.get("outputs", []):
            where = f"{path.name} cell {i}"
            assert out["output_type"] != "error", f"{where}: error output {out.get('ename')}"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), (
                f"{where}: stderr output: {''.join(out['text'])[:200]!r}"
            )
            blob = json.dumps(out)
            match = MACHINE_PATH.search(blob.replace("\\\\", "\\"))
            assert not match, f"{where}: output shows a machine path {match.group(0)!r}"
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            assert len(text) <= MAX_TEXT_OUTPUT_CHARS, f"{where}: text output of {len(text)} chars"
            image = out.get("data", {}).get("image/png", "")
            assert len(image) * 3 // 4 <= MAX_IMAGE_BYTES, f"{where}: image over {MAX_IMAGE_BYTES} bytes"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_ends_with_a_summary_and_core_ones_with_exercises(path):
    markdown = "".join("".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    assert "## Summary" in markdown
    assert path not in CORE or path.name.startswith("00_") or "## Exercises" in markdown


# What a compared cell must not print: a number that rounding on another CPU can change. An interval
# "[low, high]" comes from a bootstrap or training; these words name scores that come from training.
_ROUNDING_DEPENDENT = re.compile(r"\[[+-]?\d*\.\d+%?, [+-]?\d*\.\d+%?\]|(Spearman|accuracy|cosine|loss)[^\n]*?\d\.\d\d")


_DEVICE_OR_VERSION = re.compile(r"\b(CPU|GPU|TPU)\b|\braises\b|\b(Keras|TensorFlow|NumPy|gensim|Python) \d+\.\d+")


def _compared_outputs(path):
    """(cell index, printed text) of each cell nbval compares character by character."""
    for i, cell in code_cells(load(path)):
        if "nbval-check-output" in cell.get("metadata", {}).get("tags", []):
            yield i, "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_compared_outputs_do_not_depend_on_rounding(path):
    """nbval compares the tagged cells character by character, on every CPU a learner or CI has."""
    for i, text in _compared_outputs(path):
        match = _ROUNDING_DEPENDENT.search(text)
        assert not match, f"{path.name} cell {i} is compared but prints {match.group(0)!r}: untag it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_compared_outputs_do_not_depend_on_the_device(path):
    """A tagged cell that prints the device, what a lookup did there, or a library's version fails nbval elsewhere."""
    for i, text in _compared_outputs(path):
        match = _DEVICE_OR_VERSION.search(text)
        assert not match, f"{path.name} cell {i} is compared but prints {match.group(0)!r}: device or version"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_colab_badge_and_install_cell(path):
    nb = load(path)
    first_markdown = "".join(nb["cells"][0]["source"])
    badge = f"https://colab.research.google.com/github/{REPO}/blob/main/{path.relative_to(NOTEBOOK_DIR.parent)}"
    assert badge in first_markdown, f"{path.name}: Colab badge missing or pointing elsewhere"
    first_code = "".join(code_cells(nb)[0][1]["source"])
    assert '"google.colab" in sys.modules' in first_code and REPO in first_code


def _prose(path) -> list[str]:
    return ["".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_a_core_notebook_is_read_in_about_forty_minutes(path):
    """At most 2,000 words of prose: the evidence about the evidence lives in the appendix."""
    words = sum(len(text.split()) for text in _prose(path))
    assert words <= 2000, f"{path.name} has {words} words of prose; move evidence about the evidence to an appendix"



def _frame(nb) -> str:
    """The Markdown of a notebook's first three cells: its title, frame and setup note."""
    return " ".join(c.source for c in nb.cells[:3] if c.cell_type == "markdown")

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_stated_reading_time_follows_from_the_notebook(path):
    """The frame's "Reading time" is what tools.book.reading_minutes computes from its prose, code and figures."""
    import nbformat

    from tools.book import reading_minutes

    nb = nbformat.read(path, as_version=4)
    frame = _frame(nb)
    stated = re.search(r"Reading time:\*\* about (\d+) minutes", frame)
    assert stated, f"{path.name}: the frame gives no '**Reading time:** about N minutes'"
    assert int(stated.group(1)) == reading_minutes(nb), (
        f"{path.name} states {stated.group(1)} minutes of reading; its prose, code and figures take about "
        f"{reading_minutes(nb)} (tools.book.reading_minutes)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_frame_states_a_run_time(path):
    """The frame's "Run time" is a time (seconds or minutes), not a placeholder."""
    import nbformat

    frame = _frame(nbformat.read(path, as_version=4))
    stated = re.search(r"\*\*Run time:\*\*\s*([^*]{0,200})", frame)
    assert stated, f"{path.name}: the frame gives no '**Run time:**'"
    assert re.search(r"\d+\s*s\b|seconds?\b|minutes?\b", stated.group(1)), (
        f"{path.name}: the run time reads {stated.group(1)[:60]!r}, not a time")

def _glossary_terms() -> list[str]:
    readme = (NOTEBOOK_DIR.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Glossary"):].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| term")]
    return [term.strip() for row in rows for term in row.split("|")[1].split(",") if term.strip()]


def _sections():
    """The core path's prose in reading order, as sections (a heading and what follows it), frames left out."""
    sections = []
    for path in CORE:
        for text in _prose(path)[1:]:  # the first Markdown cell is the frame: it names what the notebook teaches
            for part in re.split(r"(?m)^(?=#+ )", text):
                if part.startswith("#") or not sections:
                    sections.append(part)
                else:
                    sections[-1] += "\n" + part
    return sections


def test_every_glossary_term_is_defined_where_the_core_path_first_uses_it():
    """In reading order, the section that first uses a glossary term defines it (the term set in bold or italics)."""
    terms = _glossary_terms()
    assert len(terms) >= 20
    sections = _sections()
    undefined = []
    for term in terms:
        pattern = rf"(?<![\w-]){re.escape(term)}s?(?![\w-])"  # the plural counts as a use
        first = next((s for s in sections if re.search(pattern, s, flags=re.IGNORECASE)), None)
        if first is None:
            continue
        emphasised = rf"\*{{1,2}}[^*\n]*{pattern}[^*\n]*\*{{1,2}}"
        if not re.search(emphasised, first, flags=re.IGNORECASE):
            where = re.search(pattern, first, flags=re.IGNORECASE)
            undefined.append(f"{term!r}: ...{first[max(0, where.start() - 70):where.end() + 20]!r}")
    assert not undefined, "first used without being defined there (bold or italics):\n" + "\n".join(undefined)
