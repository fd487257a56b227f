"""Argument checks shared by the course's helpers, so each helper's body reads as its algorithm.

Every check returns the value it accepted (normalised where that is safe, e.g.
a NumPy integer to ``int``) and raises ``ValueError`` or ``TypeError`` with a
sentence that names the argument, what it must be, and what it got.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

import numpy as np

__all__ = ["integer", "positive_number", "probability", "one_of", "generator", "existing_file", "output_folder",
           "finite_table"]


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


def probability(name: str, value, *, inclusive: bool = True) -> float:
    """``value`` as a ``float`` in [0, 1] (or (0, 1) when ``inclusive`` is false)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    ok = 0 <= value <= 1 if inclusive else 0 < value < 1
    if not ok:
        interval = "[0, 1]" if inclusive else "(0, 1)"
        raise ValueError(f"{name} must be in {interval}, got {value!r}")
    return float(value)


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


def _path(name: str, value) -> Path:
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a path, got {type(value).__name__}")
    return Path(value)


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
                         "the training that produced it diverged; lower the learning rate or check the data")
    return array
