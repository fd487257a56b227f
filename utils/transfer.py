"""Starting an ``Embedding`` from word2vec: the pretrained table, and learning curves (claims C5, C6)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["pretrained_table", "balanced_subset", "VARIANTS", "CurvePoint", "transfer_curves", "summarize_curves"]


def pretrained_table(vocab, kv, *, oov: str = "zeros", seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """An ``(len(vocab), kv.vector_size)`` table whose rows are ``kv``'s vectors for ``vocab``'s words.

    Padding (row 0) and ``[UNK]`` (row 1) get zeros. Words ``kv`` does not
    know get zeros (``oov="zeros"``: they start with no opinion) or random
    values at the scale of ``kv``'s vectors (``oov="random"``: as if randomly
    initialized). Returns the table and the list of words ``kv`` lacked.
    """
    if oov not in ("zeros", "random"):
        raise ValueError(f"oov must be 'zeros' or 'random', got {oov!r}")
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
    """Indices of ``n`` examples, as many of each class as possible, drawn at random from ``seed``."""
    labels = np.asarray(labels)
    classes = np.unique(labels)
    if not isinstance(n, (int, np.integer)) or n < len(classes) or n > len(labels):
        raise ValueError(f"n must be an int between the number of classes ({len(classes)}) "
                         f"and the number of examples ({len(labels)}), got {n!r}")
    rng = np.random.default_rng(seed)
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
    """One training run: which start, how many labeled examples, which seed, and its scores."""

    variant: str
    n_labeled: int
    seed: int
    test_accuracy: float
    unseen_accuracy: float | None


def _accuracy(model, x, y, n_classes: int) -> float:
    # A plain call: predict() would retrace for every new input shape.
    p = np.asarray(model(np.asarray(x), training=False))
    predicted = (p[:, 0] > 0.5).astype(int) if n_classes == 2 else p.argmax(axis=1)
    return float((predicted == np.asarray(y)).mean())


def _reset_optimizer(model) -> None:
    for v in model.optimizer.variables:
        if not v.path.endswith("learning_rate"):  # step count and Adam's moments
            v.assign(np.zeros(v.shape, dtype=v.dtype))


def _fit_steps(model, x, y, *, steps: int, batch_size: int, seed: int) -> None:
    from .models import make_dataset

    epochs = max(1, round(steps / -(-len(x) // batch_size)))
    model.fit(make_dataset(x, y, batch_size=batch_size, shuffle=True, seed=seed),
              epochs=epochs, shuffle=False, verbose=0)


def transfer_curves(
    table: np.ndarray,
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    *,
    sizes: Sequence[int],
    seeds: Sequence[int],
    n_classes: int,
    unseen: tuple[np.ndarray, np.ndarray] | None = None,
    steps: int = 200,
    finetune_steps: int = 100,
    batch_size: int = 32,
    learning_rate: float = 0.05,
    finetune_learning_rate: float = 0.005,
    verbose: bool = True,
) -> tuple[list[CurvePoint], dict]:
    """Learning curves of the classifier for the three :data:`VARIANTS`.

    For each seed and labeled-set size (a :func:`balanced_subset` of
    ``train``; ``train``, ``test`` and ``unseen`` are ``(ids, labels)``):

    * **random init**: Keras's uniform initializer, everything trained;
    * **word2vec frozen**: the embedding starts from ``table`` and stays
      there (``trainable=False``); only the output layer learns;
    * **word2vec fine-tuned**: the frozen run, then the embedding unfrozen
      and trained ``finetune_steps`` more steps at ``finetune_learning_rate``
      (the usual recipe: first fit the new layer to the pretrained vectors,
      then adjust the vectors gently).

    Each run takes about ``steps`` optimizer steps whatever the size (small
    sets for more epochs), with a fresh output layer per seed. Each variant
    has one model, compiled once and reset between runs.

    Returns the points and ``{variant: model}``, the models as the last run
    left them (the last seed, the largest size).
    """
    import keras

    from .models import build_classifier

    table = np.asarray(table, dtype=np.float32)
    x_train, y_train = train
    if table.ndim != 2:
        raise ValueError(f"table must be 2-D (vocab_size, dim), got shape {table.shape}")
    if x_train.max() >= len(table):
        raise ValueError(f"ids go up to {x_train.max()} but the table has {len(table)} rows")
    if not sizes or not seeds:
        raise ValueError("sizes and seeds must be non-empty")
    sizes = sorted(sizes)
    vocab_size, dim = table.shape

    def build(trainable, lr, pretrained):
        return build_classifier(vocab_size, dim, n_classes, max_len=x_train.shape[1],
                                pretrained=pretrained, trainable=trainable, learning_rate=lr)

    models = {"random init": build(True, learning_rate, None),
              "word2vec frozen": build(False, learning_rate, table),
              "word2vec fine-tuned": build(True, finetune_learning_rate, table)}
    points = []
    start = time.perf_counter()
    for seed in seeds:
        random_table = keras.initializers.RandomUniform(-0.05, 0.05, seed=seed)((vocab_size, dim))
        kernel = keras.initializers.GlorotUniform(seed=seed)(models["random init"].get_layer("output").kernel.shape)
        for n in sizes:
            idx = balanced_subset(y_train, n, seed)
            x, y = x_train[idx], y_train[idx]
            for name, start_table in (("random init", random_table), ("word2vec frozen", table)):
                model = models[name]
                model.get_layer("embedding").embeddings.assign(start_table)
                model.get_layer("output").kernel.assign(kernel)
                model.get_layer("output").bias.assign(np.zeros(model.get_layer("output").bias.shape, "float32"))
                _reset_optimizer(model)
                _fit_steps(model, x, y, steps=steps, batch_size=batch_size, seed=seed)
            tuned = models["word2vec fine-tuned"]
            tuned.set_weights(models["word2vec frozen"].get_weights())
            _reset_optimizer(tuned)
            _fit_steps(tuned, x, y, steps=finetune_steps, batch_size=batch_size, seed=seed)
            for name in VARIANTS:
                points.append(CurvePoint(
                    name, int(n), int(seed), _accuracy(models[name], *test, n_classes),
                    _accuracy(models[name], *unseen, n_classes) if unseen is not None else None))
        if verbose:
            print(f"seed {seed}: {len(sizes)} sizes x {len(VARIANTS)} variants done "
                  f"({time.perf_counter() - start:.1f} s so far)", flush=True)
    return points, models


def summarize_curves(points: Sequence[CurvePoint], field: str = "test_accuracy") -> dict:
    """``{variant: {n_labeled: (mean, std)}}`` of ``field`` over seeds."""
    out: dict = {}
    for p in points:
        out.setdefault(p.variant, {}).setdefault(p.n_labeled, []).append(getattr(p, field))
    return {v: {n: (float(np.mean(a)), float(np.std(a))) for n, a in sorted(by_n.items())}
            for v, by_n in out.items()}
