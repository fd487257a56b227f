"""Notebook 07, checked exercise: the starting table for an ``Embedding`` from word2vec vectors.

Row ``i`` must hold the vector of the word whose id is ``i`` in the classifier's
vocabulary, not in word2vec's own order: building the table by iterating over the
word2vec vectors shifts or scrambles the rows. Words word2vec never saw, padding
included, get zeros. ``utils.pretrained_table(vocab, kv)`` does the same from a vocabulary
and gensim vectors (and also offers random rows); the exercise has its own name because
its arguments differ.
"""

import numpy as np


def table_from_vectors(words: list[str], vectors: dict[str, np.ndarray], dim: int) -> np.ndarray:
    table = np.zeros((len(words), dim), dtype=np.float32)
    for i, word in enumerate(words):
        if word in vectors:
            table[i] = vectors[word]
    return table


if __name__ == "__main__":
    import utils

    print(utils.check_table_from_vectors(table_from_vectors))
