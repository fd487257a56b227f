"""Notebook 09, checked exercise: fastText's vector of a word, from its rows of the input table.

The vector is the *mean* of the word's own row (when the word was in the training
vocabulary) and of one row per character n-gram of ``<word>``. Summing instead of
averaging gives the right direction but the wrong length (long words get long
vectors); leaving out the word's own row gives the vector fastText uses for a word
it never saw, not for a known one.
"""

import numpy as np

import utils


def subword_vector(word: str, table: np.ndarray, vocab: dict, bucket: int, min_n: int, max_n: int) -> np.ndarray:
    rows = [vocab[word]] if word in vocab else []
    rows += [len(vocab) + utils.ngram_bucket(g, bucket) for g in utils.char_ngrams(word, min_n, max_n)]
    return table[rows].mean(axis=0)


if __name__ == "__main__":
    print(utils.check_subword_vector(subword_vector))
