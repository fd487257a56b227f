"""Word-word co-occurrence counts, and what count-based methods make of them (notebook 08).

* :func:`cooccurrence_matrix` -- the weighted counts GloVe regresses on
  (notebook 08, section "Counting co-occurrences"): a symmetric window, each
  pair weighted by ``1 / distance`` as in the GloVe paper;
* :func:`ppmi_matrix` -- positive pointwise mutual information of those counts,
  the count-based baseline factorized by truncated SVD (section "The count-based baseline: PPMI and SVD");
* :func:`skipgram_shifted_pmi` -- the shifted PMI that skip-gram with negative
  sampling implicitly factorizes (section "What skip-gram factorizes").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .arguments import finite_array, integer, positive_number
from .models import keyed_vectors
from .word2vec import Word2VecCorpus, skipgram_pairs, subsample

__all__ = ["cooccurrence_matrix", "ppmi_matrix", "ppmi_svd_vectors", "skipgram_shifted_pmi"]


def cooccurrence_matrix(ids: np.ndarray, sentence: np.ndarray, vocab_size: int, *, window: int = 10,
                        weighting: str = "harmonic"):
    """Symmetric co-occurrence counts of word ids, as a ``scipy.sparse`` CSR matrix.

    ``ids`` is a flat array of word ids and ``sentence`` the sentence each
    belongs to (a :class:`utils.Word2VecCorpus`'s ``ids`` and ``sentence``);
    windows never cross a sentence end. Two words ``d`` positions apart
    (``1 <= d <= window``) add ``1 / d`` to cells ``(i, j)`` and ``(j, i)``
    with ``weighting="harmonic"`` (GloVe's choice), or ``1`` with ``"flat"``.
    Taught in notebook 08, section "Counting co-occurrences".
    """
    from scipy import sparse

    window = integer("window", window, 1)
    vocab_size = integer("vocab_size", vocab_size, 1)
    if weighting not in ("harmonic", "flat"):
        raise ValueError(f"weighting must be 'harmonic' or 'flat', got {weighting!r}")
    ids, sentence = np.asarray(ids), np.asarray(sentence)
    if ids.shape != sentence.shape or ids.ndim != 1:
        raise ValueError("ids and sentence must be 1-D arrays of the same length")
    if len(ids) and (ids.min() < 0 or ids.max() >= vocab_size):
        raise ValueError(f"ids must lie in [0, {vocab_size}), got {ids.min()}..{ids.max()}")
    rows, cols, values = [], [], []
    for d in range(1, window + 1):
        same = np.flatnonzero(sentence[:-d] == sentence[d:])
        left, right = ids[same], ids[same + d]
        weight = 1.0 / d if weighting == "harmonic" else 1.0
        rows += [left, right]
        cols += [right, left]
        values.append(np.full(2 * len(same), weight))
    if not rows:
        return sparse.csr_matrix((vocab_size, vocab_size))
    matrix = sparse.coo_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
                               shape=(vocab_size, vocab_size))
    return matrix.tocsr()  # duplicates are summed here


def _pmi(counts, rows: np.ndarray, cols: np.ndarray, values: np.ndarray, cds: float) -> np.ndarray:
    row_sums = np.asarray(counts.sum(axis=1)).ravel()
    col_sums = np.asarray(counts.sum(axis=0)).ravel() ** cds
    total, col_total = row_sums.sum(), col_sums.sum()
    return np.log(values * total) - np.log(row_sums[rows]) - np.log(col_sums[cols] * total / col_total)


def ppmi_matrix(counts, *, cds: float = 0.75):
    """Positive PMI of a co-occurrence matrix: ``max(0, log P(w, c) / (P(w) P_cds(c)))``, sparse.

    ``P_cds`` raises the context counts to ``cds`` (0.75, the smoothing Levy,
    Goldberg & Dagan 2015 carried over from word2vec's negative sampler; 1
    gives plain PMI). Taught in notebook 08, section "The count-based baseline: PPMI and SVD".
    """
    from scipy import sparse

    if not (isinstance(cds, (int, float)) and 0 < cds <= 1):
        raise ValueError(f"cds must be a number in (0, 1], got {cds!r}")
    coo = sparse.coo_matrix(counts)
    finite_array("counts", coo.data)
    if coo.shape[0] != coo.shape[1] or coo.nnz == 0 or (coo.data < 0).any():
        raise ValueError("counts must be a square matrix of non-negative counts, not all zero")
    pmi = _pmi(coo, coo.row, coo.col, coo.data, cds)
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=coo.shape)


def ppmi_svd_vectors(counts, words: Sequence[str], *, vector_size: int, cds: float = 0.75, n_iter: int = 5,
                     seed: int = 0):
    """Word vectors ``U sqrt(Sigma)`` from truncated SVD of the PPMI of ``counts``, as gensim ``KeyedVectors``.

    Notebook 08, section "The count-based baseline: PPMI and SVD" writes these steps out (:func:`ppmi_matrix`,
    scikit-learn's ``TruncatedSVD``); appendix A6 (sections "The tables of notebooks 08 and 09 again" and
    "The lab corpus") and the bench call this. ``words[i]`` names row ``i``.
    """
    from sklearn.decomposition import TruncatedSVD

    vector_size, n_iter = integer("vector_size", vector_size, 1), integer("n_iter", n_iter, 1)
    svd = TruncatedSVD(vector_size, n_iter=n_iter, random_state=integer("seed", seed, 0))
    u_sigma = svd.fit_transform(ppmi_matrix(counts, cds=cds))
    return keyed_vectors(u_sigma / np.sqrt(svd.singular_values_), words)


def skipgram_shifted_pmi(corpus: Word2VecCorpus, *, window: int, sample: float, negative: int, epochs: int,
                         ns_exponent: float = 0.75, min_pair_count: int = 20, seed: int = 0):
    """``PMI(w, c) - log(negative)`` for the (target, context) pairs skip-gram trains on.

    Levy & Goldberg (2014) showed that skip-gram with ``negative`` negatives
    drawn from ``P_n(c) ~ count(c) ** ns_exponent`` is optimal when every
    ``w . c`` equals ``log(P(w, c) / (P(w) P_n(c))) - log(negative)``. The
    pairs are drawn as :func:`utils.train_word2vec` draws them (subsampling
    with ``sample``, dynamic windows up to ``window``, ``epochs`` passes, from
    ``seed``); pairs drawn fewer than ``min_pair_count`` times are left out
    (their PMI is too noisy to compare). Returns ``(targets, contexts,
    shifted_pmi)``, ids of ``corpus`` (notebook 08, section "What skip-gram
    factorizes"; the bench's ``sgns_pmi_correlation``).
    """
    from scipy import sparse

    if not isinstance(corpus, Word2VecCorpus):
        raise TypeError(f"corpus must be a utils.Word2VecCorpus, got {type(corpus).__name__}")
    window, negative = integer("window", window, 1), integer("negative", negative, 1)
    epochs, seed = integer("epochs", epochs, 1), integer("seed", seed, 0)
    min_pair_count = integer("min_pair_count", min_pair_count, 1)
    ns_exponent = positive_number("ns_exponent", ns_exponent)
    rng = np.random.default_rng(seed)
    drawn = [skipgram_pairs(*subsample(corpus, sample, rng), window, rng) for _ in range(epochs)]
    targets = np.concatenate([t for t, _ in drawn])
    contexts = np.concatenate([c for _, c in drawn])
    pairs = sparse.coo_matrix((np.ones(len(targets)), (targets, contexts)),
                              shape=(corpus.vocab_size,) * 2).tocsr()
    per_target = np.asarray(pairs.sum(axis=1)).ravel()
    noise = np.where(corpus.counts > 0, corpus.counts.astype(float) ** ns_exponent, 0.0)
    noise /= noise.sum()
    cells = pairs.tocoo()
    keep = cells.data >= min_pair_count
    if not keep.any():
        raise ValueError(f"no pair was drawn {min_pair_count} times: lower min_pair_count or use more text")
    w, c, n_wc = cells.row[keep], cells.col[keep], cells.data[keep]
    return w, c, np.log(n_wc / (per_target[w] * noise[c])) - np.log(negative)
