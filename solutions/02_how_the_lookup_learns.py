"""Notebook 02, checked exercise: one SGD step on an embedding table, by hand.

The gradient of ``sum(W[ids] * upstream)`` with respect to ``W`` has one row per
looked-up position; a word that appears twice receives both rows, added up. The
tempting ``W[ids] -= lr * upstream`` is wrong for repeated ids: NumPy's fancy
assignment keeps only the last write, so the word moves as if seen once.
``np.add.at`` accumulates, as ``tf.IndexedSlices`` does when Keras applies it.
"""

import numpy as np


def sparse_sgd_step(W: np.ndarray, ids: np.ndarray, upstream: np.ndarray, lr: float) -> np.ndarray:
    updated = W.copy()
    np.add.at(updated, np.asarray(ids), -lr * np.asarray(upstream))
    return updated


if __name__ == "__main__":
    import utils

    print(utils.check_sparse_sgd_step(sparse_sgd_step))
