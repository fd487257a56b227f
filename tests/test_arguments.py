"""The shared argument checks: what they accept, and the sentence each refusal says."""

import numpy as np
import pytest

from utils import arguments


def test_accepted_values_come_back_normalised(tmp_path):
    assert arguments.integer("n", np.int64(3), minimum=1) == 3 and type(arguments.integer("n", np.int64(3))) is int
    assert arguments.positive_number("lr", 1) == 1.0
    assert arguments.probability("p", 0) == 0.0
    assert arguments.one_of("sg", 1, (0, 1)) == 1
    rng = np.random.default_rng(0)
    assert arguments.generator("rng", rng) is rng
    (tmp_path / "f.txt").write_text("x")
    assert arguments.existing_file("path", tmp_path / "f.txt").name == "f.txt"
    assert arguments.output_folder("out", tmp_path / "a" / "b").is_dir()
    assert arguments.finite_table("t", [[1.0, 2.0]]).shape == (1, 2)


@pytest.mark.parametrize("call, error, message", [
    (lambda: arguments.integer("epochs", 2.0), TypeError, r"epochs must be an integer, got 2.0 \(float\)"),
    (lambda: arguments.integer("epochs", True), TypeError, "epochs must be an integer"),
    (lambda: arguments.integer("epochs", 0, minimum=1), ValueError, "epochs must be at least 1, got 0"),
    (lambda: arguments.positive_number("learning_rate", -0.1), ValueError, "positive finite"),
    (lambda: arguments.positive_number("learning_rate", float("nan")), ValueError, "positive finite"),
    (lambda: arguments.positive_number("learning_rate", "0.1"), TypeError, "must be a number"),
    (lambda: arguments.probability("sample", 1.5), ValueError, r"sample must be in \[0, 1\]"),
    (lambda: arguments.probability("p", 0, inclusive=False), ValueError, r"p must be in \(0, 1\)"),
    (lambda: arguments.one_of("sg", 2, (0, 1)), ValueError, r"sg must be one of \['0', '1'\], got 2"),
    (lambda: arguments.generator("rng", 0), TypeError, "numpy Generator"),
    (lambda: arguments.generator("rng", np.random.RandomState(0)), TypeError, "numpy Generator"),
    (lambda: arguments.existing_file("path", 3), TypeError, "must be a path"),
    (lambda: arguments.existing_file("path", "/nonexistent/x"), FileNotFoundError, "no file at"),
    (lambda: arguments.finite_table("table", [1.0, 2.0]), ValueError, "must be 2-D"),
    (lambda: arguments.finite_table("table", [["a"]]), TypeError, "must hold numbers"),
    (lambda: arguments.finite_table("table", [[1.0, np.nan], [np.inf, 0.0]]), ValueError,
     "2 non-finite values in 2 rows .*diverged"),
])
def test_refusals_name_the_argument_and_the_problem(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_an_output_folder_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "x").write_text("")
    with pytest.raises(NotADirectoryError, match="is a file, not a folder"):
        arguments.output_folder("directory", tmp_path / "x")


def test_a_diverged_table_is_refused_by_the_helpers_that_take_tables():
    import utils

    with pytest.raises(ValueError, match="diverged"):
        utils.keyed_vectors(np.array([[0.0, np.nan], [1.0, 2.0]]), ["a", "b"])


def test_the_newer_checks_accept_what_the_helpers_pass(tmp_path):
    from gensim.models import KeyedVectors

    assert arguments.flag("verbose", 0) is False and arguments.flag("shuffle", np.bool_(True)) is True
    assert arguments.function("fn", len) is len
    assert arguments.path("path", str(tmp_path)) == tmp_path
    assert arguments.non_negative_number("min_abs_rating", 0) == 0.0
    assert arguments.finite_array("direction", [1.0, 2.0], ndim=1).shape == (2,)
    kv = KeyedVectors(2)
    kv.add_vectors(["a", "b"], np.eye(2, dtype=np.float32))
    assert arguments.word_vectors("kv", kv) is kv
    assert arguments.rate_or_schedule("learning_rate", 0.1) == 0.1
    schedule = lambda step: 0.1  # noqa: E731  (a Keras schedule is a callable of the step)
    assert arguments.rate_or_schedule("learning_rate", schedule) is schedule


def _diverged_kv():
    from gensim.models import KeyedVectors

    kv = KeyedVectors(2)
    kv.add_vectors(["a", "b"], np.array([[1.0, 0.0], [np.inf, np.nan]], dtype=np.float32))
    return kv


@pytest.mark.parametrize("call, error, message", [
    (lambda: arguments.flag("verbose", "yes"), TypeError, r"verbose must be True or False, got 'yes'"),
    (lambda: arguments.flag("verbose", 2), TypeError, "verbose must be True or False"),
    (lambda: arguments.function("build", "dense"), TypeError, "build must be a function"),
    (lambda: arguments.path("path", ""), TypeError, "path must be a path"),
    (lambda: arguments.path("directory", 3), TypeError, r"directory must be a path .*got 3 \(int\)"),
    (lambda: arguments.non_negative_number("min_abs_rating", -1), ValueError, "at least 0"),
    (lambda: arguments.finite_array("direction", [[1.0]], ndim=1), ValueError, "must be 1-D"),
    (lambda: arguments.finite_array("direction", [1.0, np.nan]), ValueError,
     r"direction has 1 non-finite values \(first at index \(1,\)\).*diverged"),
    (lambda: arguments.word_vectors("kv", np.eye(2)), TypeError, "kv must be word vectors"),
    (lambda: arguments.word_vectors("kv", _diverged_kv()), ValueError,
     r"kv has 2 non-finite values in 1 vectors \(first: 'b'\).*diverged"),
    (lambda: arguments.keras_model("model", "a model"), TypeError, "model must be a Keras model"),
    (lambda: arguments.rate_or_schedule("learning_rate", -1), ValueError, "positive finite"),
    (lambda: arguments.sentences("sentences", "the cat sat"), TypeError, "token lists, not one str"),
    (lambda: arguments.sentences("sentences", [[], []]), ValueError, "corpus is empty"),
])
def test_the_newer_checks_refuse_with_a_sentence(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_sentences_returns_lists_of_tokens():
    assert arguments.sentences("sentences", (("a", "b"), ["c"])) == [["a", "b"], ["c"]]
