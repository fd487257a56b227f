import json
import subprocess
import sys

from tools import book as course


def test_list_notebooks_in_order_and_by_prefix():
    names = [p.name for p in course.list_notebooks()]
    assert names == sorted(names) and names[0].startswith("01_")
    assert [p.name[:2] for p in course.list_notebooks(["02"])] == ["02"]


def test_unknown_prefix_is_a_clear_error():
    import pytest

    with pytest.raises(SystemExit, match="no notebook"):
        course.list_notebooks(["99"])


def test_the_saved_bench_has_the_headline_keys():
    """``make bench`` (about half an hour on 2 cores, so not re-run here) saved tools/bench.json; check it whole."""
    result = json.loads((course.ROOT / "tools" / "bench.json").read_text(encoding="utf-8"))
    assert result["cpu_count"] >= 1
    assert set(result["lookup_speedup"]) == {"1000", "10000", "100000"}
    assert result["lookup_speedup"]["100000"] > 1
    assert "notebook_seconds" in result
    for key in ("classifier_test_accuracy", "task_probe_polarity", "task_probe_category",
                "untrained_probe_polarity", "untrained_probe_category", "task_ws353_spearman",
                "task_simlex_spearman", "probe_chance_polarity", "probe_chance_category"):
        assert isinstance(result[key], float), key
    assert result["task_probe_polarity"] > result["untrained_probe_polarity"]
    for key in ("w2v_keras_ws353", "w2v_gensim_ws353", "w2v_keras_simlex", "w2v_gensim_simlex",
                "w2v_keras_seconds", "w2v_gensim_seconds", "w2v_time_ratio", "cbow_keras_ws353",
                "w2v_probe_polarity", "w2v_probe_category", "antonym_cosine_task", "antonym_cosine_w2v",
                "transfer_unseen_acc_random", "transfer_unseen_acc_w2v_frozen",
                "transfer_unseen_acc_w2v_finetuned", "transfer_real_gain_smallest_n"):
        assert isinstance(result[key], float), key
    assert isinstance(result["vader_words_common_task"], int) and result["vader_words_common_task"] >= 100
    for key in ("vader_spearman_task_sentiment", "vader_spearman_task_topic", "vader_spearman_untrained",
                "sentiment_cv_accuracy"):
        low, high = result[f"{key}_ci"]
        assert low <= result[key] <= high, key
    for key in ("ws353_ci_task", "ws353_ci_w2v", "ws353_ci_untrained", "ws353_ci_w2v_same_text"):
        low, high = result[key]
        assert -1 <= low <= high <= 1, key
    assert isinstance(result["w2v_keras_epochs"], int) and isinstance(result["w2v_gensim_epochs"], int)
    assert set(result["train_step_ms"]) == {"SGD", "SGD + momentum 0.9", "Adam", "SGD, gather from the variable"}
    assert all(set(by_size) == {"1000", "10000", "100000"} for by_size in result["train_step_ms"].values())
    assert {k: result["oov_lookup"][k] for k in ("eager", "xla", "negative, eager", "negative, xla")} == {
        "eager": "raises", "xla": "last row", "negative, eager": "last row", "negative, xla": "last row"}
    for key in ("vader_probe_acc_w2v", "vader_probe_acc_random", "realrow_vader_spearman_task",
                "realrow_vader_spearman_w2v"):
        low, high = result[f"{key}_ci"]
        assert low <= result[key] <= high, key
    ratio = result["w2v_keras_seconds"] / result["w2v_gensim_seconds"]
    assert abs(result["w2v_time_ratio"] - ratio) < 0.02
    for key in ("w2v_heldout", "w2v_sgd_vs_adam", "w2v_defaults_ratios", "glove_keras_ws353", "fasttext_keras_ws353",
                "ppmi_svd_ws353", "oov_neighbour_stem_rate", "transfer_lab_sentiment_acc_full"):
        assert key in result, key


def test_the_bench_explains_itself():
    out = subprocess.run([sys.executable, "-m", "tools.bench", "--help"], capture_output=True, text=True,
                         check=True, cwd=course.ROOT)
    assert "--write" in out.stdout and "--mittens" in out.stdout


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
