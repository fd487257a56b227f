"""The Colab-like, other-numerics run (``make test-portable``): what it installs, stages and runs."""

import subprocess
import sys

import pytest

from tools import portability
from tools.book import WAITS_FOR
from tools.paths import list_notebooks


@pytest.mark.slow
def test_the_non_editable_install_ships_what_the_notebooks_read(tmp_path):
    site = portability.build_site(tmp_path / "site")
    assert (site / "utils" / "recipe_sweeps.json").is_file(), "package data missing from the built package"
    empty = tmp_path / "empty"
    empty.mkdir()
    code = "import utils; print(utils.__file__); print(sorted(utils.recipes.recipe_sweeps())[0])"
    out = subprocess.run([sys.executable, "-c", code], cwd=empty, env={"PYTHONPATH": str(site)},
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[0].startswith(str(site)), f"utils came from {out[0]}, not from the installed package"
    assert out[1] == "about"


def test_each_notebook_is_staged_alone_in_an_empty_folder(tmp_path):
    staged = portability.stage_notebooks(["01", "A1"], tmp_path)
    assert [p.name[:2] for p in staged] == ["01", "A1"]
    assert all(list(p.parent.iterdir()) == [p] for p in staged)
    assert len({p.parent for p in staged}) == 2


def test_the_groups_run_every_notebook_once_each_after_what_it_reuses():
    order = [prefix for group in portability.GROUPS for prefix in group]
    assert sorted(order) == sorted(p.name[:2] for p in list_notebooks())
    for group in portability.GROUPS:
        for i, prefix in enumerate(group):
            for needed in WAITS_FOR.get(prefix, ()):
                assert needed in group[:i], f"{prefix} runs before {needed}, whose saved outputs it reuses"


def test_the_numerics_differ_from_the_courses_defaults():
    import os

    import utils  # noqa: F401  (sets the course's defaults in this process)

    assert portability.NUMERICS["TF_ENABLE_ONEDNN_OPTS"] != os.environ["TF_ENABLE_ONEDNN_OPTS"]
    assert portability.NUMERICS["TF_NUM_INTRAOP_THREADS"] == "1"
