"""Argument validators for the helpers a learner calls, so each helper's body reads as its algorithm.

Not to be confused with :mod:`utils.exercises`, whose ``check_*`` functions
grade a learner's exercise. These validators run at the edge: in the public
functions the notebooks call with values the learner chooses; inner paths
trust their callers and do not check again.

Every check returns the value it accepted (normalised where that is safe, e.g.
a NumPy integer to ``int``) and raises ``ValueError`` or ``TypeError`` with a
sentence that names the argument, what it must be, and what it got.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

import numpy as np

__all__ = ["integer", "positive_number", "non_negative_number", "probability", "flag", "one_of", "function",
           "generator", "path", "existing_file", "output_folder", "finite_array", "finite_table",
           "word_vectors", "keras_model", "rate_or_schedule", "sentences"]

_DIVERGED = "the training that produced it diverged; lower the learning rate or check the data"


def integer(name: str, value, minimum: int | None = None) -> int:
    """``value`` as an ``int`` (bools refused), at least ``minimum`` when given."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def positive_number(name: str, value) -> float:
    """``value`` as a finite ``float`` greater than zero."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return float(value)


def non_negative_number(name: str, value) -> float:
    """``value`` as a finite ``float`` of at least zero."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a finite number of at least 0, got {value!r}")
    return float(value)


def probability(name: str, value, *, inclusive: bool = True) -> float:
    """``value`` as a ``float`` in [0, 1] (or (0, 1) when ``inclusive`` is false)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    ok = 0 <= value <= 1 if inclusive else 0 < value < 1
    if not ok:
        interval = "[0, 1]" if inclusive else "(0, 1)"
        raise ValueError(f"{name} must be in {interval}, got {value!r}")
    return float(value)


def flag(name: str, value) -> bool:
    """``value`` as a ``bool``: ``True``/``False`` (0 and 1 are accepted, as in ``verbose=0``)."""
    if isinstance(value, (bool, np.bool_)) or (isinstance(value, (int, np.integer)) and value in (0, 1)):
        return bool(value)
    raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__})")


def function(name: str, value):
    """``value`` when it can be called (a function, a lambda, a class)."""
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {value!r} ({type(value).__name__})")
    return value


def one_of(name: str, value, options: Collection):
    """``value`` when it is one of ``options``."""
    if value not in options:
        raise ValueError(f"{name} must be one of {sorted(map(repr, options))}, got {value!r}")
    return value


def generator(name: str, value) -> np.random.Generator:
    """A NumPy ``Generator`` (``np.random.default_rng(seed)``); a legacy ``RandomState`` or a seed is refused."""
    if not isinstance(value, np.random.Generator):
        raise TypeError(f"{name} must be a numpy Generator, e.g. np.random.default_rng(0), got {type(value).__name__}")
    return value


def path(name: str, value) -> Path:
    """``value`` (a ``str`` or ``os.PathLike``) as a ``Path``; whether it exists is not checked."""
    if not isinstance(value, (str, os.PathLike)) or (isinstance(value, str) and not value):
        raise TypeError(f"{name} must be a path (a non-empty str or pathlib.Path), got {value!r} "
                        f"({type(value).__name__})")
    return Path(value)


_path = path


def existing_file(name: str, value) -> Path:
    """``value`` as a ``Path`` to a file that exists."""
    path = _path(name, value)
    if not path.is_file():
        raise FileNotFoundError(f"{name}: no file at {path}")
    return path


def output_folder(name: str, value) -> Path:
    """``value`` as a ``Path`` to a folder that exists or can be made (it is created)."""
    path = _path(name, value)
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(f"{name}: {path} is a file, not a folder")
    path.mkdir(parents=True, exist_ok=True)
    return path


def finite_array(name: str, values, ndim: int | None = None) -> np.ndarray:
    """An array of numbers with no NaN or infinity (of ``ndim`` dimensions when given)."""
    array = np.asarray(values)
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {array.shape}")
    if not np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers, got dtype {array.dtype}")
    bad = ~np.isfinite(array)
    if bad.any():
        raise ValueError(f"{name} has {bad.sum()} non-finite values (first at index "
                         f"{tuple(int(i) for i in np.argwhere(bad)[0])}): {_DIVERGED}")
    return array


def finite_table(name: str, table) -> np.ndarray:
    """A 2-D float array with no NaN or infinity: what a training that diverged would leave behind."""
    array = np.asarray(table)
    if array.ndim != 2:
        raise ValueError(f"{name} must be 2-D (rows, dim), got shape {array.shape}")
    if not np.issubdtype(array.dtype, np.number):
        raise TypeError(f"{name} must hold numbers, got dtype {array.dtype}")
    bad = ~np.isfinite(array)
    if bad.any():
        rows = np.flatnonzero(bad.any(axis=1))
        raise ValueError(f"{name} has {bad.sum()} non-finite values in {len(rows)} rows (first: row {rows[0]}): "
                         f"{_DIVERGED}")
    return array


def word_vectors(name: str, kv):
    """Word vectors a helper can score: gensim ``KeyedVectors`` (or the course's ``FastTextVectors``), all finite.

    Anything else (an array, a dict of words) is refused with a ``TypeError``;
    vectors holding NaN or infinity with a ``ValueError`` saying the training diverged.
    """
    table = getattr(kv, "vectors", None)
    if table is None:
        table = getattr(kv, "table", None)
    if table is None or not hasattr(kv, "__contains__") or not hasattr(kv, "__getitem__"):
        raise TypeError(f"{name} must be word vectors (gensim KeyedVectors, e.g. from utils.keyed_vectors or "
                        f"utils.train_word2vec), got {type(kv).__name__}")
    table = np.asarray(table)
    bad = ~np.isfinite(table)
    if bad.any():
        rows = np.flatnonzero(bad.any(axis=1))
        words = getattr(kv, "index_to_key", None)
        first = f"{words[rows[0]]!r}" if words is not None and rows[0] < len(words) else f"row {rows[0]}"
        raise ValueError(f"{name} has {bad.sum()} non-finite values in {len(rows)} vectors (first: {first}): "
                         f"{_DIVERGED}")
    return kv


def keras_model(name: str, model, *, layer: str | None = None):
    """A Keras model (anything with ``layers`` and ``get_layer``), holding a layer named ``layer`` when given."""
    if not (hasattr(model, "layers") and hasattr(model, "get_layer")):
        raise TypeError(f"{name} must be a Keras model (e.g. from utils.build_classifier), got {type(model).__name__}")
    if layer is not None and layer not in [getattr(x, "name", None) for x in model.layers]:
        raise ValueError(f"{name} has no layer named {layer!r}; build it with utils.build_classifier, "
                         f"or give that name to the layer")
    return model


def sentences(name: str, value) -> list[list[str]]:
    """A non-empty corpus of token lists, as a list (one ``str`` is refused: it would iterate by character)."""
    if isinstance(value, str):
        raise TypeError(f"{name} must be an iterable of token lists, not one str")
    value = [list(tokens) for tokens in value]
    if not any(value):
        raise ValueError(f"the corpus is empty: give {name} at least one sentence of tokens")
    return value


def rate_or_schedule(name: str, value):
    """A learning rate: a positive finite number, or a Keras schedule (a callable of the step)."""
    return value if callable(value) else positive_number(name, value)
