"""Keras models of the course: the text classifier whose first layer is an Embedding, and its tables as vectors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .arguments import finite_table, flag, integer, keras_model, positive_number

__all__ = ["build_classifier", "embedding_table", "keyed_vectors", "pooled_vectors"]


def build_classifier(
    vocab_size: int,
    dim: int,
    n_classes: int,
    *,
    max_len: int | None = None,
    pretrained: np.ndarray | None = None,
    trainable: bool = True,
    learning_rate: float = 0.01,
    steps_per_execution: int = 1,
):
    """ids → ``Embedding`` (masked) → average pooling → ``Dense``, compiled with Adam.

    Two classes give one sigmoid output and binary cross-entropy; more give a softmax. ``pretrained`` (a
    ``(vocab_size, dim)`` array) replaces the random initial table; ``trainable=False`` freezes it. The
    embedding layer is named ``"embedding"`` and the pooling layer ``"pooling"``. ``steps_per_execution``
    (Keras's ``compile`` argument) runs that many optimizer steps per call into the backend: the same steps,
    with less Python overhead per step, which dominates for a model this small. Keras rounds a ``fit`` up to
    a whole number of such calls, so give it step counts that are multiples of it.

    The model notebook 03, section "The classifier, in Keras" writes out, as one call; used by
    :mod:`utils.experiments` (notebooks 03 and 06) and :mod:`utils.transfer` (notebook 07).
    """
    import keras

    vocab_size, dim, n_classes = integer("vocab_size", vocab_size, 3), integer("dim", dim, 1), \
        integer("n_classes", n_classes, 2)
    if max_len is not None:
        integer("max_len", max_len, 1)
    trainable, learning_rate = flag("trainable", trainable), positive_number("learning_rate", learning_rate)
    steps_per_execution = integer("steps_per_execution", steps_per_execution, 1)
    initializer = _initial_table(pretrained, vocab_size, dim)
    binary = n_classes == 2
    model = keras.Sequential([
        keras.Input(shape=(max_len,), dtype="int32"),
        keras.layers.Embedding(vocab_size, dim, mask_zero=True, trainable=trainable, name="embedding",
                               embeddings_initializer=initializer),
        keras.layers.GlobalAveragePooling1D(name="pooling"),
        keras.layers.Dense(1 if binary else n_classes, activation="sigmoid" if binary else "softmax",
                           name="output"),
    ])
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss="binary_crossentropy" if binary else "sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=steps_per_execution,
    )
    return model


def _initial_table(pretrained: np.ndarray | None, vocab_size: int, dim: int):
    """The embedding's initializer: Keras's ``"uniform"``, or a constant ``pretrained`` table, checked finite."""
    import keras

    if pretrained is None:
        return "uniform"
    pretrained = finite_table("pretrained", pretrained).astype(np.float32)
    if pretrained.shape != (vocab_size, dim):
        raise ValueError(f"pretrained table has shape {pretrained.shape}, expected ({vocab_size}, {dim})")
    return keras.initializers.Constant(pretrained)


def embedding_table(model) -> np.ndarray:
    """A copy of the ``(vocab_size, dim)`` table of the model's layer named ``embedding``.

    Taught in notebook 03, section "The classifier, in Keras"; used again in notebook 07, section "The unseen-word
    test".
    """
    table = np.array(keras_model("model", model, layer="embedding").get_layer("embedding").embeddings.numpy())
    return finite_table("the model's embedding table", table)


def pooled_vectors(model, x: np.ndarray) -> np.ndarray:
    """Activations of the model's pooling layer for encoded texts ``x``.

    Taught in notebook 03, section "The question's picture, redrawn".
    """
    import keras

    keras_model("model", model, layer="pooling")
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError(f"x must be a 2-D array of ids, got shape {x.shape}")
    probe = keras.Model(model.inputs, model.get_layer("pooling").output)
    return probe.predict(x, verbose=0)


def keyed_vectors(table: np.ndarray, words: Sequence[str]):
    """Wrap rows of an embedding table as gensim ``KeyedVectors``.

    ``words[i]`` names row ``i``; entries that are empty (padding) or
    ``'[UNK]'`` are left out, so they never show up as neighbours.

    Taught in notebook 03, section "What did the vectors learn? A linear probe"; used again in notebook 08, section
    "The count-based baseline: PPMI and SVD".
    """
    from gensim.models import KeyedVectors

    table = finite_table("table", table).astype(np.float32)
    if len(words) != len(table):
        raise ValueError(f"{len(words)} words for a table of {len(table)} rows: give one word per row")
    keep = [i for i, w in enumerate(words) if w and w != "[UNK]"]
    if not keep:
        raise ValueError("no real word to keep: every entry is padding or [UNK]")
    kv = KeyedVectors(table.shape[1])
    kv.add_vectors([words[i] for i in keep], table[keep])
    return kv
