from collections import Counter

import numpy as np
import pytest

from utils.lab import CATEGORIES, make_lab_corpus


@pytest.fixture(scope="module")
def lab():
    return make_lab_corpus(seed=0)


def test_same_seed_same_corpus_other_seed_differs(lab):
    again = make_lab_corpus(seed=0)
    assert again.unlabeled == lab.unlabeled
    assert again.topic_train.texts == lab.topic_train.texts
    assert np.array_equal(again.sentiment_train.labels, lab.sentiment_train.labels)
    assert make_lab_corpus(seed=1).unlabeled != lab.unlabeled


def test_sizes(lab):
    assert len(lab.unlabeled) == 10_000
    assert len(lab.sentiment_train) == len(lab.topic_train) == 2_000
    assert len(lab.sentiment_test) == len(lab.topic_test) == 500
    assert len(lab.topic_unseen_test) == len(lab.sentiment_unseen_test) == 200
    small = make_lab_corpus(seed=3, n_unlabeled=5, n_train=4, n_test=3, n_unseen_test=2)
    assert (len(small.unlabeled), len(small.topic_train), len(small.topic_test)) == (5, 4, 3)


def test_held_out_words_only_in_unlabeled_text_and_unseen_tests(lab):
    held = set(lab.words(held_out=True))
    assert len(held) == 2 * len(CATEGORIES) + 4
    labeled_train = {t for split in (lab.sentiment_train, lab.topic_train) for s in split.texts for t in s}
    assert not held & labeled_train
    unlabeled = {t for s in lab.unlabeled for t in s}
    assert held <= unlabeled
    assert set(lab.lexicon) == unlabeled, "every lab word occurs in the unlabeled text"


def test_unseen_topic_test_holds_only_held_out_informative_words(lab):
    for tokens, label in zip(lab.topic_unseen_test.texts, lab.topic_unseen_test.labels):
        informative = [t for t in tokens if lab.lexicon[t].category is not None]
        assert informative, tokens
        assert all(lab.lexicon[t].held_out for t in informative)
        assert {lab.lexicon[t].category for t in informative} == {CATEGORIES[label]}


def test_sentiment_labels_match_words_and_ignore_topic(lab):
    split = lab.sentiment_train
    for tokens, label in zip(split.texts, split.labels):
        polarities = {lab.lexicon[t].polarity for t in tokens} - {None}
        assert polarities == {split.label_names[label]}
    # Topic is drawn independently of the label: each category's share of
    # positive examples stays near one half.
    for cat in CATEGORIES:
        labels = [lab_ for t, lab_ in zip(split.texts, split.labels)
                  if any(lab.lexicon[w].category == cat for w in t)]
        assert 0.4 < np.mean(labels) < 0.6


def test_sentiment_words_share_contexts_in_unlabeled_text(lab):
    def neighbours(word):
        return Counter(n for s in lab.unlabeled if word in s for n in s if n != word)

    good, bad = neighbours("good"), neighbours("bad")
    shared = set(good) & set(bad)
    assert len(shared) / len(set(good) | set(bad)) > 0.8


def test_topic_labels_match_nouns(lab):
    for tokens, label in zip(lab.topic_train.texts, lab.topic_train.labels):
        cats = {lab.lexicon[t].category for t in tokens} - {None}
        assert cats == {CATEGORIES[label]}
    assert set(Counter(lab.topic_train.labels.tolist())) == {0, 1, 2, 3}


def test_words_filters(lab):
    assert lab.words(kind="noun", category="mountains", held_out=True) == ["himalaya", "karakoram"]
    assert len(lab.words(kind="sentiment", polarity="positive")) == 14
    assert lab.topic_train.subset(10).texts == lab.topic_train.texts[:10]


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"seed": -1}, ValueError, "seed"),
        ({"seed": 1.5}, TypeError, "seed"),
        ({"n_unlabeled": 0}, ValueError, "n_unlabeled"),
        ({"n_train": -5}, ValueError, "n_train"),
        ({"n_test": "10"}, TypeError, "n_test"),
        ({"n_unseen_test": True}, TypeError, "n_unseen_test"),
    ],
)
def test_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        make_lab_corpus(**kwargs)


@pytest.mark.parametrize(
    "kwargs, message",
    [({"kind": "verb"}, "kind"), ({"category": "cars"}, "category"), ({"polarity": "neutral"}, "polarity")],
)
def test_bad_word_filters(lab, kwargs, message):
    with pytest.raises(ValueError, match=message):
        lab.words(**kwargs)


def test_probe_words(lab):
    words, labels = lab.probe_words("polarity")
    assert len(words) == 24 and labels.count("positive") == 12 and "fantastic" not in words
    words, labels = lab.probe_words("category")
    assert len(words) == 56 and set(labels) == set(CATEGORIES) and "himalaya" not in words
    with pytest.raises(ValueError, match="prop must be"):
        lab.probe_words("meaning")


def test_bad_subset_size(lab):
    with pytest.raises(ValueError, match="subset size"):
        lab.topic_train.subset(0)
    with pytest.raises(ValueError, match="subset size"):
        lab.topic_train.subset(10_000)


def test_opposite_pairs_are_seen_sentiment_words_of_each_polarity():
    from utils.lab import make_lab_corpus

    lab = make_lab_corpus(seed=0, n_unlabeled=50, n_train=20, n_test=10, n_unseen_test=10)
    pairs = lab.opposite_pairs()
    assert pairs[0] == ("good", "bad") and len(pairs) == 12
    for pos, neg in pairs:
        assert lab.lexicon[pos].polarity == "positive" and lab.lexicon[neg].polarity == "negative"
        assert not lab.lexicon[pos].held_out and not lab.lexicon[neg].held_out
