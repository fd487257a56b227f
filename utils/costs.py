"""What the one-hot route costs compared with an index lookup, and what a training step costs (claim C1).

Taught in notebook 01, sections 4 (the lookup's forward cost) and 5 (a whole
training step, per optimizer, as the vocabulary grows).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .arguments import flag, integer

__all__ = [
    "LookupCost",
    "TRAIN_STEP_OPTIMIZERS",
    "TrainStepCost",
    "measure_lookup_cost",
    "measure_train_step_cost",
]


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


def _time_once(fn, number: int) -> float:
    """Seconds per call of ``fn``, averaged over ``number`` back-to-back calls."""
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


def _best_time(fn, repeats: int, number: int) -> float:
    fn()  # first call builds the layer and warms caches: not part of the cost
    return min(_time_once(fn, number) for _ in range(repeats))


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

    Taught in notebook 01, section 4 ("What the lookup saves as the vocabulary grows").

    Both routes start from the same ``n_ids`` integer ids and the same
    ``(vocab_size, dim)`` weights; the one-hot route includes building the
    one-hot matrix, since a model fed ids would have to. Each route's time is
    the best of ``repeats`` rounds (the least disturbed by other work on the
    machine); each round times every size in turn, and each route is compiled
    with ``tf.function`` as inside ``fit``.
    Input sizes are the ``nbytes`` of the tensors each route actually
    materializes.
    """
    sizes = _check_sizes(vocab_sizes, dim=dim, n_ids=n_ids, repeats=repeats)
    rng = np.random.default_rng(integer("seed", seed, 0))
    verbose = flag("verbose", verbose)
    routes = [_lookup_routes(vocab_size, dim, n_ids, rng) for vocab_size in sizes]
    best = _best_of_rounds(routes, repeats)
    results = []
    for route in routes:
        cost = LookupCost(route.vocab_size, best[route.vocab_size, "onehot"], best[route.vocab_size, "lookup"],
                          route.onehot_bytes, route.ids_bytes)
        results.append(cost)
        if verbose:
            print(f"vocab {route.vocab_size:>7,}: one-hot {cost.onehot_seconds * 1e3:8.3f} ms, "
                  f"lookup {cost.lookup_seconds * 1e3:6.3f} ms, {cost.speedup:7.1f}x faster", flush=True)
    return results


def _check_sizes(vocab_sizes: Sequence[int], **counts: int) -> list[int]:
    """``vocab_sizes`` as a non-empty list; every count (``dim=...``) and size at least 1."""
    sizes = list(vocab_sizes)
    if not sizes:
        raise ValueError("vocab_sizes is empty: give at least one vocabulary size")
    for name, value in (*counts.items(), *(("vocab size", v) for v in sizes)):
        integer(name, value, 1)
    return sizes


class _LookupRoutes(NamedTuple):
    """The two compiled routes for one vocabulary size, ready to time, and the input each materializes."""

    vocab_size: int
    onehot_call: Callable[[], object]
    lookup_call: Callable[[], object]
    number: int  # one-hot calls per timing (fewer for larger matrices)
    onehot_bytes: int
    ids_bytes: int


