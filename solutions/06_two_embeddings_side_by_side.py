"""Notebook 06, checked exercise: nearest neighbours by cosine similarity.

Ranking by the plain dot product favours long vectors (in word2vec, length grows
with frequency) over similar directions; normalize first. The query row itself is
always its own best match and must be left out.
"""

import numpy as np


def nearest_neighbours(vectors: np.ndarray, i: int, k: int) -> list[int]:
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    similarity = unit @ unit[i]
    similarity[i] = -np.inf
    return [int(j) for j in np.argsort(-similarity, kind="stable")[:k]]


if __name__ == "__main__":
    import utils

    print(utils.check_nearest_neighbours(nearest_neighbours))
