"""Hygiene of the committed notebooks: executed in order, clean outputs, small files.

nbval (run by the same `make test`) re-executes every notebook and fails on a
broken assert; these tests check what learners read on the web.
"""

import json
import re
from pathlib import Path

import pytest

from tools import links

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
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
    assert NOTEBOOKS, "no notebook found"
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(1, len(NOTEBOOKS) + 1))


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
def test_every_notebook_checks_its_claims(path):
    nb = load(path)
    asserts = sum("assert " in "".join(c["source"]) for _, c in code_cells(nb))
    assert asserts >= 2, f"{path.name} has {asserts} cells with an assert"
    markdown = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "## Summary" in markdown and "## Exercises" in markdown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_colab_badge_and_install_cell(path):
    nb = load(path)
    first_markdown = "".join(nb["cells"][0]["source"])
    badge = f"https://colab.research.google.com/github/{REPO}/blob/main/notebooks/{path.name}"
    assert badge in first_markdown, f"{path.name}: Colab badge missing or pointing elsewhere"
    first_code = "".join(code_cells(nb)[0][1]["source"])
    assert '"google.colab" in sys.modules' in first_code and REPO in first_code
