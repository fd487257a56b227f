
import numpy as np
import pytest
from gensim.models import KeyedVectors

from tools.paths import ROOT
from utils import transfer
from utils.plots import plot_learning_curves
from utils.text import Vocabulary


def _kv():
    kv = KeyedVectors(2)
    kv.add_vectors(["a", "b"], np.array([[1, 0], [0, 1]], dtype=np.float32))
    return kv


def test_pretrained_table_rows_follow_the_vocabulary():
    vocab = Vocabulary(["b", "a", "c"])
    table, missing = transfer.pretrained_table(vocab, _kv())
    assert table.shape == (5, 2) and missing == ["c"]
    assert np.array_equal(table[vocab.id("a")], [1, 0]) and np.array_equal(table[vocab.id("b")], [0, 1])
    assert not table[[0, 1, vocab.id("c")]].any(), "padding, [UNK] and unknown words start at zero"


def test_pretrained_table_random_policy_for_unknown_words():
    vocab = Vocabulary(["a", "c"])
    table, _ = transfer.pretrained_table(vocab, _kv(), oov="random", seed=1)
    again, _ = transfer.pretrained_table(vocab, _kv(), oov="random", seed=1)
    assert table[vocab.id("c")].any() and np.array_equal(table, again)
    assert not table[[0, 1]].any()


@pytest.mark.parametrize("vocab, kwargs, match", [
    (Vocabulary(["x", "y"]), {}, "none of the vocabulary"),
    (Vocabulary(["a"]), {"oov": "mean"}, "oov"),
])
def test_pretrained_table_rejects_bad_input(vocab, kwargs, match):
    with pytest.raises(ValueError, match=match):
        transfer.pretrained_table(vocab, _kv(), **kwargs)


def test_balanced_subset_balances_and_is_seeded():
    labels = np.array([0] * 50 + [1] * 30 + [2] * 20)
    idx = transfer.balanced_subset(labels, 9, seed=3)
    assert len(set(idx)) == 9 and np.bincount(labels[idx]).tolist() == [3, 3, 3]
    assert np.array_equal(idx, transfer.balanced_subset(labels, 9, seed=3))
    assert sorted(transfer.balanced_subset(labels, 100, seed=0)) == list(range(100))


@pytest.mark.parametrize("n", [2, 101, 4.0])
def test_balanced_subset_rejects_bad_sizes(n):
    with pytest.raises(ValueError, match="n must be"):
        transfer.balanced_subset(np.array([0] * 50 + [1] * 30 + [2] * 20), n, seed=0)


SCHEDULE = dict(steps=40, finetune_epochs=2, batch_size=32, learning_rate=0.05, finetune_learning_rate=0.005)


@pytest.fixture(scope="module")
def toy_transfer():
    """Class = which half of the vocabulary a sentence's words come from; ids 6-7 never in training."""
    rng = np.random.default_rng(0)
    table = np.zeros((10, 2), dtype=np.float32)
    table[[2, 3, 6], 0] = 1.0  # class 0 words, 6 is unseen in training
    table[[4, 5, 7], 1] = 1.0  # class 1 words, 7 is unseen in training
    y = rng.integers(0, 2, 200)
    x = np.where(y[:, None] == 0, rng.integers(2, 4, (200, 3)), rng.integers(4, 6, (200, 3)))
    y_unseen = np.array([0, 1] * 10)
    x_unseen = np.where(y_unseen[:, None] == 0, 6, 7) * np.ones((20, 3), dtype=int)
    return table, (x, y), (x[:50], y[:50]), (x_unseen, y_unseen)


@pytest.mark.slow
def test_transfer_curves_separate_the_three_starts(toy_transfer):
    table, train, test, unseen = toy_transfer
    curves = transfer.transfer_curves(table, train, test, unseen=unseen, sizes=[16, 4], seeds=[0, 1],
                                      n_classes=2, verbose=False, **SCHEDULE)
    points, models = curves.points, curves.models
    assert len(points) == 2 * 2 * 3 and set(models) == set(transfer.VARIANTS)
    assert [p.n_labeled for p in points[:6]] == [4, 4, 4, 16, 16, 16], "sizes run from small to large"
    assert curves.last_run == (1, 16)
    summary = transfer.summarize_curves(points, "unseen_accuracy")
    assert summary["word2vec frozen"][16].estimate == 1.0 and summary["word2vec frozen"][16].n == 2
    assert summary["random init"][16].estimate <= 0.75, "random rows of unseen ids carry no class"
    frozen = models["word2vec frozen"].get_layer("embedding").embeddings.numpy()
    assert np.array_equal(frozen, table), "the frozen table never moves"
    tuned = models["word2vec fine-tuned"].get_layer("embedding").embeddings.numpy()
    assert np.array_equal(tuned[[6, 7]], table[[6, 7]]) and not np.array_equal(tuned[2:6], table[2:6])
    random_end = models["random init"].get_layer("embedding").embeddings.numpy()
    random_start = curves.start_tables["random init"]
    assert np.array_equal(random_end[[6, 7]], random_start[[6, 7]]), "the returned start is the one trained from"
    assert not np.array_equal(random_end[2:6], random_start[2:6])


