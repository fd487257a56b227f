"""Every checker accepts its worked solution and rejects plausible wrong answers."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

import utils
from tools import book as course

ROOT = Path(__file__).resolve().parents[1]


def solution(notebook_prefix: str, name: str):
    (path,) = (ROOT / "solutions").glob(f"{notebook_prefix}_*.py")
    spec = importlib.util.spec_from_file_location(f"solution_{notebook_prefix}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def not_written(*args):
    raise NotImplementedError


# --- plausible wrong answers, one kind of mistake each ---------------------------------
def lookup_flattened(W, ids):  # forgets to restore the batch shape
    return np.eye(W.shape[0])[np.ravel(ids)] @ W


def lookup_wrong_order(W, ids):  # the product taken the other way round: (dim, n) instead of (n, dim)
    return W.T @ np.eye(W.shape[0])[np.ravel(ids)].T


def sgd_fancy_assignment(W, ids, upstream, lr):  # repeated ids: the last write wins
    updated = W.copy()
    updated[ids] -= lr * upstream
    return updated


def sgd_in_place(W, ids, upstream, lr):  # right numbers, but changes the caller's table
    np.add.at(W, ids, -lr * upstream)
    return W


def mean_with_padding(vectors, ids):  # padding dilutes short sentences
    return vectors.mean(axis=1)


def mean_empty_falls_back_to_padding(vectors, ids):  # a sentence of padding only: the mean of its padding
    mask = (ids != 0)[..., None]
    counts = mask.sum(axis=1)
    return np.where(counts > 0, (vectors * mask).sum(axis=1) / np.maximum(counts, 1), vectors.mean(axis=1))


def mean_divides_by_length(vectors, ids):  # masks the padding out of the sum, but divides by the full length
    return (vectors * (ids != 0)[..., None]).sum(axis=1) / ids.shape[1]


def mean_zero_for_empty(vectors, ids):  # zeros, not NaN, for a sentence of padding only: also right
    mask = (ids != 0)[..., None]
    return (vectors * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1)


def pairs_off_by_one(sentence, window):
    return [(t, sentence[j]) for i, t in enumerate(sentence)
            for j in range(max(0, i - window), min(len(sentence), i + window)) if j != i]


def pairs_with_self(sentence, window):
    return [(t, sentence[j]) for i, t in enumerate(sentence)
            for j in range(max(0, i - window), min(len(sentence), i + window + 1))]


def neighbours_by_dot(vectors, i, k):
    scores = vectors @ vectors[i]
    scores[i] = -np.inf
    return list(np.argsort(-scores)[:k])


def neighbours_including_self(vectors, i, k):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return list(np.argsort(-(unit @ unit[i]))[:k])


def table_in_word2vec_order(words, vectors, dim):
    rows = list(vectors.values())[: len(words)]
    return np.stack(rows + [np.zeros(dim)] * (len(words) - len(rows)))


def table_without_padding_row(words, vectors, dim):
    return np.stack([vectors.get(w, np.zeros(dim)) for w in words[1:]])


def analogy_raw_vectors(vectors, a, b, c):  # no scaling to length 1
    target = vectors[b] - vectors[a] + vectors[c]
    similarity = vectors @ target / np.linalg.norm(vectors, axis=1)
    similarity[[a, b, c]] = -np.inf
    return int(np.argmax(similarity))


def analogy_including_question(vectors, a, b, c):  # the question's own rows may come back
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return int(np.argmax(unit @ (unit[b] - unit[a] + unit[c])))


def _analogy_leaving_out(vectors, a, b, c, left_out):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    similarity = unit @ (unit[b] - unit[a] + unit[c])
    similarity[list(left_out)] = -np.inf
    return int(np.argmax(similarity))


def analogy_keeping_b(vectors, a, b, c):  # forgets to leave out b
    return _analogy_leaving_out(vectors, a, b, c, (a, c))


def analogy_keeping_a(vectors, a, b, c):  # forgets to leave out a
    return _analogy_leaving_out(vectors, a, b, c, (b, c))


def analogy_keeping_c(vectors, a, b, c):  # forgets to leave out c
    return _analogy_leaving_out(vectors, a, b, c, (a, b))


def ppmi_negative_kept(counts):  # PMI, not PPMI
    counts = np.asarray(counts, float)
    total = counts.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts * total / counts.sum(1, keepdims=True) / counts.sum(0, keepdims=True))
    return np.where(counts > 0, pmi, 0.0)


def ppmi_zero_counts_left_as_log_zero(counts):  # log 0 left in, clipped to 0 only where finite
    counts = np.asarray(counts, float)
    total = counts.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts * total / counts.sum(1, keepdims=True) / counts.sum(0, keepdims=True))
    return np.maximum(pmi, 0.0) if np.isfinite(pmi).all() else pmi


def ppmi_conditional_only(counts):  # log P(c | w): the row share, never divided by P(c)
    counts = np.asarray(counts, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts / counts.sum(1, keepdims=True))
    return np.where(counts > 0, np.maximum(pmi, 0.0), 0.0)


def ppmi_nan_for_an_empty_row(counts):  # 0/0 left as NaN where a word never co-occurs
    counts = np.asarray(counts, float)
    total = counts.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts * total / counts.sum(1, keepdims=True) / counts.sum(0, keepdims=True))
        return np.where(counts.sum(1, keepdims=True) > 0, np.where(counts > 0, np.maximum(pmi, 0.0), 0.0), np.nan)


def subword_vector_summed(word, table, vocab, bucket, min_n, max_n):  # the sum, not the mean
    rows = ([vocab[word]] if word in vocab else []) + [
        len(vocab) + utils.ngram_bucket(g, bucket) for g in utils.char_ngrams(word, min_n, max_n)]
    return table[rows].sum(axis=0)


def subword_vector_without_word_row(word, table, vocab, bucket, min_n, max_n):  # n-grams only
    return table[[len(vocab) + utils.ngram_bucket(g, bucket) for g in utils.char_ngrams(word, min_n, max_n)]].mean(0)


CHECKERS = {
    "check_lookup": ("01", "lookup_by_one_hot", [lookup_flattened, lookup_wrong_order]),
    "check_sparse_sgd_step": ("02", "sparse_sgd_step", [sgd_fancy_assignment, sgd_in_place]),
    "check_masked_mean": ("03", "masked_mean", [mean_with_padding, mean_empty_falls_back_to_padding,
                                                   mean_divides_by_length]),
    "check_fixed_window_pairs": ("04", "fixed_window_pairs", [pairs_off_by_one, pairs_with_self]),
    "check_analogy": ("05", "analogy", [analogy_raw_vectors, analogy_including_question, analogy_keeping_a,
                                         analogy_keeping_b, analogy_keeping_c]),
    "check_nearest_neighbours": ("06", "nearest_neighbours", [neighbours_by_dot, neighbours_including_self]),
    "check_table_from_vectors": ("07", "table_from_vectors", [table_in_word2vec_order, table_without_padding_row]),
    "check_ppmi": ("08", "ppmi", [ppmi_negative_kept, ppmi_zero_counts_left_as_log_zero, ppmi_conditional_only,
                                   ppmi_nan_for_an_empty_row]),
    "check_subword_vector": ("09", "subword_vector", [subword_vector_summed, subword_vector_without_word_row]),
}


@pytest.mark.parametrize("checker", CHECKERS)
def test_checker_accepts_the_worked_solution(checker):
    prefix, name, _ = CHECKERS[checker]
    result = getattr(utils, checker)(solution(prefix, name))
    assert result.passed, result.message
    assert repr(result).startswith("✓") and "hidden cases pass" in result.message


@pytest.mark.parametrize("checker", CHECKERS)
def test_checker_rejects_plausible_wrong_answers_in_one_sentence(checker):
    for wrong in CHECKERS[checker][2]:
        result = getattr(utils, checker)(wrong)
        assert not result.passed, f"{checker} accepted {wrong.__name__}"
        assert repr(result).startswith("✗") and "case:" in result.message, result.message
        assert result.message.count("\n") == 0 and result.message.endswith(".")


@pytest.mark.parametrize("checker", CHECKERS)
def test_checker_says_when_the_exercise_is_not_written_yet(checker):
    result = getattr(utils, checker)(not_written)
    assert not result.passed and "not written yet" in result.message
    assert not getattr(utils, checker)("not a function").passed


def test_masked_mean_accepts_zeros_or_nan_for_padding_only_and_says_which_keras_returns():
    """The idea is the mask; for a sentence with no word, zeros and NaN are both sensible answers."""
    import keras

    with_nan = utils.check_masked_mean(solution("03", "masked_mean"))
    with_zeros = utils.check_masked_mean(mean_zero_for_empty)
    assert with_nan.passed and with_zeros.passed, (with_nan.message, with_zeros.message)
    assert "you return NaN" in with_nan.message and "you return zeros" in with_zeros.message
    empty = np.asarray(keras.layers.GlobalAveragePooling1D()(np.ones((1, 2, 1), "float32"),
                                                            mask=np.zeros((1, 2), bool)))
    keras_gives = "NaN" if np.isnan(empty).all() else "zeros"
    for result in (with_nan, with_zeros):
        assert f"Keras {keras.__version__} returns {keras_gives}" in result.message
        assert result.message.count("\n") == 0 and result.message.endswith(".")


def test_masked_mean_rejects_a_partly_nan_row_for_padding_only():
    def half_nan(vectors, ids):
        out = mean_zero_for_empty(vectors, ids)
        out[~(ids != 0).any(axis=1), 0] = np.nan
        return out

    result = utils.check_masked_mean(half_nan)
    assert not result.passed and "all zeros or all NaN" in result.message


def test_error_in_the_learners_code_is_reported_not_raised():
    result = utils.check_lookup(lambda W, ids: W[ids.ravel()] @ np.ones(99))
    assert not result.passed and "raised ValueError" in result.message


def test_every_notebook_ends_with_a_checked_exercise():
    """The last code cell of each core notebook calls its checker on a stub the learner fills in."""
    expected = {prefix: checker for checker, (prefix, _, _) in CHECKERS.items()}
    lessons = [p for p in course.list_notebooks() if p.parent == course.NOTEBOOK_DIR and not p.name.startswith("00_")]
    for path in lessons:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        last = "".join(code[-1]["source"])
        checker = expected[path.name[:2]]
        assert f"utils.{checker}(" in last, f"{path.name}: the last code cell does not call utils.{checker}"
        assert "raise NotImplementedError" in last, f"{path.name}: the exercise stub is filled in"
        shown = "".join("".join(o.get("data", {}).get("text/plain", "")) for o in code[-1]["outputs"])
        assert "not written yet" in shown, f"{path.name}: the committed output should show the unfinished stub"
