import numpy as np
import pytest

from utils.text import PAD, UNK, Vocabulary, tokenize


def test_tokenize_policy():
    assert tokenize("The Alps weren't climbed in 1953!") == ["the", "alps", "weren't", "climbed", "in"]
    assert tokenize("Café, naïve--ROCK'n'roll") == ["café", "naïve", "rock'n'roll"]
    assert tokenize("") == []
    assert tokenize("123 ... !!") == []


def test_tokenize_rejects_bytes():
    with pytest.raises(TypeError, match="decode bytes"):
        tokenize(b"the alps")


def test_vocabulary_ids_follow_frequency_then_alphabet():
    vocab = Vocabulary.from_sentences([["b", "a", "c", "a"], ["c", "a"]])
    assert vocab.words == [PAD, UNK, "a", "c", "b"]
    assert [vocab.id(w) for w in ("a", "c", "b", "zzz")] == [2, 3, 4, 1]
    assert len(vocab) == 5
    assert "a" in vocab and "zzz" not in vocab and UNK not in vocab and PAD not in vocab
    assert vocab.counts == {"a": 3, "c": 2, "b": 1}


def test_vocabulary_min_count_and_max_size():
    sentences = [["a", "a", "a", "b", "b", "c"]]
    assert Vocabulary.from_sentences(sentences, min_count=2).words[2:] == ["a", "b"]
    assert Vocabulary.from_sentences(sentences, max_size=1).words[2:] == ["a"]


def test_encode_batch_pads_with_zero_and_truncates():
    vocab = Vocabulary.from_sentences([["the", "alps"]])
    batch = vocab.encode_batch([["the", "alps", "the"], ["alps"], []], max_len=2)
    assert batch.dtype == np.int32
    assert batch.tolist() == [[vocab.id("the"), vocab.id("alps")], [vocab.id("alps"), 0], [0, 0]]
    assert vocab.decode(batch[1]) == ["alps"]


def test_unknown_words_map_to_one_and_coverage():
    vocab = Vocabulary.from_sentences([["the", "alps"]])
    assert vocab.encode(["himalaya", "the"]).tolist() == [1, vocab.id("the")]
    assert vocab.coverage([["himalaya", "the"]]) == 0.5
    assert vocab.coverage([["himalaya"]]) == 0.0


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: Vocabulary.from_sentences([]), ValueError, "empty text"),
        (lambda: Vocabulary.from_sentences([[], []]), ValueError, "empty text"),
        (lambda: Vocabulary.from_sentences("the alps"), TypeError, "single str"),
        (lambda: Vocabulary.from_sentences(["the alps"]), TypeError, "tokenize it first"),
        (lambda: Vocabulary.from_sentences([["a", 3]]), TypeError, "tokens must be str"),
        (lambda: Vocabulary.from_sentences([["a"]], min_count=0), ValueError, "min_count"),
        (lambda: Vocabulary.from_sentences([["a"]], min_count=2), ValueError, "lower min_count"),
        (lambda: Vocabulary.from_sentences([["a"]], max_size=0), ValueError, "max_size"),
        (lambda: Vocabulary(["a", "a"]), ValueError, "unique"),
        (lambda: Vocabulary(["a", UNK]), ValueError, "reserved"),
        (lambda: Vocabulary(["a", ""]), ValueError, "non-empty"),
        (lambda: Vocabulary(["a"]).encode("a"), TypeError, "not a str"),
        (lambda: Vocabulary(["a"]).encode_batch([["a"]], max_len=0), ValueError, "max_len"),
        (lambda: Vocabulary(["a"]).encode_batch([["a"]], max_len=2.5), TypeError, "max_len"),
        (lambda: Vocabulary(["a"]).word(3), IndexError, "outside the vocabulary"),
        (lambda: Vocabulary(["a"]).word(-1), IndexError, "outside the vocabulary"),
        (lambda: Vocabulary(["a"]).coverage([[]]), ValueError, "empty text"),
    ],
)
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
