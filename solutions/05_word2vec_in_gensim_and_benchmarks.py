"""Notebook 05, checked exercise: answer "a is to b as c is to ?" with word vectors.

Each of the three rows is scaled to length 1 first, so that a frequent word's long
vector does not outweigh the others; then the answer is the row most cosine-similar
to b - a + c. The question's own rows must be left out: b and c are usually nearest
to b - a + c, and would otherwise be the answer to almost every question.
"""

import numpy as np


def analogy(vectors: np.ndarray, a: int, b: int, c: int) -> int:
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    target = unit[b] - unit[a] + unit[c]
    similarity = unit @ (target / np.linalg.norm(target))
    similarity[[a, b, c]] = -np.inf
    return int(np.argmax(similarity))


if __name__ == "__main__":
    import utils

    print(utils.check_analogy(analogy))
