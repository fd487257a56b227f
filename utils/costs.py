"""What the one-hot route costs compared with an index lookup (claim C1)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["LookupCost", "measure_lookup_cost", "train_step_seconds"]


@dataclass(frozen=True)
class LookupCost:
    """Timings (seconds per batch, best of several runs) and input sizes for one vocabulary size."""

    vocab_size: int
    onehot_seconds: float
    lookup_seconds: float
    onehot_input_bytes: int
    lookup_input_bytes: int

    @property
    def speedup(self) -> float:
        """How many times faster the lookup is than one-hot times the matrix."""
        return self.onehot_seconds / self.lookup_seconds

    @property
    def memory_ratio(self) -> float:
        """How many times larger the one-hot input is than the index input."""
        return self.onehot_input_bytes / self.lookup_input_bytes


def _best_time(fn, repeats: int, number: int) -> float:
    fn()  # first call builds the layer and warms caches: not part of the cost
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def measure_lookup_cost(
    vocab_sizes: Sequence[int] = (1_000, 10_000, 100_000),
    *,
    dim: int = 64,
    n_ids: int = 256,
    repeats: int = 5,
    seed: int = 0,
    verbose: bool = True,
) -> list[LookupCost]:
    """Time ``Dense(use_bias=False)`` on one-hot rows against ``Embedding`` on ids.

    Both routes start from the same ``n_ids`` integer ids and the same
    ``(vocab_size, dim)`` weights; the one-hot route includes building the
    one-hot matrix, since a model fed ids would have to. Each route's time is
    the best of ``repeats`` runs (the least disturbed by other work on the
    machine), each route compiled with ``tf.function`` as inside ``fit``.
    Input sizes are the ``nbytes`` of the tensors each route actually
    materializes.
    """
    sizes = list(vocab_sizes)
    if not sizes:
        raise ValueError("vocab_sizes is empty: give at least one vocabulary size")
    for name, value in (("dim", dim), ("n_ids", n_ids), ("repeats", repeats), *(
        ("vocab size", v) for v in sizes
    )):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    import keras
    import tensorflow as tf

    rng = np.random.default_rng(seed)
    results = []
    for vocab_size in sizes:
        ids = tf.constant(rng.integers(0, vocab_size, size=n_ids), dtype=tf.int32)
        weights = rng.standard_normal((vocab_size, dim)).astype(np.float32)
        dense = keras.layers.Dense(dim, use_bias=False)
        dense.build((None, vocab_size))
        dense.set_weights([weights])
        embedding = keras.layers.Embedding(vocab_size, dim)
        embedding.build((None,))
        embedding.set_weights([weights])

        one_hot = tf.one_hot(ids, vocab_size)
        # Only time the routes once their results agree.
        np.testing.assert_allclose(dense(one_hot).numpy(), embedding(ids).numpy(), rtol=1e-6, atol=1e-6)
        # Compiled, as model.fit runs them: eager per-call overhead (~0.3 ms)
        # would otherwise hide the work itself.
        onehot_route = tf.function(lambda i, v=vocab_size, layer=dense: layer(tf.one_hot(i, v)))
        lookup_route = tf.function(lambda i, layer=embedding: layer(i))
        number = min(200, max(1, int(2e7 // (vocab_size * n_ids))))
        onehot_s = _best_time(lambda f=onehot_route, i=ids: f(i).numpy(), repeats, number)
        lookup_s = _best_time(lambda f=lookup_route, i=ids: f(i).numpy(), repeats, max(number, 50))
        cost = LookupCost(int(vocab_size), onehot_s, lookup_s,
                          int(one_hot.numpy().nbytes), int(ids.numpy().nbytes))
        results.append(cost)
        if verbose:
            print(f"vocab {vocab_size:>7,}: one-hot {onehot_s * 1e3:8.3f} ms, "
                  f"lookup {lookup_s * 1e3:6.3f} ms, {cost.speedup:7.1f}x faster", flush=True)
    return results


def train_step_seconds(model, x, y, *, repeats: int = 5) -> float:
    """Seconds one ``model.train_on_batch(x, y)`` takes: best of ``repeats``, after a warm-up.

    The warm-up call traces (and, with ``jit_compile``, compiles) the step,
    which is paid once per model and so is not part of the per-step cost.
    The model's weights are updated by every call: time a throwaway model.
    """
    if not isinstance(repeats, (int, np.integer)) or isinstance(repeats, bool) or repeats < 1:
        raise ValueError(f"repeats must be a positive int, got {repeats!r}")
    return _best_time(lambda: model.train_on_batch(x, y), repeats, 1)
