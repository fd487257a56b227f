"""GloVe built from four Keras ``Embedding`` layers (notebook 08, section "GloVe").

GloVe (Pennington, Socher & Manning 2014, https://nlp.stanford.edu/pubs/glove.pdf)
regresses the log of each non-zero co-occurrence count:

    loss = sum over cells with X_ij > 0 of  f(X_ij) * (w_i . w~_j + b_i + b~_j - log X_ij) ** 2,
    f(x) = min(1, (x / x_max) ** alpha).

* :func:`glove_weights` -- ``f``;
* :func:`build_glove_model` -- word table, context table and two one-column
  bias tables, all ``keras.layers.Embedding``; the output is the prediction of
  ``log X_ij`` and the loss is Keras's mean squared error weighted by ``f``;
* :func:`train_glove` -- counts, model and training behind gensim-like names,
  returning ``W + W~`` as gensim ``KeyedVectors``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

import numpy as np

from . import arguments
from .arguments import finite_array, flag, integer, positive_number, rate_or_schedule
from .cooccurrence import cooccurrence_matrix
from .models import keyed_vectors
from .seeding import op_determinism_enabled
from .word2vec import Word2VecCorpus

__all__ = ["glove_weights", "build_glove_model", "fit_glove", "train_glove"]


def glove_weights(counts: np.ndarray, x_max: float = 100.0, alpha: float = 0.75) -> np.ndarray:
    """GloVe's weight of each cell: ``min(1, (x / x_max) ** alpha)`` (notebook 08, section "GloVe").

    Rare pairs (small, noisy counts) weigh little; pairs seen ``x_max`` times
    or more weigh 1, so the most frequent pairs do not dominate the loss.
    """
    x_max, alpha = positive_number("x_max", x_max), positive_number("alpha", alpha)
    counts = finite_array("counts", counts).astype(np.float64)
    if (counts < 0).any():
        raise ValueError("counts must be non-negative")
    return _weights(counts, x_max, alpha)


def _weights(counts: np.ndarray, x_max: float, alpha: float) -> np.ndarray:
    """:func:`glove_weights` for arguments already checked."""
    return np.minimum(1.0, (np.asarray(counts, dtype=np.float64) / x_max) ** alpha).astype(np.float32)


def build_glove_model(vocab_size: int, vector_size: int, *, learning_rate=0.05, seed: int = 0,
                      jit_compile: bool = True):
    """GloVe as a Keras model: inputs ``word`` and ``context`` ids ``(batch,)``, output ``(batch,)``.

    The output is ``w_i . w~_j + b_i + b~_j``, the prediction of ``log X_ij``,
    from the layers ``word_embedding``, ``context_embedding``, ``word_bias`` and
    ``context_bias``. Compiled with mean squared error, so ``fit`` with
    ``sample_weight=f(X_ij)`` minimizes GloVe's loss (divided by the batch
    size). Every table starts uniform in ``±0.5 / vector_size``, as in the
    reference C code.

    Taught in notebook 08, section "GloVe: four `Embedding` tables and a weighted regression".
    """
    vocab_size = integer("vocab_size", vocab_size, 2)
    vector_size = integer("vector_size", vector_size, 1)
    rate_or_schedule("learning_rate", learning_rate)
    seed = integer("seed", seed, 0)
    flag("jit_compile", jit_compile)
    return _glove_model(vocab_size, vector_size, learning_rate=learning_rate, seed=seed, jit_compile=jit_compile)


def _glove_model(vocab_size: int, vector_size: int, *, learning_rate, seed: int, jit_compile: bool):
    """The model :func:`build_glove_model` describes, for arguments already checked."""
    import keras

    half = 0.5 / vector_size

    def table(name: str, dim: int, offset: int):
        init = keras.initializers.RandomUniform(-half, half, seed=seed + offset)
        return keras.layers.Embedding(vocab_size, dim, embeddings_initializer=init, name=name)

    word = keras.Input(shape=(), dtype="int32", name="word")
    context = keras.Input(shape=(), dtype="int32", name="context")
    dot = keras.ops.sum(table("word_embedding", vector_size, 0)(word)
                        * table("context_embedding", vector_size, 1)(context), axis=-1)
    bias = table("word_bias", 1, 2)(word)[:, 0] + table("context_bias", 1, 3)(context)[:, 0]
    model = keras.Model({"word": word, "context": context}, dot + bias, name="glove")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss=keras.losses.MeanSquaredError(),
                  jit_compile=jit_compile)
    return model


def fit_glove(counts, words: Sequence[str], *, vector_size: int = 100, x_max: float = 100.0, alpha: float = 0.75,
              epochs: int = 5, seed: int = 0, batch_size: int = 32768, learning_rate: float = 0.05,
              jit_compile: bool = True):
    """Fit GloVe on a co-occurrence matrix; return ``W + W~`` as gensim ``KeyedVectors`` (notebook 08, section "GloVe").

    ``counts`` is square (``scipy.sparse`` or dense) with ``words[i]`` naming
    row ``i`` (``""`` for padding). Every non-zero cell is one example; each
    of the ``epochs`` passes visits them in a fresh random order, with Adam
    whose step falls linearly to almost zero over the run. The batch and
    rate were picked for speed (see :data:`utils.recipes.WIKI_GLOVE`).
    """
    import keras
    from scipy import sparse

    vector_size, epochs = integer("vector_size", vector_size, 1), integer("epochs", epochs, 1)
    batch_size, seed = integer("batch_size", batch_size, 1), integer("seed", seed, 0)
    learning_rate = positive_number("learning_rate", learning_rate)
    x_max, alpha = positive_number("x_max", x_max), positive_number("alpha", alpha)
    jit_compile = flag("jit_compile", jit_compile)
    counts = sparse.coo_matrix(counts)
    if counts.shape[0] != counts.shape[1] or counts.shape[0] != len(words):
        raise ValueError(f"counts must be square with one row per word: shape {counts.shape}, {len(words)} words")
    if counts.nnz == 0 or (counts.data < 0).any():
        raise ValueError("counts must be non-negative with at least one co-occurrence")
    integer("vocab_size", len(words), 2)
    rng = np.random.default_rng(seed)
    keras.utils.set_random_seed(seed)
    steps = epochs * -(-counts.nnz // batch_size)
    schedule = keras.optimizers.schedules.PolynomialDecay(learning_rate, steps, learning_rate * 1e-3)
    model = _glove_model(len(words), vector_size, learning_rate=schedule, seed=seed,
                         jit_compile=jit_compile and not op_determinism_enabled())
    x = {"word": counts.row.astype(np.int32), "context": counts.col.astype(np.int32)}
    y, f = np.log(counts.data).astype(np.float32), _weights(counts.data, x_max, alpha)
    for _ in range(epochs):
        order = rng.permutation(counts.nnz)
        model.fit({k: v[order] for k, v in x.items()}, y[order], sample_weight=f[order],
                  batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
    vectors = (model.get_layer("word_embedding").get_weights()[0]
               + model.get_layer("context_embedding").get_weights()[0])
    if not np.isfinite(vectors).all():
        raise FloatingPointError("GloVe training diverged (non-finite vectors): lower learning_rate")
    return keyed_vectors(vectors, words)


def train_glove(
    sentences: Iterable[Sequence[str]],
    *,
    vector_size: int = 100,
    window: int = 10,
    x_max: float = 100.0,
    alpha: float = 0.75,
    epochs: int = 5,
    min_count: int = 5,
    seed: int = 0,
    verbose: int = 0,
    **keras_settings,
):
    """Train GloVe with Keras on ``sentences``; return ``W + W~`` as gensim ``KeyedVectors``.

    Counts pairs with :func:`utils.cooccurrence_matrix` (symmetric ``window``,
    ``1 / distance`` weights, words under ``min_count`` dropped first), then
    :func:`fit_glove` (``keras_settings``: its ``batch_size``,
    ``learning_rate``, ``jit_compile``). The defaults are the course's
    ones (notebook 08, section "GloVe"). ``verbose``: 0 silent, 1 one line.
    """
    if verbose not in (0, 1):
        raise ValueError(f"verbose must be 0 or 1, got {verbose!r}")
    sentences = arguments.sentences("sentences", sentences)
    corpus = Word2VecCorpus.from_sentences(sentences, min_count=min_count)
    if corpus.vocab_size < 3:
        raise ValueError(f"GloVe needs at least two distinct words seen min_count={min_count} times")
    start = time.perf_counter()
    counts = cooccurrence_matrix(corpus.ids, corpus.sentence, corpus.vocab_size, window=window)
    kv = fit_glove(counts, corpus.words, vector_size=vector_size, x_max=x_max, alpha=alpha, epochs=epochs,
                   seed=seed, **keras_settings)
    if verbose:
        print(f"GloVe: {counts.nnz:,} non-zero cells, {epochs} epochs, {time.perf_counter() - start:.1f} s",
              flush=True)
    return kv
