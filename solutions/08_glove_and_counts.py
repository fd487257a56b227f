"""Notebook 08, checked exercise: the positive PMI of a matrix of co-occurrence counts.

Every probability is a share of the *total* count: P(w, c) is a cell over the total,
P(w) a row sum over the total, P(c) a column sum over the total. Dividing a cell by its
row sum alone gives P(c | w), which still has to be divided by P(c). A cell with no
count has log 0 = -inf: it must become 0, not -inf or NaN. Negative PMI (a pair seen
less often than chance) is set to 0 too: that is the "positive" in PPMI.
"""

import numpy as np


def ppmi(counts: np.ndarray) -> np.ndarray:
    counts = np.asarray(counts, dtype=float)
    total = counts.sum()
    p_wc = counts / total
    p_w = counts.sum(axis=1, keepdims=True) / total
    p_c = counts.sum(axis=0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(p_wc / (p_w * p_c))
    return np.where(counts > 0, np.maximum(pmi, 0.0), 0.0)


if __name__ == "__main__":
    import utils

    print(utils.check_ppmi(ppmi))
