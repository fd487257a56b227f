"""Notebook 03, checked exercise: the sentence vector that ``GlobalAveragePooling1D`` computes with a mask.

Averaging over every position lets padding (id 0) dilute short sentences. The mask
keeps only real words: the layer sums the vectors of the real words and divides by
their number. A sentence of padding only has no word, so the layer divides 0 by 0
and returns NaN (measured with Keras 3.15 in notebook 03, section 3); this function does
the same, without NumPy's division warning. Returning zeros for such a sentence is just as
sensible, and the checker accepts it too (``np.maximum(counts, 1)`` as the divisor).
"""

import numpy as np


def masked_mean(vectors: np.ndarray, ids: np.ndarray) -> np.ndarray:
    mask = (np.asarray(ids) != 0)[..., None]  # (batch, length, 1)
    counts = mask.sum(axis=1)  # (batch, 1): number of real words
    with np.errstate(invalid="ignore"):  # 0 / 0 for a sentence of padding only: NaN, as the layer gives
        return (vectors * mask).sum(axis=1) / counts


if __name__ == "__main__":
    import utils

    print(utils.check_masked_mean(masked_mean))
