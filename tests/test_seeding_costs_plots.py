import numpy as np
import pytest

from utils.costs import measure_lookup_cost
from utils.plots import plot_history, plot_lookup_cost, plot_vectors_2d
from utils.seeding import seed_everything


def test_seed_everything_repeats_keras_and_numpy_draws():
    import keras

    draws = []
    for _ in range(2):
        rng = seed_everything(7)
        layer = keras.layers.Embedding(20, 3)
        layer.build((None,))
        draws.append((rng.standard_normal(4), np.random.rand(2), layer.get_weights()[0]))
    for a, b in zip(*draws):
        assert np.array_equal(a, b)
    seed_everything(8)
    layer = keras.layers.Embedding(20, 3)
    layer.build((None,))
    assert not np.array_equal(layer.get_weights()[0], draws[0][2])


@pytest.mark.parametrize("seed, error", [(-1, ValueError), (1.5, TypeError), ("0", TypeError), (True, TypeError)])
def test_seed_everything_rejects_bad_seeds(seed, error):
    with pytest.raises(error, match="seed"):
        seed_everything(seed)


@pytest.mark.slow
def test_measure_lookup_cost_small():
    costs = measure_lookup_cost((50, 500), dim=4, n_ids=16, repeats=1, verbose=False)
    assert [c.vocab_size for c in costs] == [50, 500]
    for c in costs:
        assert c.onehot_seconds > 0 and c.lookup_seconds > 0
        assert c.onehot_input_bytes == 16 * c.vocab_size * 4
        assert c.lookup_input_bytes == 16 * 4
        assert c.memory_ratio == c.vocab_size


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        ((), {"dim": 0}, "dim"),
        (((),), {}, "empty"),
        (((100, -5),), {}, "vocab size"),
        ((), {"n_ids": 0}, "n_ids"),
        ((), {"repeats": 0}, "repeats"),
    ],
)
def test_measure_lookup_cost_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        measure_lookup_cost(*args, verbose=False, **kwargs)


def test_plot_lookup_cost_axes():
    costs = measure_lookup_cost((50, 500), dim=4, n_ids=8, repeats=1, verbose=False)
    fig = plot_lookup_cost(costs)
    time_ax, size_ax = fig.axes
    assert time_ax.get_xlabel() == "vocabulary size" and time_ax.get_yscale() == "log"
    assert [line.get_label() for line in time_ax.get_lines()] == ["one-hot @ W  (Dense)", "W[ids]  (Embedding)"]
    assert list(size_ax.get_lines()[0].get_xdata()) == [50, 500]
    with pytest.raises(ValueError, match="empty"):
        plot_lookup_cost([])


def test_plot_history_panels():
    fig = plot_history({"loss": [1.0, 0.5], "val_loss": [1.1, 0.7], "accuracy": [0.5, 0.9]},
                       metrics=("loss", "accuracy"))
    assert [ax.get_title() for ax in fig.axes] == ["loss", "accuracy"]
    assert len(fig.axes[0].get_lines()) == 2 and len(fig.axes[1].get_lines()) == 1
    assert list(fig.axes[0].get_xticks()) == [1, 2], "whole epochs only"
    assert fig.axes[1].get_ylim()[0] <= 0.0, "accuracy drawn from zero, so a small rise does not look steep"
    with pytest.raises(ValueError, match="not in the history"):
        plot_history({"loss": [1.0]}, metrics=("accuracy",))
    with pytest.raises(TypeError, match="History"):
        plot_history([1.0, 0.5])


def test_plot_vectors_2d():
    xy = np.arange(6, dtype=float).reshape(3, 2)
    fig = plot_vectors_2d({"a": xy, "b": xy * 2}, ["x", "y", "z"], ["pos", "neg", "pos"])
    assert [ax.get_title() for ax in fig.axes] == ["a", "b"]
    assert [t.get_text() for t in fig.axes[0].texts] == ["x", "y", "z"]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["pos", "neg"]
    with pytest.raises(ValueError, match="one group per word"):
        plot_vectors_2d({"a": xy}, ["x", "y", "z"], ["pos"])
    with pytest.raises(ValueError, match="expected \\(3, 2\\)"):
        plot_vectors_2d({"a": xy[:2]}, ["x", "y", "z"], ["p", "p", "p"])
    with pytest.raises(ValueError, match="empty"):
        plot_vectors_2d({}, [], [])


def test_op_determinism_is_reported_once_seeded():
    from utils.seeding import op_determinism_enabled

    seed_everything(0)
    assert op_determinism_enabled() is True


def test_seed_everything_turns_tensorfloat32_off():
    """Notebooks compare model outputs with hand computations at 1e-5: TF32 (default on recent GPUs) is off."""
    import tensorflow as tf

    tf.config.experimental.enable_tensor_float_32_execution(True)
    seed_everything(0, deterministic_ops=False)
    assert not tf.config.experimental.tensor_float_32_execution_enabled()
