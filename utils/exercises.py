"""Checkers for the code exercises at the end of each notebook.

Each ``check_*`` function runs a learner's function on hidden cases and returns
a :class:`CheckResult`: true when every case passes, and shown in a notebook
as one sentence saying what passed or, for the first failing case, what is
wrong. Checkers never raise because of the learner's code, so a notebook with
an unfinished exercise still runs top to bottom.

Worked solutions are in ``solutions/`` at the root of the course, one file per
notebook; ``solutions/README.md`` explains the policy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from .cooccurrence import ppmi_matrix
from .fasttext import char_ngrams, ngram_bucket

__all__ = [
    "CheckResult",
    "check_lookup",
    "check_sparse_sgd_step",
    "check_masked_mean",
    "check_fixed_window_pairs",
    "check_analogy",
    "check_nearest_neighbours",
    "check_table_from_vectors",
    "check_ppmi",
    "check_subword_vector",
]


@dataclass(frozen=True)
class CheckResult:
    """Outcome of a checker: ``passed`` and a one-sentence ``message``.

    What every checker of a notebook's section "Exercises" returns.
    """

    exercise: str
    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return f"{'✓' if self.passed else '✗'} {self.exercise}: {self.message}"

    __str__ = __repr__


class _Wrong(Exception):
    """One hidden case failed; the message says how."""


def _run(exercise: str, fn: Callable, cases: Iterable[tuple[str, Callable[[Callable], None]]]) -> CheckResult:
    if not callable(fn):
        return CheckResult(exercise, False, f"expected a function, got {type(fn).__name__}.")
    cases = list(cases)
    for description, check in cases:
        try:
            check(fn)
        except NotImplementedError:
            return CheckResult(exercise, False, "not written yet: replace `raise NotImplementedError` with your code.")
        except _Wrong as wrong:
            return CheckResult(exercise, False, f"{wrong} (case: {description}).")
        except Exception as exc:  # the learner's code failed; say how, do not crash the notebook
            return CheckResult(exercise, False, f"raised {type(exc).__name__}: {exc} (case: {description}).")
    return CheckResult(exercise, True, f"all {len(cases)} hidden cases pass.")


def _as_array(value, what: str) -> np.ndarray:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise _Wrong(f"returned {type(value).__name__}, which is not an array of {what}") from None


def _expect_array(got, expected: np.ndarray, what: str, *, atol: float = 1e-6) -> None:
    got = _as_array(got, what)
    if got.shape != expected.shape:
        raise _Wrong(f"returned {what} of shape {got.shape}, expected {expected.shape}")
    if not np.allclose(got, expected, atol=atol, equal_nan=True):
        if not np.array_equal(np.isnan(got), np.isnan(expected)):
            where = tuple(int(i) for i in np.argwhere(np.isnan(got) != np.isnan(expected))[0])
            raise _Wrong(f"{what} differ: at index {where} got {got[where]:.4g}, expected {expected[where]:.4g}")
        worst = np.unravel_index(np.nanargmax(np.abs(got - expected)), expected.shape)
        raise _Wrong(f"{what} differ: at index {tuple(int(i) for i in worst)} got {got[worst]:.4g}, "
                     f"expected {expected[worst]:.4g}")


# ---------------------------------------------------------------- notebook 01
def check_lookup(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> CheckResult:
    """``fn(W, ids)`` must equal ``W[ids]`` for ids of any shape, computed as one-hot rows times ``W``.

    Notebook 01, section "Exercises" (exercise 1); the idea is taught in section 2.
    """
    rng = np.random.default_rng(101)

    def case(vocab: int, dim: int, shape: tuple[int, ...]):
        W = rng.normal(size=(vocab, dim))
        ids = rng.integers(0, vocab, size=shape)

        def check(f):
            _expect_array(f(W.copy(), ids.copy()), W[ids], "looked-up vectors")
        return f"W {W.shape}, ids of shape {shape}", check

    return _run("lookup", fn, [case(5, 3, (4,)), case(7, 2, (2, 4)), case(6, 4, (3,)), case(9, 5, (2, 3, 2))])


# ---------------------------------------------------------------- notebook 02
def check_sparse_sgd_step(fn: Callable[[np.ndarray, np.ndarray, np.ndarray, float], np.ndarray]) -> CheckResult:
    """``fn(W, ids, upstream, lr)``: the table after one SGD step on ``sum(W[ids] * upstream)``.

    Notebook 02, section "Exercises" (exercise 5); the step is taught in sections 1 and 2.

    ``upstream[i]`` is the gradient arriving at output row ``i``; a row looked
    up twice must receive both gradients. ``W`` itself must not be modified.
    """
    rng = np.random.default_rng(202)

    def case(ids: list[int], vocab: int = 6, dim: int = 3, lr: float = 0.1):
        W = rng.normal(size=(vocab, dim))
        upstream = rng.normal(size=(len(ids), dim))
        expected = W.copy()
        np.add.at(expected, np.array(ids), -lr * upstream)

        def check(f):
            original = W.copy()
            got = f(W, np.array(ids), upstream.copy(), lr)
            if not np.array_equal(W, original):
                raise _Wrong("modified W in place; return a new table instead")
            _expect_array(got, expected, "updated table")
        return f"ids {ids}", check

    return _run("sparse SGD step", fn, [case([0, 3]), case([2, 2, 5]), case([1, 4, 1, 1]), case([5])])


# ---------------------------------------------------------------- notebook 03
def check_masked_mean(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> CheckResult:
    """``fn(vectors, ids)``: per sentence, the mean of the vectors at non-padding positions (id != 0).

    Notebook 03, section "Exercises" (exercise 5); the mask is taught in sections 3 and 7.

    ``vectors`` has shape ``(batch, length, dim)`` and ``ids`` ``(batch, length)``.
    Sentences with at least one word must match what
    ``keras.layers.GlobalAveragePooling1D`` returns with the mask ``ids != 0``.
    A sentence made only of padding has no word to average: zeros and NaN are
    both accepted for it (all zeros or all NaN), and the message on success
    says which one the installed Keras returns (NaN, 0 / 0, in Keras 3.15).
    """
    import keras

    rng = np.random.default_rng(303)
    pool = keras.layers.GlobalAveragePooling1D()
    empty_answers: list[str] = []  # what the learner returned for sentences of padding only

    def case(ids: list[list[int]], dim: int = 4):
        ids_arr = np.array(ids)
        vectors = rng.normal(size=(*ids_arr.shape, dim)).astype(np.float32)
        expected = np.asarray(pool(vectors, mask=ids_arr != 0), dtype=np.float64)
        empty = ~(ids_arr != 0).any(axis=1)  # sentences of padding only

        def check(f):
            got = _as_array(f(vectors.copy(), ids_arr.copy()), "sentence vectors")
            if got.shape != expected.shape:
                raise _Wrong(f"returned sentence vectors of shape {got.shape}, expected {expected.shape}")
            for row in np.flatnonzero(empty):
                if np.isnan(got[row]).all():
                    empty_answers.append("NaN")
                elif np.array_equal(got[row], np.zeros_like(got[row])):
                    empty_answers.append("zeros")
                else:
                    raise _Wrong(f"sentence {row} is padding only: return all zeros or all NaN for it, "
                                 f"got {np.array2string(got[row], precision=3)}")
            _expect_array(got[~empty], expected[~empty], "sentence vectors", atol=1e-5)
        return f"ids {ids}", check

    result = _run("masked mean", fn, [case([[3, 5, 0, 0]]), case([[1, 2, 3], [4, 0, 0]]),
                                      case([[2, 2, 0, 0, 0], [0, 0, 0, 0, 0]]), case([[7, 8, 9]])])
    if not result.passed:
        return result
    empty = np.asarray(pool(np.ones((1, 2, 1), dtype=np.float32), mask=np.zeros((1, 2), dtype=bool)))
    keras_gives = "NaN (0 / 0)" if np.isnan(empty).all() else "zeros" if not empty.any() else "other values"
    yours = " and ".join(sorted(set(empty_answers)))
    return CheckResult(result.exercise, True, f"{result.message[:-1]}; for a sentence of padding only you return "
                                              f"{yours}, Keras {keras.__version__} returns {keras_gives}.")


# ---------------------------------------------------------------- notebook 04
def check_fixed_window_pairs(fn: Callable[[list[int], int], Iterable[tuple[int, int]]]) -> CheckResult:
    """``fn(sentence, window)``: every ``(target, context)`` pair of one sentence, fixed window.

    Notebook 04, exercise 4.

    Each word pairs with every word at distance 1..window on both sides, not
    with itself; order does not matter, repeated pairs count.
    """

    def expected_pairs(sentence: list[int], window: int) -> Counter:
        return Counter((sentence[i], sentence[j]) for i in range(len(sentence))
                       for j in range(max(0, i - window), min(len(sentence), i + window + 1)) if j != i)

    def case(sentence: list[int], window: int):
        def check(f):
            try:
                got = Counter((int(t), int(c)) for t, c in f(list(sentence), window))
            except (TypeError, ValueError):
                raise _Wrong("did not return (target, context) pairs of ints") from None
            expected = expected_pairs(sentence, window)
            if got != expected:
                extra, missing = got - expected, expected - got
                detail = (f"pairs that should not be there: {sorted(extra)[:3]}" if extra
                          else f"missing pairs: {sorted(missing)[:3]}")
                raise _Wrong(f"{sum(got.values())} pairs instead of {sum(expected.values())}; {detail}")
        return f"sentence {sentence}, window {window}", check

    return _run("fixed-window pairs", fn, [case([1, 2, 3], 1), case([4, 5, 6, 7, 8], 2),
                                        case([3, 3, 9], 2), case([6], 3), case([1, 2, 3, 4], 5)])


# ---------------------------------------------------------------- notebook 05
def check_analogy(fn: Callable[[np.ndarray, int, int, int], int]) -> CheckResult:
    """``fn(vectors, a, b, c)``: the row answering "a is to b as c is to ?", as the analogy benchmark scores it.

    The checked exercise of notebook 05 (section "Exercises"). Each of rows ``a``, ``b`` and ``c`` is scaled
    to length 1, and the answer is the row most cosine-similar to ``b - a + c``, other than ``a``, ``b``
    and ``c`` (what gensim's ``most_similar(positive=[b, c], negative=[a])`` returns first).
    """
    rng = np.random.default_rng(404)

    def case(n: int, dim: int, a: int, b: int, c: int, nearest: str = ""):
        # Very different lengths, so skipping the scaling to length 1 picks other rows.
        vectors = rng.normal(size=(n, dim)) * rng.uniform(0.1, 10.0, size=(n, 1))
        if nearest == "b":  # c almost equal to a in direction: b - a + c points at b
            vectors[c] = 3.0 * vectors[a] / np.linalg.norm(vectors[a]) + 0.05 * rng.normal(size=dim)
        elif nearest == "a":  # b and c close, a halfway between them: b - a + c points at a
            vectors[c] = vectors[b] + 0.3 * np.linalg.norm(vectors[b]) * rng.normal(size=dim) / np.sqrt(dim)
            vectors[a] = 2.0 * sum(vectors[i] / np.linalg.norm(vectors[i]) for i in (b, c))
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        target = unit[b] - unit[a] + unit[c]
        similarity = unit @ (target / np.linalg.norm(target))
        similarity[[a, b, c]] = -np.inf
        expected = int(np.argmax(similarity))

        def check(f):
            try:
                got = int(f(vectors.copy(), a, b, c))
            except (TypeError, ValueError):
                raise _Wrong("did not return one row index") from None
            if got in (a, b, c):
                raise _Wrong(f"returned {got}, one of the question's own rows (a={a}, b={b}, c={c})")
            if got != expected:
                raise _Wrong(f"returned {got}, expected {expected}")
        return f"{n} vectors of {dim} dimensions, a={a}, b={b}, c={c}", check

    return _run("analogy", fn, [case(10, 3, 0, 1, 2), case(30, 4, 5, 9, 17), case(25, 2, 3, 4, 24),
                                case(40, 6, 39, 0, 12), case(20, 5, 1, 2, 3, nearest="b"),
                                case(20, 5, 4, 5, 6, nearest="a")])


# ---------------------------------------------------------------- notebook 06
def check_nearest_neighbours(fn: Callable[[np.ndarray, int, int], Iterable[int]]) -> CheckResult:
    """``fn(vectors, i, k)``: indices of the ``k`` rows most cosine-similar to row ``i``, best first, without ``i``.

    The checked exercise of notebook 06 (section "Exercises").
    """
    rng = np.random.default_rng(505)

    def case(n: int, dim: int, i: int, k: int):
        # Very different lengths, so a dot product without normalizing picks other rows.
        vectors = rng.normal(size=(n, dim)) * rng.uniform(0.1, 10.0, size=(n, 1))
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        similarity = unit @ unit[i]
        similarity[i] = -np.inf
        expected = [int(j) for j in np.argsort(-similarity, kind="stable")[:k]]

        def check(f):
            try:
                got = [int(j) for j in f(vectors.copy(), i, k)]
            except (TypeError, ValueError):
                raise _Wrong("did not return a sequence of row indices") from None
            if i in got:
                raise _Wrong(f"row {i} is listed as its own neighbour")
            if got != expected:
                raise _Wrong(f"returned {got}, expected {expected}")
        return f"{n} vectors of {dim} dimensions, row {i}, k={k}", check

    return _run("nearest neighbours", fn, [case(8, 3, 0, 3), case(20, 5, 7, 5), case(12, 2, 11, 1)])


# ---------------------------------------------------------------- notebook 07
def check_table_from_vectors(fn: Callable[[list[str], dict[str, np.ndarray], int], np.ndarray]) -> CheckResult:
    """``fn(words, vectors, dim)``: a ``(len(words), dim)`` table, row ``i`` = ``vectors[words[i]]``.

    Notebook 07's checked exercise, the core of :func:`utils.pretrained_table`
    (a different name, because the signature differs). ``words`` is a
    vocabulary in id order (``words[0]`` is padding, ``""``); words without a
    vector, padding included, get a row of zeros.
    """
    rng = np.random.default_rng(606)

    def case(words: list[str], known: list[str], dim: int):
        vectors = {w: rng.normal(size=dim) for w in known}
        expected = np.stack([vectors.get(w, np.zeros(dim)) for w in words])

        def check(f):
            _expect_array(f(list(words), dict(vectors), dim), expected, "table rows")
        return f"{len(words)} words, {len(set(known) & set(words))} with a vector", check

    return _run("pretrained table", fn, [
        case(["", "[UNK]", "alps", "andes", "violin"], ["violin", "alps", "andes"], 3),
        case(["", "[UNK]", "cello", "harp"], ["harp", "drum"], 4),
        case(["", "[UNK]", "snow"], ["snow", "ice"], 2),
    ])


# ---------------------------------------------------------------- notebook 08
def check_ppmi(fn: Callable[[np.ndarray], np.ndarray]) -> CheckResult:
    """``fn(counts)``: the positive PMI of a dense count matrix, ``max(0, log P(w, c) / (P(w) P(c)))``.

    The checked exercise of notebook 08 (section "Exercises"): plain PMI, every probability a share of
    the total count; a cell with no count gets 0. Graded against :func:`utils.cooccurrence.ppmi_matrix`
    with ``cds=1``.
    """
    rng = np.random.default_rng(808)

    def case(n_rows: int, n_cols: int, zeros: float, empty: bool = False):
        counts = rng.integers(1, 20, size=(n_rows, n_cols)).astype(float)
        counts[rng.random(counts.shape) < zeros] = 0
        if empty:  # a word and a context that never co-occur, like the padding id's row and column of X
            counts[-1, :] = 0
            counts[:, -1] = 0
        counts[0, 0] = max(counts[0, 0], 1)  # never all zero
        square = np.zeros((n_rows + n_cols,) * 2)  # ppmi_matrix wants a square matrix: embed the block
        square[:n_rows, n_rows:] = counts
        expected = ppmi_matrix(square, cds=1).toarray()[:n_rows, n_rows:]
        # The block's own totals differ from the square's only by where the zeros sit: the same shares.

        def check(f):
            got = _as_array(f(counts.copy()), "PPMI")
            if got.shape != counts.shape:
                raise _Wrong(f"returned shape {got.shape}, expected {counts.shape}")
            if not np.isfinite(got).all():
                raise _Wrong("returned inf or NaN: a cell with no count must be 0")
            if (got < 0).any():
                raise _Wrong("returned negative values: PPMI keeps only the positive PMI")
            _expect_array(got, expected, "PPMI")
        extra = ", an empty row and column" if empty else ""
        return f"{n_rows} x {n_cols} counts, {zeros:.0%} of them zero{extra}", check

    return _run("PPMI", fn, [case(3, 3, 0.0), case(4, 6, 0.3), case(5, 2, 0.2), case(4, 5, 0.1, empty=True)])


# ---------------------------------------------------------------- notebook 09
def check_subword_vector(fn: Callable[[str, np.ndarray, dict, int, int, int], np.ndarray]) -> CheckResult:
    """``fn(word, table, vocab, bucket, min_n, max_n)``: fastText's vector of ``word``.

    ``table`` has one row per vocabulary word (``vocab[word]`` is its row)
    followed by ``bucket`` n-gram rows: n-gram ``g`` lives in row
    ``len(vocab) + utils.ngram_bucket(g, bucket)``. The vector is the mean of
    the word's own row (only if it is in ``vocab``) and of the rows of its
    n-grams (``utils.char_ngrams(word, min_n, max_n)``), one row per n-gram
    occurrence.

    The checked exercise of notebook 09 (section "Exercises").
    """
    rng = np.random.default_rng(707)

    def case(word: str, vocab_words: list[str], bucket: int, min_n: int, max_n: int):
        vocab = {w: i for i, w in enumerate(vocab_words)}
        table = rng.normal(size=(len(vocab) + bucket, 4))
        rows = ([vocab[word]] if word in vocab else []) + [
            len(vocab) + ngram_bucket(g, bucket) for g in char_ngrams(word, min_n, max_n)]
        expected = table[rows].mean(axis=0)

        def check(f):
            _expect_array(f(word, table.copy(), dict(vocab), bucket, min_n, max_n), expected, "vector")
        known = "in the vocabulary" if word in vocab else "not in the vocabulary"
        return f"{word!r} ({known}), {bucket} buckets, n from {min_n} to {max_n}", check

    return _run("subword vector", fn, [
        case("cat", ["cat", "dog"], 50, 3, 6), case("cats", ["cat", "dog"], 50, 3, 6),
        case("banana", ["apple", "banana"], 7, 2, 3), case("où", ["ou"], 20, 2, 4),
    ])