@pytest.mark.slow
def test_finetune_epochs_zero_is_the_frozen_model(toy_transfer):
    table, train, test, unseen = toy_transfer
    curves = transfer.transfer_curves(table, train, test, unseen=unseen, sizes=[8], seeds=[0], n_classes=2,
                                      verbose=False, **{**SCHEDULE, "finetune_epochs": 0})
    frozen, tuned = (curves.models[v].get_weights() for v in transfer.VARIANTS[1:])
    assert all(np.array_equal(a, b) for a, b in zip(frozen, tuned))


def _notebook_recipe():
    """The function notebook 07 defines in its section 'The recipe in Keras', executed here."""
    import json

    import keras

    import utils

    path = next((ROOT / "notebooks").glob("07_*.ipynb"))
    cells = [("".join(c["source"])) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    (source,) = [c for c in cells if "\ndef freeze_then_finetune(" in "\n" + c]
    namespace = {"keras": keras, "np": np, "utils": utils}
    exec(source, namespace)
    return namespace["freeze_then_finetune"]


@pytest.mark.slow
def test_transfer_curves_run_the_notebooks_recipe():
    """Same seed and data: the notebook's freeze -> fit -> unfreeze -> recompile -> fine-tune gives the weights
    transfer_curves reaches with its reused, reset models."""
    rng = np.random.default_rng(1)
    table = rng.normal(0, 0.5, (12, 4)).astype(np.float32)
    y = np.repeat(np.arange(4), 20)
    x = (2 + 2 * y[:, None] + rng.integers(0, 2, (80, 5))).astype(np.int32)
    x[:, 3:] = 0  # padding
    n, seed = 24, 3
    curves = transfer.transfer_curves(table, (x, y), (x, y), sizes=[n], seeds=[seed], n_classes=4,
                                      verbose=False, **SCHEDULE)
    idx = transfer.balanced_subset(y, n, seed)
    model, frozen_weights = _notebook_recipe()(table, x[idx], y[idx], seed=seed, **SCHEDULE)
    for variant, weights in (("word2vec frozen", frozen_weights), ("word2vec fine-tuned", model.get_weights())):
        for ours, theirs in zip(curves.models[variant].get_weights(), weights, strict=True):
            np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6, err_msg=variant)
    assert not np.allclose(model.get_layer("embedding").embeddings.numpy(), table), "fine-tuning moved the rows"


@pytest.mark.slow
def test_finetune_sweep_checkpoints(toy_transfer):
    table, train, test, unseen = toy_transfer
    sweep = transfer.finetune_sweep(table, train, test, unseen, n_labeled=8, finetune_epochs=[3, 0], seeds=[0],
                                    n_classes=2, **{k: v for k, v in SCHEDULE.items() if k != "finetune_epochs"})
    assert [p.epochs for p in sweep] == [0, 3]
    assert np.array_equal(sweep[0].table, table), "0 epochs is the frozen model"
    assert not np.array_equal(sweep[1].table[2:6], table[2:6]) and np.array_equal(sweep[1].table[[6, 7]],
                                                                                   table[[6, 7]])
    assert set(sweep[0].seen_ids) <= set(range(6))


def test_summarize_curves_gives_seed_intervals():
    points = [transfer.CurvePoint("random init", 4, s, a, None) for s, a in enumerate([0.5, 0.6, 0.7])]
    interval = transfer.summarize_curves(points)["random init"][4]
    assert interval.n == 3 and abs(interval.estimate - 0.6) < 1e-12 and interval.low < 0.5 < 0.7 < interval.high
    with pytest.raises(ValueError, match="no unseen_accuracy"):
        transfer.summarize_curves(points, "unseen_accuracy")
    with pytest.raises(ValueError, match="at least 2 seeds"):
        transfer.summarize_curves(points[:1])


def test_transfer_curves_reject_bad_input(toy_transfer):
    table, train, test, _ = toy_transfer
    with pytest.raises(ValueError, match="rows"):
        transfer.transfer_curves(table[:5], train, test, sizes=[4], seeds=[0], n_classes=2, verbose=False, **SCHEDULE)
    with pytest.raises(ValueError, match="non-empty"):
        transfer.transfer_curves(table, train, test, sizes=[], seeds=[0], n_classes=2, verbose=False, **SCHEDULE)
    with pytest.raises(ValueError, match="2-D"):
        transfer.transfer_curves(table[0], train, test, sizes=[4], seeds=[0], n_classes=2, verbose=False, **SCHEDULE)
    with pytest.raises(ValueError, match="non-finite"):
        transfer.transfer_curves(table * np.nan, train, test, sizes=[4], seeds=[0], n_classes=2, verbose=False,
                                 **SCHEDULE)
    with pytest.raises(ValueError, match="finetune_epochs"):
        transfer.transfer_curves(table, train, test, sizes=[4], seeds=[0], n_classes=2, verbose=False,
                                 **{**SCHEDULE, "finetune_epochs": -1})


