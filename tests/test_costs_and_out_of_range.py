"""Training-step timings per optimizer, and what a lookup does with an id outside its table (notebook 01)."""

import numpy as np
import pytest

from utils.costs import TRAIN_STEP_OPTIMIZERS, TrainStepCost, measure_train_step_cost
from utils.out_of_range import (
    OUT_OF_RANGE_BEHAVIOURS,
    OUT_OF_RANGE_PATHS,
    device_kind,
    expected_out_of_range,
    observe_out_of_range,
)
from utils.plots import plot_one_hot_lookup, plot_train_step_cost

TABLE = np.arange(1, 13, dtype=np.float32).reshape(4, 3)


# ------------------------------------------------------------ training steps
@pytest.mark.slow
def test_measure_train_step_cost_small():
    cost = measure_train_step_cost((20, 200), optimizers=list(TRAIN_STEP_OPTIMIZERS), dim=4, batch_size=4,
                                   seq_len=3, repeats=2, number=1, verbose=False)
    assert set(cost.seconds) == set(TRAIN_STEP_OPTIMIZERS)
    for by_size in cost.seconds.values():
        assert sorted(by_size) == [20, 200] and all(s > 0 for s in by_size.values())
    ms = cost.milliseconds()
    assert ms["Adam"]["200"] == round(cost.seconds["Adam"][200] * 1e3, 3)
    assert cost.growth("SGD") == cost.seconds["SGD"][200] / cost.seconds["SGD"][20]
    with pytest.raises(KeyError, match="no measurement"):
        cost.growth("Lion")


def test_train_step_cost_plot_has_one_line_per_optimizer():
    cost = TrainStepCost({"SGD": {10: 1e-3, 100: 1e-3}, "Adam": {10: 1e-3, 100: 5e-3}}, repeats=1)
    fig = plot_train_step_cost(cost)
    assert len(fig.axes[0].get_lines()) == 2


@pytest.mark.parametrize("kwargs, message", [
    ({"vocab_sizes": []}, "vocab_sizes is empty"),
    ({"optimizers": []}, "optimizers is empty"),
    ({"optimizers": ["RMSprop"]}, "unknown optimizer"),
    ({"repeats": 0}, "repeats"),
    ({"dim": -2}, "dim"),
])
def test_measure_train_step_cost_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        measure_train_step_cost(**{"vocab_sizes": (10,), "verbose": False, **kwargs})


# ------------------------------------------------------------ out-of-range ids
def test_every_path_has_an_expected_behaviour_on_both_devices():
    for device in ("CPU", "GPU"):
        for path in OUT_OF_RANGE_PATHS:
            assert expected_out_of_range(device, path) in OUT_OF_RANGE_BEHAVIOURS


def test_device_branches_differ_only_on_the_eager_path():
    # The GPU branch, selected without a GPU: eager tf.gather on a GPU gives zeros.
    assert device_kind(["CPU", "GPU"]) == "GPU"
    assert device_kind(["CPU"]) == "CPU"
    assert expected_out_of_range(device_kind(["CPU", "GPU"]), "eager") == "zeros"
    assert expected_out_of_range(device_kind(["CPU"]), "eager") == "raises"
    for path in OUT_OF_RANGE_PATHS[1:]:
        assert expected_out_of_range("GPU", path) == expected_out_of_range("CPU", path) == "last row"


def test_notebook_check_passes_for_a_simulated_gpu():
    """What notebook 01 asserts, with lookups that behave as the GPU documentation says."""
    def gpu_eager(ids):  # tf.gather's GPU kernel: zeros for an out-of-range id
        ids = np.asarray(ids)
        return np.where(((ids >= 0) & (ids < len(TABLE)))[:, None], TABLE[np.clip(ids, 0, len(TABLE) - 1)], 0.0)

    def xla(ids):  # XLA's gather: ids clamped into range (after Keras wraps negatives)
        ids = np.asarray(ids)
        return TABLE[np.clip(np.where(ids < 0, ids + len(TABLE), ids), 0, len(TABLE) - 1)]

    def keras_eager_gpu(ids):  # keras.ops.take wraps negatives, then the GPU gather
        ids = np.asarray(ids)
        return gpu_eager(np.where(ids < 0, ids + len(TABLE), ids))

    lookups = {"eager": (keras_eager_gpu, len(TABLE)), "xla": (xla, len(TABLE)),
               "negative, eager": (keras_eager_gpu, -1), "negative, xla": (xla, -1)}
    device = device_kind(["CPU", "GPU"])
    observed = {path: observe_out_of_range(f, TABLE, bad_id) for path, (f, bad_id) in lookups.items()}
    assert observed == {path: expected_out_of_range(device, path) for path in lookups}
    assert observed != {path: expected_out_of_range("CPU", path) for path in lookups}


def test_keras_on_this_cpu_behaves_as_expected():
    import keras
    import tensorflow as tf

    with tf.device("/CPU:0"):
        layer = keras.layers.Embedding(*TABLE.shape)
        layer.build((None,))
        layer.set_weights([TABLE])
        compiled = tf.function(lambda ids: layer(ids), jit_compile=True)
        assert observe_out_of_range(layer, TABLE, 4) == expected_out_of_range("CPU", "eager") == "raises"
        assert observe_out_of_range(compiled, TABLE, 4) == expected_out_of_range("CPU", "xla")
        assert observe_out_of_range(layer, TABLE, -1) == expected_out_of_range("CPU", "negative, eager")
        assert observe_out_of_range(compiled, TABLE, -1) == expected_out_of_range("CPU", "negative, xla")


def test_observe_names_each_behaviour():
    assert observe_out_of_range(lambda ids: TABLE[[0]], TABLE, 9) == "first row"
    assert observe_out_of_range(lambda ids: np.full((1, 3), np.nan), TABLE, 9) == "nan"
    assert observe_out_of_range(lambda ids: TABLE[[1]], TABLE, 9) == "another value"


@pytest.mark.parametrize("call, error, message", [
    (lambda: expected_out_of_range("TPU", "eager"), ValueError, "CPU' or 'GPU"),
    (lambda: expected_out_of_range("CPU", "compiled"), ValueError, "path must be one of"),
    (lambda: device_kind("GPU"), TypeError, "list of device type names"),
    (lambda: observe_out_of_range("not callable", TABLE, 4), TypeError, "callable"),
    (lambda: observe_out_of_range(lambda i: i, np.zeros((4, 3)), 4), ValueError, "non-zero"),
    (lambda: observe_out_of_range(lambda i: i, TABLE, 4.0), TypeError, "bad_id must be an int"),
])
def test_out_of_range_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ------------------------------------------------------------ the diagram
def test_one_hot_diagram_marks_the_row():
    fig = plot_one_hot_lookup(TABLE, 2, ["a", "b", "c", "d"])
    panels = [ax for ax in fig.axes if ax.images]
    assert len(panels) == 3
    np.testing.assert_array_equal(panels[2].images[0].get_array(), TABLE[2:3])
    assert panels[0].images[0].get_array()[0].tolist() == [0, 0, 1, 0]
