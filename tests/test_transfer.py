import numpy as np
import pytest
from gensim.models import KeyedVectors

from utils import transfer
from utils.plots import plot_learning_curves
from utils.text import Vocabulary


def _kv():
    kv = KeyedVectors(2)
    kv.add_vectors(["a", "b"], np.array([[1, 0], [0, 1]], dtype=np.float32))
    return kv


def test_pretrained_table_rows_follow_the_vocabulary():
    vocab = Vocabulary(["b", "a", "c"])
    table, missing = transfer.pretrained_table(vocab, _kv())
    assert table.shape == (5, 2) and missing == ["c"]
    assert np.array_equal(table[vocab.id("a")], [1, 0]) and np.array_equal(table[vocab.id("b")], [0, 1])
    assert not table[[0, 1, vocab.id("c")]].any(), "padding, [UNK] and unknown words start at zero"


def test_pretrained_table_random_policy_for_unknown_words():
    vocab = Vocabulary(["a", "c"])
    table, _ = transfer.pretrained_table(vocab, _kv(), oov="random", seed=1)
    again, _ = transfer.pretrained_table(vocab, _kv(), oov="random", seed=1)
    assert table[vocab.id("c")].any() and np.array_equal(table, again)
    assert not table[[0, 1]].any()


@pytest.mark.parametrize("vocab, kwargs, match", [
    (Vocabulary(["x", "y"]), {}, "none of the vocabulary"),
    (Vocabulary(["a"]), {"oov": "mean"}, "oov"),
])
def test_pretrained_table_rejects_bad_input(vocab, kwargs, match):
    with pytest.raises(ValueError, match=match):
        transfer.pretrained_table(vocab, _kv(), **kwargs)


def test_balanced_subset_balances_and_is_seeded():
    labels = np.array([0] * 50 + [1] * 30 + [2] * 20)
    idx = transfer.balanced_subset(labels, 9, seed=3)
    assert len(set(idx)) == 9 and np.bincount(labels[idx]).tolist() == [3, 3, 3]
    assert np.array_equal(idx, transfer.balanced_subset(labels, 9, seed=3))
    assert sorted(transfer.balanced_subset(labels, 100, seed=0)) == list(range(100))


@pytest.mark.parametrize("n", [2, 101, 4.0])
def test_balanced_subset_rejects_bad_sizes(n):
    with pytest.raises(ValueError, match="n must be"):
        transfer.balanced_subset(np.array([0] * 50 + [1] * 30 + [2] * 20), n, seed=0)


@pytest.fixture(scope="module")
def toy_transfer():
    """Class = which half of the vocabulary a sentence's words come from; ids 6-7 never in training."""
    rng = np.random.default_rng(0)
    table = np.zeros((10, 2), dtype=np.float32)
    table[[2, 3, 6], 0] = 1.0  # class 0 words, 6 is unseen in training
    table[[4, 5, 7], 1] = 1.0  # class 1 words, 7 is unseen in training
    y = rng.integers(0, 2, 200)
    x = np.where(y[:, None] == 0, rng.integers(2, 4, (200, 3)), rng.integers(4, 6, (200, 3)))
    y_unseen = np.array([0, 1] * 10)
    x_unseen = np.where(y_unseen[:, None] == 0, 6, 7) * np.ones((20, 3), dtype=int)
    return table, (x, y), (x[:50], y[:50]), (x_unseen, y_unseen)


def test_transfer_curves_separate_the_three_starts(toy_transfer):
    table, train, test, unseen = toy_transfer
    points, models = transfer.transfer_curves(table, train, test, unseen=unseen, sizes=[16, 4], seeds=[0, 1],
                                              n_classes=2, steps=40, finetune_steps=20, verbose=False)
    assert len(points) == 2 * 2 * 3 and set(models) == set(transfer.VARIANTS)
    assert [p.n_labeled for p in points[:6]] == [4, 4, 4, 16, 16, 16], "sizes run from small to large"
    summary = transfer.summarize_curves(points, "unseen_accuracy")
    assert summary["word2vec frozen"][16][0] == 1.0
    assert summary["random init"][16][0] <= 0.75, "random rows of unseen ids carry no class"
    frozen = models["word2vec frozen"].get_layer("embedding").embeddings.numpy()
    assert np.array_equal(frozen, table), "the frozen table never moves"
    tuned = models["word2vec fine-tuned"].get_layer("embedding").embeddings.numpy()
    assert np.array_equal(tuned[[6, 7]], table[[6, 7]]) and not np.array_equal(tuned[2:6], table[2:6])


def test_transfer_curves_reject_bad_input(toy_transfer):
    table, train, test, _ = toy_transfer
    with pytest.raises(ValueError, match="rows"):
        transfer.transfer_curves(table[:5], train, test, sizes=[4], seeds=[0], n_classes=2, verbose=False)
    with pytest.raises(ValueError, match="non-empty"):
        transfer.transfer_curves(table, train, test, sizes=[], seeds=[0], n_classes=2, verbose=False)
    with pytest.raises(ValueError, match="2-D"):
        transfer.transfer_curves(table[0], train, test, sizes=[4], seeds=[0], n_classes=2, verbose=False)


def test_plot_learning_curves_panels_and_chance():
    curves = {"random init": {4: (0.5, 0.1), 16: (0.8, 0.05)}, "word2vec frozen": {4: (0.9, 0.0), 16: (0.95, 0.0)}}
    fig = plot_learning_curves({"A": curves, "B": curves}, chance={"A": 0.5})
    assert [ax.get_title() for ax in fig.axes] == ["A", "B"]
    assert fig.axes[0].get_xscale() == "log"
    assert len(fig.axes[0].lines) == 3 and len(fig.axes[1].lines) == 2, "chance line only where given"
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["random init", "word2vec frozen", "chance"]
    with pytest.raises(ValueError, match="empty"):
        plot_learning_curves({})
