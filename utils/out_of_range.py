"""What an ``Embedding`` lookup returns for an id outside its table, by path and device.

Taught in notebook 01, section 6 ("Ids outside the table"); measured in appendix A2,
section 2. Keras 3 on TensorFlow looks rows up with ``keras.ops.take``, which first adds the table's
length to negative ids and then calls ``tf.gather``. What happens to an id
that is still outside ``0 … vocab_size - 1`` depends on how the call runs:

* eager ``tf.gather`` on a CPU raises ``InvalidArgumentError`` (measured in
  appendix A2);
* eager ``tf.gather`` on a GPU writes zeros for that id instead of raising
  (documented: https://www.tensorflow.org/api_docs/python/tf/gather);
* a function compiled with XLA (``jit_compile=True``) uses XLA's gather, which
  clamps the index into range, so an id past the end reads the last row
  (measured on CPU in appendix A2; XLA's clamping is the same on every
  backend, as JAX documents for its XLA-compiled indexing:
  https://docs.jax.dev/en/latest/notebooks/Common_Gotchas_in_JAX.html#out-of-bounds-indexing);
* a negative id such as ``-1`` is wrapped by ``keras.ops.take`` before the
  gather (https://github.com/keras-team/keras/blob/master/keras/src/backend/tensorflow/numpy.py,
  function ``take``), so ``-1`` reads the last row on either path and device.

:func:`expected_out_of_range` holds that table; :func:`observe_out_of_range`
classifies what a lookup actually did, so a notebook can assert that the two
agree on whichever device it runs on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

__all__ = [
    "OUT_OF_RANGE_PATHS",
    "OUT_OF_RANGE_BEHAVIOURS",
    "device_kind",
    "expected_out_of_range",
    "observe_out_of_range",
]

#: The ways a bad id reaches the table: an id one past the end (``vocab_size``)
#: or ``-1``, looked up eagerly or inside a ``tf.function(jit_compile=True)``.
OUT_OF_RANGE_PATHS = ("eager", "xla", "negative, eager", "negative, xla")

#: What a lookup can do with a bad id, as :func:`observe_out_of_range` names it.
OUT_OF_RANGE_BEHAVIOURS = ("raises", "zeros", "last row", "first row", "nan", "another value")

_EXPECTED = {
    ("CPU", "eager"): "raises",
    ("GPU", "eager"): "zeros",
    ("CPU", "xla"): "last row",
    ("GPU", "xla"): "last row",
    ("CPU", "negative, eager"): "last row",
    ("GPU", "negative, eager"): "last row",
    ("CPU", "negative, xla"): "last row",
    ("GPU", "negative, xla"): "last row",
}


def device_kind(device_types: Sequence[str] | None = None) -> str:
    """``"GPU"`` when TensorFlow sees a GPU (where Keras then places the lookup), else ``"CPU"``.

    Taught in notebook 01, section 6. ``device_types`` (e.g. ``["CPU", "GPU"]``)
    replaces asking TensorFlow, so the choice can be tested without a GPU.
    """
    if device_types is None:
        import tensorflow as tf

        device_types = [d.device_type for d in tf.config.list_logical_devices()]
    if isinstance(device_types, str) or not all(isinstance(d, str) for d in device_types):
        raise TypeError(f"device_types must be a list of device type names such as ['CPU', 'GPU'], "
                        f"got {device_types!r}")
    return "GPU" if any(d.upper() == "GPU" for d in device_types) else "CPU"


def expected_out_of_range(device: str, path: str) -> str:
    """What an ``Embedding`` lookup does with a bad id on ``device`` ("CPU" or "GPU") by ``path``.

    Taught in notebook 01, section 6. ``path`` is one of :data:`OUT_OF_RANGE_PATHS`;
    the answer is one of :data:`OUT_OF_RANGE_BEHAVIOURS`. The CPU entries are
    measured in appendix A2; the GPU entries come from the documentation cited
    in this module's docstring (Keras 3 on TensorFlow).
    """
    if device not in ("CPU", "GPU"):
        raise ValueError(f"device must be 'CPU' or 'GPU', got {device!r}")
    if path not in OUT_OF_RANGE_PATHS:
        raise ValueError(f"path must be one of {OUT_OF_RANGE_PATHS}, got {path!r}")
    return _EXPECTED[device, path]


def observe_out_of_range(lookup: Callable, table: np.ndarray, bad_id: int) -> str:
    """Call ``lookup([bad_id])`` and name what it did: one of :data:`OUT_OF_RANGE_BEHAVIOURS`.

    Taught in notebook 01, section 6. ``table`` is the ``(vocab_size, dim)``
    matrix the lookup reads; its first and last rows must differ from each
    other and from zero, so that each answer can be told apart.
    """
    if not callable(lookup):
        raise TypeError(f"lookup must be a callable taking an array of ids, got {type(lookup).__name__}")
    table = np.asarray(table)
    if table.ndim != 2 or table.shape[0] < 2:
        raise ValueError(f"table must be a (vocab_size, dim) matrix with at least 2 rows, got shape {table.shape}")
    if not np.isfinite(table).all():
        raise ValueError("table has non-finite values (a diverged training?): NaN could not be told apart")
    if not table[0].any() or not table[-1].any() or np.array_equal(table[0], table[-1]):
        raise ValueError("the table's first and last rows must be non-zero and different from each other")
    if not isinstance(bad_id, (int, np.integer)) or isinstance(bad_id, bool):
        raise TypeError(f"bad_id must be an int, got {bad_id!r}")
    import tensorflow as tf

    try:
        row = np.asarray(lookup(np.array([bad_id], dtype=np.int32)))
    except tf.errors.InvalidArgumentError:
        return "raises"
    row = row.reshape(-1, table.shape[1])[0]
    if np.isnan(row).all():
        return "nan"
    if not row.any():
        return "zeros"
    if np.array_equal(row, table[-1]):
        return "last row"
    if np.array_equal(row, table[0]):
        return "first row"
    return "another value"
