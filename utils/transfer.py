"""Starting an ``Embedding`` from word2vec: the pretrained table, and learning curves (claims C5, C6).

Taught in notebook 07. The notebook writes the freeze → fit → unfreeze →
recompile → fine-tune recipe in Keras itself (section "The recipe in Keras");
:func:`transfer_curves` runs the same procedure many times, reusing compiled
models so that dozens of runs fit in seconds (``tests/test_transfer.py``
checks that both give the same weights).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from .arguments import finite_table, flag, integer, positive_number, word_vectors
from .intervals import Interval, seed_interval
from .models import build_classifier
from .text import Vocabulary, make_dataset

__all__ = ["pretrained_table", "balanced_subset", "VARIANTS", "CurvePoint", "TransferCurves", "transfer_curves",
           "summarize_curves", "CURVE_PAIRS", "paired_differences", "format_accuracy", "curve_table",
           "difference_table", "SweepPoint", "finetune_sweep"]


def pretrained_table(vocab, kv, *, oov: str = "zeros", seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """An ``(len(vocab), kv.vector_size)`` table whose rows are ``kv``'s vectors for ``vocab``'s words.

    Notebook 07, section "The word2vec table". Padding (row 0) and ``[UNK]``
    (row 1) get zeros. Words ``kv`` does not know get zeros (``oov="zeros"``:
    they start with no opinion) or random values at the scale of ``kv``'s
    vectors (``oov="random"``: as if randomly initialized). Returns the table
    and the list of words ``kv`` lacked.
    """
    if oov not in ("zeros", "random"):
        raise ValueError(f"oov must be 'zeros' or 'random', got {oov!r}")
    word_vectors("kv", kv)
    integer("seed", seed, 0)
    if not isinstance(vocab, Vocabulary):
        raise TypeError(f"vocab must be a utils.Vocabulary, got {type(vocab).__name__}")
    words = vocab.words
    table = np.zeros((len(words), kv.vector_size), dtype=np.float32)
    missing = []
    for i, word in enumerate(words[2:], start=2):
        if word in kv:
            table[i] = kv[word]
        else:
            missing.append(word)
    if len(missing) == len(words) - 2:
        raise ValueError("word2vec knows none of the vocabulary's words: were they trained on the same text?")
    if missing and oov == "random":
        rng = np.random.default_rng(seed)
        scale = float(kv.vectors.std())
        rows = [vocab.id(w) for w in missing]
        table[rows] = rng.uniform(-scale * np.sqrt(3), scale * np.sqrt(3), (len(rows), kv.vector_size))
    return table, missing


def balanced_subset(labels: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Indices of ``n`` examples, as many of each class as possible, drawn at random from ``seed``.

    Notebook 07: the labeled sets of the learning curves.
    """
    labels = np.asarray(labels)
    classes = np.unique(labels)
    if not isinstance(n, (int, np.integer)) or n < len(classes) or n > len(labels):
        raise ValueError(f"n must be an int between the number of classes ({len(classes)}) "
                         f"and the number of examples ({len(labels)}), got {n!r}")
    rng = np.random.default_rng(integer("seed", seed, 0))
    if n == len(labels):
        return rng.permutation(n)
    per_class = [rng.permutation(np.flatnonzero(labels == c)) for c in classes]
    picked = []
    for k in range(n):
        pool = per_class[k % len(classes)]
        picked.append(pool[k // len(classes)])
    return rng.permutation(np.array(picked))


#: The three ways the classifier's ``Embedding`` can start, in the order they are trained.
VARIANTS = ("random init", "word2vec frozen", "word2vec fine-tuned")


@dataclass(frozen=True)
class CurvePoint:
    """One training run: which start, how many labeled examples, which seed, and its scores.

    One point of :func:`transfer_curves` (notebook 07, section "Learning curves on the lab topic task").
    """

    variant: str
    n_labeled: int
    seed: int
    test_accuracy: float
    unseen_accuracy: float | None


@dataclass
class TransferCurves:
    """What :func:`transfer_curves` returns.

    ``points``: one :class:`CurvePoint` per run. ``models``: ``{variant:
    model}`` as the last run left them (the last seed, the largest size).
    ``start_tables``: ``{variant: table}``, the embedding table each variant
    started that last run from (for random init, the seeded random draw).
    ``last_run``: ``(seed, n_labeled)`` of that run.

    Returned by :func:`transfer_curves` (notebook 07, section "Learning curves on the lab topic task").
    """

    points: list[CurvePoint]
    models: dict
    start_tables: dict[str, np.ndarray]
    last_run: tuple[int, int]
    settings: dict = field(default_factory=dict)


def _accuracy(model, x, y, n_classes: int) -> float:
    # A plain call: predict() would retrace for every new input shape.
    p = np.asarray(model(np.asarray(x), training=False))
    predicted = (p[:, 0] > 0.5).astype(int) if n_classes == 2 else p.argmax(axis=1)
    return float((predicted == np.asarray(y)).mean())


def _reset_optimizer(model) -> None:
    """A fresh optimizer without a new compile: step count and Adam's moments back to zero."""
    for v in model.optimizer.variables:
        if not v.path.endswith("learning_rate"):
            v.assign(np.zeros(v.shape, dtype=v.dtype))


class _NoRetracingNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "triggered tf.function retracing" not in record.getMessage()


@contextlib.contextmanager
def _quiet_retracing() -> Iterator[None]:
    # Each call builds and compiles fresh models; TensorFlow counts their first traces
    # as "retracing" and warns after a few, although nothing is traced twice.
    logger, quiet = logging.getLogger("tensorflow"), _NoRetracingNotice()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def _repeated(x, y, *, batch_size: int, seed: int):
    return make_dataset(x, y, batch_size=batch_size, shuffle=True, seed=seed).repeat()


def _fit(model, data, steps: int) -> None:
    # One fit call of exactly `steps` steps over a repeated (reshuffled each pass) dataset:
    # per-epoch overhead is paid once, not once per pass over a tiny set.
    if steps % model.steps_per_execution:
        # Keras would round the run up to a whole number of executions: more steps than asked.
        raise ValueError(f"{steps} steps is not a multiple of the model's steps_per_execution "
                         f"({model.steps_per_execution})")
    model.fit(data, epochs=1, steps_per_epoch=int(steps), shuffle=False, verbose=0)


def _finetune_steps(n_labeled: int, finetune_epochs: int, batch_size: int) -> int:
    return finetune_epochs * -(-n_labeled // batch_size)


def _check_table_and_ids(table, x_train) -> np.ndarray:
    table = finite_table("table", table).astype(np.float32)
    if np.asarray(x_train).max() >= len(table):
        raise ValueError(f"ids go up to {np.asarray(x_train).max()} but the table has {len(table)} rows")
    return table


def _check_schedule(steps, finetune_epochs, batch_size, learning_rate, finetune_learning_rate) -> None:
    integer("steps", steps, 1)
    integer("finetune_epochs", finetune_epochs, 0)
    integer("batch_size", batch_size, 1)
    positive_number("learning_rate", learning_rate)
    positive_number("finetune_learning_rate", finetune_learning_rate)


def _build_pair(table, n_classes, max_len, learning_rate, finetune_learning_rate, steps):
    """The three variants' models. Random init runs all its ``steps`` in one call into the backend
    (``steps_per_execution``): the same steps on the same batches, without Python's overhead per step,
    which is most of a step's time for a model this small. The frozen model, which the fine-tuned one
    starts from, runs a step per call: with the frozen phase in one call, the fine-tuned scores
    came out different in the last printed digit, and not the same from run to run."""
    vocab_size, dim = table.shape

    def build(trainable, lr, pretrained, per_call=1):
        return build_classifier(vocab_size, dim, n_classes, max_len=max_len, pretrained=pretrained,
                                trainable=trainable, learning_rate=lr, steps_per_execution=per_call)

    return {"random init": build(True, learning_rate, None, steps),
            "word2vec frozen": build(False, learning_rate, table),
            "word2vec fine-tuned": build(True, finetune_learning_rate, table)}


def _start(model, start_table, kernel) -> None:
    model.get_layer("embedding").embeddings.assign(start_table)
    model.get_layer("output").kernel.assign(kernel)
    model.get_layer("output").bias.assign(np.zeros(model.get_layer("output").bias.shape, "float32"))
    _reset_optimizer(model)


def transfer_curves(
    table: np.ndarray,
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    *,
    sizes: Sequence[int],
    seeds: Sequence[int],
    n_classes: int,
    steps: int,
    finetune_epochs: int,
    batch_size: int,
    learning_rate: float,
    finetune_learning_rate: float,
    unseen: tuple[np.ndarray, np.ndarray] | None = None,
    verbose: bool = True,
) -> TransferCurves:
    """Learning curves of the classifier for the three :data:`VARIANTS` (notebook 07, sections 4-8).

    For each seed and labeled-set size (a :func:`balanced_subset` of
    ``train``; ``train``, ``test`` and ``unseen`` are ``(ids, labels)``):

    * **random init**: Keras's uniform initializer (seeded), everything
      trained for ``steps`` optimizer steps at ``learning_rate``;
    * **word2vec frozen**: the embedding starts from ``table`` and stays
      there (``trainable=False``); only the output layer learns, for the
      same ``steps`` at ``learning_rate``;
    * **word2vec fine-tuned**: the frozen run, then the embedding unfrozen
      (a model compiled with ``trainable=True``: the recompile) and trained
      ``finetune_epochs`` passes over the labeled set at
      ``finetune_learning_rate``.

    The first phase is a fixed number of steps whatever the size (it fits a
    new output layer; tiny sets are repeated); fine-tuning is a fixed number
    of *epochs*, so a small set gets few fine-tuning updates. Every run of one
    seed starts from the same output-layer kernel. The settings come from
    :data:`utils.recipes.LAB_CURVES` / ``REAL_CURVES``.
    """
    x_train, y_train = train
    table = _check_table_and_ids(table, x_train)
    _check_curve_runs(sizes, seeds, n_classes, verbose)
    _check_schedule(steps, finetune_epochs, batch_size, learning_rate, finetune_learning_rate)
    sizes = sorted(sizes)
    with _quiet_retracing():
        return _curves(table, x_train, y_train, test, unseen, sizes, seeds, n_classes, steps, finetune_epochs,
                       batch_size, learning_rate, finetune_learning_rate, verbose)


def _check_curve_runs(sizes: Sequence[int], seeds: Sequence[int], n_classes: int, verbose: bool) -> None:
    """The runs :func:`transfer_curves` is asked for: some sizes (each at least 1) and seeds (each at least 0)."""
    if not sizes or not seeds:
        raise ValueError("sizes and seeds must be non-empty")
    for s in seeds:
        integer("seed", s, 0)
    for n in sizes:
        integer("size", n, 1)
    flag("verbose", verbose)
    integer("n_classes", n_classes, 2)


def _curves(table, x_train, y_train, test, unseen, sizes, seeds, n_classes, steps, finetune_epochs, batch_size,
            learning_rate, finetune_learning_rate, verbose) -> TransferCurves:
    import keras

    vocab_size, dim = table.shape
    models = _build_pair(table, n_classes, x_train.shape[1], learning_rate, finetune_learning_rate, steps)
    points: list[CurvePoint] = []
    start = time.perf_counter()
    for seed in seeds:
        random_table = np.asarray(keras.initializers.RandomUniform(-0.05, 0.05, seed=seed)((vocab_size, dim)))
        kernel = keras.initializers.GlorotUniform(seed=seed)(models["random init"].get_layer("output").kernel.shape)
        for n in sizes:
            idx = balanced_subset(y_train, n, seed)
            x, y = x_train[idx], y_train[idx]
            _start(models["random init"], random_table, kernel)
            _fit(models["random init"], _repeated(x, y, batch_size=batch_size, seed=seed), steps)
            data = _repeated(x, y, batch_size=batch_size, seed=seed)  # frozen, then fine-tuned: as in the notebook
            _start(models["word2vec frozen"], table, kernel)
            _fit(models["word2vec frozen"], data, steps)
            tuned = models["word2vec fine-tuned"]
            tuned.set_weights(models["word2vec frozen"].get_weights())
            _reset_optimizer(tuned)
            if finetune_epochs:
                _fit(tuned, data, _finetune_steps(len(x), finetune_epochs, batch_size))
            for name in VARIANTS:
                points.append(CurvePoint(
                    name, int(n), int(seed), _accuracy(models[name], *test, n_classes),
                    _accuracy(models[name], *unseen, n_classes) if unseen is not None else None))
        if verbose:
            print(f"seed {seed}: {len(sizes)} sizes x {len(VARIANTS)} variants done "
                  f"({time.perf_counter() - start:.1f} s so far)", flush=True)
    starts = {"random init": random_table, "word2vec frozen": table, "word2vec fine-tuned": table}
    settings = dict(steps=steps, finetune_epochs=finetune_epochs, batch_size=batch_size,
                    learning_rate=learning_rate, finetune_learning_rate=finetune_learning_rate)
    return TransferCurves(points, models, starts, (int(seeds[-1]), int(sizes[-1])), settings)


def summarize_curves(points: Sequence[CurvePoint], field: str = "test_accuracy") -> dict[str, dict[int, Interval]]:
    """``{variant: {n_labeled: Interval}}``: the mean of ``field`` over seeds with its 95% t-interval.

    Notebook 07: each point of a learning curve and its band
    (:func:`utils.intervals.seed_interval`; needs at least 2 seeds).
    """
    if field not in ("test_accuracy", "unseen_accuracy"):
        raise ValueError(f"field must be 'test_accuracy' or 'unseen_accuracy', got {field!r}")
    out: dict = {}
    for p in points:
        out.setdefault(p.variant, {}).setdefault(p.n_labeled, []).append(getattr(p, field))
    if any(v is None for by_n in out.values() for a in by_n.values() for v in a):
        raise ValueError(f"some runs have no {field} (transfer_curves was called without `unseen`)")
    return {v: {n: seed_interval(a) for n, a in sorted(by_n.items())} for v, by_n in out.items()}



#: The comparisons a learning-curve table prints: each word2vec start against random init, then the two starts.
CURVE_PAIRS = (("word2vec frozen", "random init"), ("word2vec fine-tuned", "random init"),
               ("word2vec fine-tuned", "word2vec frozen"))


def paired_differences(curves: TransferCurves,
                       field: str = "test_accuracy") -> dict[tuple[str, str], dict[int, Interval]]:
    """``{(a, b): {n_labeled: Interval}}``: accuracy of start ``a`` minus start ``b``, seed by seed.

    Notebook 07, section "Learning curves on the lab topic task": each seed gives every start the same
    labelled examples, so the two accuracies of one seed form a pair, and the interval is
    :func:`utils.intervals.seed_interval` over the seeds' differences. One entry per pair of
    :data:`CURVE_PAIRS`.
    """
    if field not in ("test_accuracy", "unseen_accuracy"):
        raise ValueError(f"field must be 'test_accuracy' or 'unseen_accuracy', got {field!r}")
    by = {(p.variant, p.n_labeled, p.seed): getattr(p, field) for p in curves.points}
    if any(v is None for v in by.values()):
        raise ValueError(f"some runs have no {field} (transfer_curves was called without `unseen`)")
    seeds = sorted({p.seed for p in curves.points})
    sizes = sorted({p.n_labeled for p in curves.points})
    return {(a, b): {n: seed_interval([by[a, n, s] - by[b, n, s] for s in seeds]) for n in sizes}
            for a, b in CURVE_PAIRS}


def format_accuracy(interval: Interval) -> str:
    """An accuracy and its interval in two decimals, ``0.97 [0.94, 0.99]``; an upper end above 1 shows as 1.

    Used in notebook 07's summary table and in appendix A5.
    """
    return f"{interval.estimate:.2f} [{interval.low:.2f}, {min(interval.high, 1):.2f}]"


def curve_table(title: str, summary: dict[str, dict[int, Interval]]) -> str:
    """:func:`summarize_curves`'s result as text: a row per start, a column per labelled-set size.

    Notebook 07, sections "Learning curves on the lab topic task" and "A real task"; appendix A5.
    """
    sizes = sorted({n for by_n in summary.values() for n in by_n})
    rows = [f"{title:<28}" + "".join(f"{n:>19}" for n in sizes)]
    rows += [f"  {variant:<26}" + "".join(f"{format_accuracy(by_n[n]):>19}" for n in sizes)
             for variant, by_n in summary.items()]
    return "\n".join(rows)


def difference_table(title: str, differences: dict[tuple[str, str], dict[int, Interval]], least: float = 0.01) -> str:
    """:func:`paired_differences`'s result as text (notebook 07 and appendix A5): each mean difference with a mark.

    ``>``: the interval lies above zero by more than ``least``; ``<``: below zero by more than ``least``;
    ``~``: neither, so the data do not rank the two starts.
    """
    def mark(d: Interval) -> str:
        return ">" if d.low > least else "<" if d.high < -least else "~"

    sizes = sorted({n for by_n in differences.values() for n in by_n})
    rows = [f"{title:<46}" + "".join(f"{n:>9}" for n in sizes)]
    rows += [f"  {a + ' - ' + b:<44}" + "".join(f"{by_n[n].estimate:+7.2f} {mark(by_n[n])}" for n in sizes)
             for (a, b), by_n in differences.items()]
    return "\n".join(rows)

@dataclass(frozen=True)
class SweepPoint:
    """Fine-tuning checkpoint of :func:`finetune_sweep`: scores and the weights after ``epochs`` passes.

    One point of :func:`finetune_sweep` (appendix A5, section "Many fine-tuning passes over a small set").
    """

    seed: int
    epochs: int
    test_accuracy: float
    unseen_accuracy: float
    table: np.ndarray
    kernel: np.ndarray
    bias: np.ndarray
    seen_ids: np.ndarray  # the ids that occur in the labeled set


def finetune_sweep(
    table: np.ndarray,
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    unseen: tuple[np.ndarray, np.ndarray],
    *,
    n_labeled: int,
    finetune_epochs: Sequence[int],
    seeds: Sequence[int],
    n_classes: int,
    steps: int,
    batch_size: int,
    learning_rate: float,
    finetune_learning_rate: float,
) -> list[SweepPoint]:
    """What more fine-tuning epochs do to one labeled-set size (appendix A5, section 1; notebook 07 sets it up).

    For each seed: the frozen phase of :func:`transfer_curves`, then
    fine-tuning checkpointed after each number of passes in
    ``finetune_epochs`` (``0`` is the frozen model itself). Settings:
    :data:`utils.recipes.LAB_FINETUNE_SWEEP`.
    """
    x_train, y_train = train
    table = _check_table_and_ids(table, x_train)
    integer("n_classes", n_classes, 2)
    epochs_list = sorted(finetune_epochs)
    if not epochs_list or not seeds or any(not isinstance(e, (int, np.integer)) or e < 0 for e in epochs_list):
        raise ValueError(f"finetune_epochs must be non-negative ints and seeds non-empty, got {finetune_epochs!r}")
    for s in seeds:
        integer("seed", s, 0)
    integer("n_labeled", n_labeled, 1)
    _check_schedule(steps, max(epochs_list), batch_size, learning_rate, finetune_learning_rate)
    with _quiet_retracing():
        return _sweep(table, x_train, y_train, test, unseen, n_labeled, epochs_list, seeds, n_classes, steps,
                      batch_size, learning_rate, finetune_learning_rate)


def _sweep(table, x_train, y_train, test, unseen, n_labeled, epochs_list, seeds, n_classes, steps, batch_size,
           learning_rate, finetune_learning_rate) -> list[SweepPoint]:
    import keras

    models = _build_pair(table, n_classes, x_train.shape[1], learning_rate, finetune_learning_rate, steps)
    frozen, tuned = models["word2vec frozen"], models["word2vec fine-tuned"]
    out = []
    for seed in seeds:
        kernel = keras.initializers.GlorotUniform(seed=seed)(frozen.get_layer("output").kernel.shape)
        idx = balanced_subset(y_train, n_labeled, seed)
        x, y = x_train[idx], y_train[idx]
        data = _repeated(x, y, batch_size=batch_size, seed=seed)
        _start(frozen, table, kernel)
        _fit(frozen, data, steps)
        tuned.set_weights(frozen.get_weights())
        _reset_optimizer(tuned)
        done = 0
        for epochs in epochs_list:
            if epochs > done:
                _fit(tuned, data, _finetune_steps(len(x), epochs - done, batch_size))
                done = epochs
            out.append(SweepPoint(int(seed), int(epochs), _accuracy(tuned, *test, n_classes),
                                  _accuracy(tuned, *unseen, n_classes),
                                  np.array(tuned.get_layer("embedding").embeddings.numpy()),
                                  np.array(tuned.get_layer("output").kernel.numpy()),
                                  np.array(tuned.get_layer("output").bias.numpy()), np.unique(x)))
    return out
