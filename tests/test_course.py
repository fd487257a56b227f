import json

from tools import book as course


def test_list_notebooks_in_order_and_by_prefix():
    names = [p.name for p in course.list_notebooks()]
    assert names == sorted(names) and names[0].startswith("00_")
    assert [p.name[:2] for p in course.list_notebooks(["02"])] == ["02"]


def test_unknown_prefix_is_a_clear_error():
    import pytest

    with pytest.raises(SystemExit, match="no notebook"):
        course.list_notebooks(["99"])


def test_the_package_ships_the_sweeps_the_bench_recorded():
    """Appendix A1 reads the sweeps from the installed package; they must be the bench's latest, copied whole."""
    from tools.bench import SWEEPS_ABOUT
    from utils import recipes

    bench = json.loads((course.ROOT / "tools" / "bench.json").read_text(encoding="utf-8"))
    shipped = recipes.recipe_sweeps()
    assert shipped == {"about": SWEEPS_ABOUT, **{key: bench[key] for key in recipes.SWEEP_KEYS}}, (
        "utils/recipe_sweeps.json differs from tools/bench.json: run `make bench` (it writes both)")


def test_the_bench_measures_only_what_no_notebook_prints():
    """Its sections are the reference comparisons, the recipe sweeps and the allocator setting utils makes; the
    README's answer reads the notebooks instead."""
    from tools import bench

    assert set(bench.SECTIONS) == {"word2vec", "glove_fasttext", "w2v_heldout", "w2v_sgd_vs_adam", "w2v_defaults",
                                   "allocator"}
    saved = json.loads((course.ROOT / "tools" / "bench.json").read_text(encoding="utf-8"))
    on, off = saved["allocator_step_ms"]["bfc_on"], saved["allocator_step_ms"]["bfc_off"]
    assert max(on) < min(off), "the README and utils say the pooled allocator makes word2vec steps faster"


def test_remeasuring_one_section_keeps_the_rest_and_says_when(monkeypatch):
    import pytest

    from tools import bench

    monkeypatch.setitem(bench.SECTIONS, "w2v_defaults", lambda verbose=False: {"w2v_defaults_ratios": ["new"]})
    previous = {"w2v_defaults_ratios": ["old"], "lookup_ms": {"1000": 1.0}}
    result = bench.remeasure(["w2v_defaults"], previous)
    assert result["w2v_defaults_ratios"] == ["new"] and result["lookup_ms"] == {"1000": 1.0}
    assert list(result["remeasured"]) == ["w2v_defaults"]
    assert previous["w2v_defaults_ratios"] == ["old"], "the earlier run's JSON is not modified"
    with pytest.raises(SystemExit, match="unknown section"):
        bench.remeasure(["nope"], previous)
    with pytest.raises(SystemExit, match="run `make bench` once first"):
        bench.remeasure(["w2v_defaults"], {})
