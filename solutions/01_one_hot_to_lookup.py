"""Notebook 01, checked exercise: the lookup written as one-hot rows times the table.

The common mistake is to flatten the ids and forget to restore their shape: a
batch of ids of shape (2, 4) must give vectors of shape (2, 4, dim), as
``W[ids]`` and ``keras.layers.Embedding`` do.
"""

import numpy as np


def lookup_by_one_hot(W: np.ndarray, ids: np.ndarray) -> np.ndarray:
    ids = np.asarray(ids)
    one_hot = np.eye(W.shape[0])[ids.reshape(-1)]  # (number of ids, vocab_size)
    return (one_hot @ W).reshape(*ids.shape, W.shape[1])


if __name__ == "__main__":
    import utils

    print(utils.check_lookup(lookup_by_one_hot))