def test_plot_learning_curves_panels_bands_and_chance():
    from utils.intervals import Interval

    curves = {"random init": {4: Interval(0.5, 0.4, 0.6, 5), 16: Interval(0.8, 0.75, 0.85, 5)},
              "word2vec frozen": {4: (0.9, 0.0), 16: (0.95, 0.0)}}
    fig = plot_learning_curves({"A": curves, "B": curves}, chance={"A": 0.5})
    assert [ax.get_title() for ax in fig.axes] == ["A", "B"]
    assert fig.axes[0].get_xscale() == "log"
    assert len(fig.axes[0].lines) == 3 and len(fig.axes[1].lines) == 2, "chance line only where given"
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["random init", "word2vec frozen", "chance"]
    band = fig.axes[0].collections[0].get_paths()[0].vertices[:, 1]
    assert np.isclose(band.min(), 0.4) and np.isclose(band.max(), 0.85), "the band spans the intervals"
    with pytest.raises(ValueError, match="empty"):
        plot_learning_curves({})
    with pytest.raises(TypeError, match="Interval"):
        plot_learning_curves({"A": {"v": {4: 0.5}}})

    fig = plot_learning_curves({"A": curves, "B": curves}, ylabel=("left", "right"))
    assert [ax.get_ylabel() for ax in fig.axes] == ["left", "right"]
    assert [tick.get_text() for tick in fig.axes[0].get_xticklabels()] == ["4", "16"], "ticks at the sizes run"
    assert [line.get_marker() for line in fig.axes[0].lines[:2]] == ["o", "s"], "a marker per start"
    with pytest.raises(ValueError, match="2 panels"):
        plot_learning_curves({"A": curves, "B": curves}, ylabel=("only one",))


def _paired_points():
    """Two seeds, two sizes; frozen beats random init by 0.3 at size 4 and ties at size 16."""
    acc = {("random init", 4): [0.5, 0.6], ("word2vec frozen", 4): [0.8, 0.9],
           ("word2vec fine-tuned", 4): [0.8, 0.9], ("random init", 16): [0.9, 0.8],
           ("word2vec frozen", 16): [0.8, 0.9], ("word2vec fine-tuned", 16): [0.9, 0.8]}
    return [transfer.CurvePoint(v, n, s, a[s], None) for (v, n), a in acc.items() for s in (0, 1)]


def test_paired_differences_subtract_seed_by_seed():
    curves = transfer.TransferCurves(_paired_points(), {}, {}, (1, 16), {})
    diffs = transfer.paired_differences(curves)
    assert list(diffs) == list(transfer.CURVE_PAIRS)
    gain = diffs["word2vec frozen", "random init"][4]
    assert np.isclose(gain.estimate, 0.3) and np.isclose(gain.low, 0.3) and np.isclose(gain.high, 0.3), \
        "the same gain in both seeds: no spread"
    tie = diffs["word2vec frozen", "random init"][16]
    assert np.isclose(tie.estimate, 0.0) and tie.low < 0 < tie.high
    with pytest.raises(ValueError, match="no unseen_accuracy"):
        transfer.paired_differences(curves, "unseen_accuracy")


def test_curve_and_difference_tables_mark_what_the_intervals_separate():
    points = _paired_points()
    curves = transfer.TransferCurves(points, {}, {}, (1, 16), {})
    table = transfer.curve_table("toy", transfer.summarize_curves(points))
    assert table.splitlines()[0].split() == ["toy", "4", "16"] and "random init" in table.splitlines()[1]
    rows = transfer.difference_table("toy", transfer.paired_differences(curves)).splitlines()
    assert rows[1].split()[-4:] == ["+0.30", ">", "+0.00", "~"], rows[1]
    assert transfer.format_accuracy(transfer.summarize_curves(points)["word2vec frozen"][4]).endswith(", 1.00]"), \
        "an upper end above 1 shows as 1"


@pytest.mark.slow
def test_fit_refuses_a_step_count_keras_would_round_up():
    import keras

    from utils import build_classifier

    model = build_classifier(10, 2, 2, max_len=3, steps_per_execution=4)
    data = transfer._repeated(np.ones((4, 3), "int32"), np.array([0, 1, 0, 1]), batch_size=2, seed=0)
    with pytest.raises(ValueError, match="not a multiple"):
        transfer._fit(model, data, 6)
    transfer._fit(model, data, 8)
    assert int(keras.ops.convert_to_numpy(model.optimizer.iterations)) == 8
