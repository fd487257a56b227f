"""Notebook 03, checked exercise: the sentence vector that ``GlobalAveragePooling1D`` computes with a mask.

Averaging over every position lets padding (id 0) dilute short sentences. The mask
keeps only real words; a sentence of padding only has no words, and dividing by a
count of at least one gives it a zero vector instead of NaN.
"""

import numpy as np


def masked_mean(vectors: np.ndarray, ids: np.ndarray) -> np.ndarray:
    mask = (np.asarray(ids) != 0)[..., None]  # (batch, length, 1)
    counts = np.maximum(mask.sum(axis=1), 1)  # (batch, 1)
    return (vectors * mask).sum(axis=1) / counts


if __name__ == "__main__":
    import utils

    print(utils.check_masked_mean(masked_mean))