def _lookup_routes(vocab_size: int, dim: int, n_ids: int, rng: np.random.Generator) -> _LookupRoutes:
    """``Dense`` on one-hot rows and ``Embedding`` on ids, sharing ids and weights, checked equal and warmed up."""
    import keras
    import tensorflow as tf

    ids = tf.constant(rng.integers(0, vocab_size, size=n_ids), dtype=tf.int32)
    weights = rng.standard_normal((vocab_size, dim)).astype(np.float32)
    dense = keras.layers.Dense(dim, use_bias=False)
    dense.build((None, vocab_size))
    dense.set_weights([weights])
    embedding = keras.layers.Embedding(vocab_size, dim)
    embedding.build((None,))
    embedding.set_weights([weights])

    one_hot = tf.one_hot(ids, vocab_size)
    # Only time the routes once their results agree. On an Ampere or newer
    # GPU, Dense's matmul may run in TensorFloat-32 (10-bit mantissa), so
    # there the tolerance is TF32's rounding rather than float32's.
    tol = 1e-6 if not tf.config.list_logical_devices("GPU") else 1e-2
    np.testing.assert_allclose(dense(one_hot).numpy(), embedding(ids).numpy(), rtol=tol, atol=tol)
    # Compiled, as model.fit runs them: eager per-call overhead (~0.3 ms)
    # would otherwise hide the work itself.
    onehot_route = tf.function(lambda i: dense(tf.one_hot(i, vocab_size)))
    lookup_route = tf.function(lambda i: embedding(i))
    number = min(200, max(1, int(2e7 // (vocab_size * n_ids))))
    onehot_call = lambda: onehot_route(ids).numpy()  # noqa: E731
    lookup_call = lambda: lookup_route(ids).numpy()  # noqa: E731
    onehot_call()
    lookup_call()
    return _LookupRoutes(int(vocab_size), onehot_call, lookup_call, number,
                         int(one_hot.numpy().nbytes), int(ids.numpy().nbytes))


def _best_of_rounds(routes: list[_LookupRoutes], repeats: int) -> dict[tuple[int, str], float]:
    """``{(vocab_size, "onehot" | "lookup"): best seconds per call}`` over ``repeats`` rounds."""
    # Rounds interleave the sizes, so a busy spell on the machine hits all of them.
    best = {}
    for _ in range(repeats):
        for route in routes:
            for kind, call, n in (("onehot", route.onehot_call, route.number),
                                  ("lookup", route.lookup_call, max(route.number, 50))):
                best[route.vocab_size, kind] = min(best.get((route.vocab_size, kind), float("inf")),
                                                   _time_once(call, n))
    return best


#: The optimizers :func:`measure_train_step_cost` knows: name -> (Keras optimizer class
#: name, its keyword arguments, how the step looks its rows up). "layer" is
#: ``keras.layers.Embedding`` itself; "variable" gathers straight from the table's
#: ``tf.Variable`` (``tf.gather(variable, ids)``, a ``ResourceGather``), as
#: ``tf.nn.embedding_lookup`` does.
TRAIN_STEP_OPTIMIZERS = {
    "SGD": ("SGD", {"learning_rate": 0.01}, "layer"),
    "SGD + momentum 0.9": ("SGD", {"learning_rate": 0.01, "momentum": 0.9}, "layer"),
    "Adam": ("Adam", {"learning_rate": 0.001}, "layer"),
    "SGD, gather from the variable": ("SGD", {"learning_rate": 0.01}, "variable"),
}


@dataclass(frozen=True)
class TrainStepCost:
    """Median seconds of one training step, per optimizer and vocabulary size.

    ``seconds[optimizer][vocab_size]``; see :func:`measure_train_step_cost`.

    Returned by :func:`measure_train_step_cost` (notebook 01, section "A whole training step as the vocabulary
    grows").
    """

    seconds: dict[str, dict[int, float]]
    repeats: int

    def growth(self, optimizer: str) -> float:
        """The step time at the largest vocabulary divided by that at the smallest."""
        if optimizer not in self.seconds:
            raise KeyError(f"no measurement for {optimizer!r}; measured {sorted(self.seconds)}")
        by_size = self.seconds[optimizer]
        return by_size[max(by_size)] / by_size[min(by_size)]

    def milliseconds(self, digits: int = 3) -> dict[str, dict[str, float]]:
        """``{optimizer: {str(vocab_size): ms}}``, rounded, ready for JSON."""
        return {name: {str(v): round(s * 1e3, digits) for v, s in by_size.items()}
                for name, by_size in self.seconds.items()}


def measure_train_step_cost(
    vocab_sizes: Sequence[int] = (1_000, 10_000, 100_000),
    optimizers: Sequence[str] = ("SGD", "SGD + momentum 0.9", "Adam"),
    *,
    dim: int = 64,
    batch_size: int = 32,
    seq_len: int = 8,
    repeats: int = 5,
    number: int = 3,
    seed: int = 0,
    verbose: bool = True,
) -> TrainStepCost:
    """Time one whole training step (forward, gradient, optimizer update) as the vocabulary grows.

    Taught in notebook 01, section 5 ("A whole training step"). The model is an
    ``Embedding(vocab_size, dim)``, an average over the ``seq_len`` positions
    and a ``Dense(1)`` head with a squared-error loss; every step sees the same
    ``(batch_size, seq_len)`` batch of ids (drawn below 1,000, so every size
    looks up the same rows). The step is a ``tf.function`` (gradient tape, then
    ``optimizer.apply``), traced once before timing. To be fair to every
    configuration on a busy machine, the measurements are interleaved: each of
    ``repeats`` rounds times at least ``number`` steps of every (optimizer, size)
    pair (more for fast steps, so that a round lasts about 10 ms), in an order
    shuffled by ``seed``, and the result is each pair's median round.
    ``optimizers`` are names from :data:`TRAIN_STEP_OPTIMIZERS`.
    """
    sizes, names = list(vocab_sizes), list(optimizers)
    if not sizes:
        raise ValueError("vocab_sizes is empty: give at least one vocabulary size")
    if not names:
        raise ValueError("optimizers is empty: give at least one name from TRAIN_STEP_OPTIMIZERS")
    unknown = [n for n in names if n not in TRAIN_STEP_OPTIMIZERS]
    if unknown:
        raise ValueError(f"unknown optimizer(s) {unknown}: choose from {list(TRAIN_STEP_OPTIMIZERS)}")
    sizes = [int(v) for v in _check_sizes(sizes, dim=dim, batch_size=batch_size, seq_len=seq_len,
                                          repeats=repeats, number=number)]
    rng = np.random.default_rng(integer("seed", seed, 0))
    verbose = flag("verbose", verbose)
    import tensorflow as tf

    x = tf.constant(rng.integers(0, min(min(sizes), 1_000), size=(batch_size, seq_len)), dtype=tf.int32)
    y = tf.constant(rng.standard_normal((batch_size, 1)), dtype=tf.float32)
    rounds = _step_rounds([(name, v) for name in names for v in sizes], x, y, dim=dim, repeats=repeats,
                          number=number, rng=rng)
    seconds = {name: {v: float(np.median(rounds[name, v])) for v in sizes} for name in names}
    if verbose:
        for name in names:
            row = ", ".join(f"{v:,}: {seconds[name][v] * 1e3:7.2f} ms" for v in sizes)
            print(f"{name:<30} {row}", flush=True)
    return TrainStepCost(seconds, int(repeats))


def _train_step(vocab_size: int, name: str, dim: int, seq_len: int):
    """One compiled training step of the timed model (``Embedding``, mean, ``Dense(1)``) with optimizer ``name``."""
    import keras
    import tensorflow as tf

    class_name, kwargs, lookup = TRAIN_STEP_OPTIMIZERS[name]
    embedding = keras.layers.Embedding(vocab_size, dim)
    head = keras.layers.Dense(1)
    embedding.build((None, seq_len))
    head.build((None, dim))
    variables = embedding.trainable_variables + head.trainable_variables
    optimizer = getattr(keras.optimizers, class_name)(**kwargs)
    optimizer.build(variables)

    def vectors(ids):
        if lookup == "variable":
            return tf.gather(embedding.embeddings.value, ids)
        return embedding(ids)

    def step(ids, target):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((head(tf.reduce_mean(vectors(ids), axis=1)) - target) ** 2)
        optimizer.apply(tape.gradient(loss, variables), variables)
        return loss

    return tf.function(step)


def _step_rounds(keys: list[tuple[str, int]], x, y, *, dim: int, repeats: int, number: int,
                 rng: np.random.Generator) -> dict[tuple[str, int], list[float]]:
    """``{(optimizer, vocab_size): seconds per step, one per round}``, the rounds shuffled by ``rng``."""
    import tensorflow as tf

    # Each configuration is its own tf.function, traced once: TensorFlow's
    # retracing warning would only say that several were created in a loop.
    tf_logger = tf.get_logger()
    level = tf_logger.level
    tf_logger.setLevel("ERROR")
    try:
        steps, calls = {}, {}
        for key in keys:
            step = _train_step(key[1], key[0], dim, int(x.shape[1]))
            step(x, y).numpy()  # trace (and build) once: not part of the per-step cost
            steps[key] = step
            # A round of a fast step lasts at least ~10 ms, so that one
            # interruption by another process weighs less in it.
            first = _time_once(lambda f=step: f(x, y).numpy(), 1)
            calls[key] = max(int(number), min(50, int(0.01 / max(first, 1e-6))))
        rounds = {key: [] for key in keys}
        for _ in range(repeats):
            for i in rng.permutation(len(keys)):
                key = keys[i]
                rounds[key].append(_time_once(lambda f=steps[key]: f(x, y).numpy(), calls[key]))
    finally:
        tf_logger.setLevel(level)
    return rounds
