import numpy as np
import pytest

from tools.paths import ROOT
from utils import evaluation as ev
from utils import models, plots, text, word2vec
from utils.data import load_wordsim353, wordsim353_half
from utils.plots import plot_projection, plot_similarity_heatmaps


@pytest.fixture(scope="module")
def tiny_task():
    """Ids 2-3 mean class 1, ids 4-5 class 0; a classifier must learn that."""
    from utils.seeding import seed_everything

    rng = seed_everything(0)
    n = 400
    y = rng.integers(0, 2, n)
    x = np.where(y[:, None] == 1, rng.integers(2, 4, (n, 3)), rng.integers(4, 6, (n, 3)))
    x[:, 2] = 0  # one padding position
    return x.astype(np.int32), y


@pytest.mark.slow
def test_classifier_learns_and_exposes_its_table(tiny_task):
    x, y = tiny_task
    model = models.build_classifier(6, 4, 2, max_len=3, learning_rate=0.05)
    before = models.embedding_table(model)
    model.fit(text.make_dataset(x, y, batch_size=32, shuffle=True), epochs=5, shuffle=False, verbose=0)
    after = models.embedding_table(model)
    assert model.evaluate(text.make_dataset(x, y), verbose=0)[1] == 1.0
    assert np.array_equal(before[[0, 1]], after[[0, 1]]), "padding and unused rows get no gradient"
    assert not np.allclose(before[2:], after[2:])
    pooled = models.pooled_vectors(model, x[:5])
    assert np.allclose(pooled, after[x[:5, :2]].mean(axis=1), atol=1e-5), "masked mean ignores padding"


@pytest.mark.slow
def test_pretrained_frozen_table_does_not_move(tiny_task):
    x, y = tiny_task
    table = np.arange(24, dtype=np.float32).reshape(6, 4) / 24
    model = models.build_classifier(6, 4, 2, max_len=3, pretrained=table, trainable=False)
    model.fit(text.make_dataset(x, y), epochs=1, shuffle=False, verbose=0)
    assert np.array_equal(models.embedding_table(model), table)


def test_multiclass_uses_softmax():
    model = models.build_classifier(10, 3, 4)
    assert model.layers[-1].units == 4 and model.loss == "sparse_categorical_crossentropy"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"vocab_size": 2}, "vocab_size"),
        ({"dim": 0}, "dim"),
        ({"n_classes": 1}, "n_classes"),
        ({"max_len": 0}, "max_len"),
        ({"pretrained": np.zeros((5, 4))}, "expected \\(6, 4\\)"),
    ],
)
def test_build_classifier_bad_input(kwargs, message):
    args = {"vocab_size": 6, "dim": 4, "n_classes": 2, **kwargs}
    with pytest.raises(ValueError, match=message):
        models.build_classifier(**args)


@pytest.mark.parametrize(
    "x, y, error, message",
    [
        (np.zeros((3, 2), dtype=np.float32), np.zeros(3), TypeError, "integer ids"),
        (np.zeros(3, dtype=np.int32), np.zeros(3), TypeError, "2-D"),
        (np.zeros((3, 2), dtype=np.int32), np.zeros(2), ValueError, "one label per row"),
        (np.zeros((0, 2), dtype=np.int32), np.zeros(0), ValueError, "empty"),
    ],
)
def test_make_dataset_bad_input(x, y, error, message):
    with pytest.raises(error, match=message):
        text.make_dataset(x, y)


def test_keyed_vectors_drops_padding_and_unknown():
    kv = models.keyed_vectors(np.eye(4, dtype=np.float32), ["", "[UNK]", "alps", "andes"])
    assert list(kv.index_to_key) == ["alps", "andes"]
    with pytest.raises(ValueError, match="one word per row"):
        models.keyed_vectors(np.eye(4), ["a"])
    with pytest.raises(ValueError, match="2-D"):
        models.keyed_vectors(np.zeros(4), ["a", "b", "c", "d"])
    with pytest.raises(ValueError, match="no real word"):
        models.keyed_vectors(np.eye(2), ["", "[UNK]"])


def test_probe_finds_planted_signal_and_not_noise():
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(40)]
    labels = np.repeat([0, 1], 20)
    signal = rng.normal(size=(40, 8)) + 3 * labels[:, None]
    noise = rng.normal(size=(40, 8))
    good = ev.probe_accuracy(models.keyed_vectors(signal, words), words, labels)
    bad = ev.probe_accuracy(models.keyed_vectors(noise, words), words, labels)
    assert good.accuracy > 0.95 and good.chance == 0.5 and good.n_words == 40
    assert bad.accuracy < 0.75


def test_probe_bad_input():
    kv = models.keyed_vectors(np.eye(4), ["a", "b", "c", "d"])
    with pytest.raises(ValueError, match="one label per word"):
        ev.probe_accuracy(kv, ["a", "b"], [0])
    with pytest.raises(ValueError, match="two classes"):
        ev.probe_accuracy(kv, ["a", "b"], [0, 0])
    with pytest.raises(ValueError, match="rarest class"):
        ev.probe_accuracy(kv, ["a", "b", "c", "d"], [0, 0, 0, 1])
    with pytest.raises(KeyError, match="no vector"):
        ev.probe_accuracy(kv, ["a", "zz", "b", "c", "d", "a", "b", "c"], [0, 0, 0, 0, 1, 1, 1, 1], n_splits=2)


def test_benchmark_score_matches_gensim_and_restricts_pairs():
    from utils.data import source_path

    pairs = load_wordsim353()
    words = sorted({w for p in pairs for w in (p.word1, p.word2)})
    rng = np.random.default_rng(1)
    kv = models.keyed_vectors(rng.normal(size=(len(words), 10)), words)
    ours = ev.benchmark_score(kv, "wordsim353")
    _, (gensim_rho, _), _ = kv.evaluate_word_pairs(str(source_path("wordsim353.tsv")))
    assert ours.pairs_covered == ours.pairs_total == 353
    assert ours.spearman == pytest.approx(gensim_rho, abs=1e-6)
    small = models.keyed_vectors(rng.normal(size=(4, 10)), ["tiger", "cat", "book", "paper"])
    restricted = ev.benchmark_score(kv, "wordsim353", common_with=[small])
    assert restricted.pairs_covered == 3  # tiger/cat, tiger/tiger, book/paper
    halves = [ev.benchmark_score(kv, f"wordsim353_half{h}") for h in (1, 2)]
    assert [h.pairs_total for h in halves] == [176, 177]
    from scipy.stats import spearmanr
    half2 = [pairs.index(p) for p in wordsim353_half(2)]
    expected = spearmanr([ours.model_scores[i] for i in half2], [ours.human_scores[i] for i in half2]).statistic
    assert halves[1].spearman == pytest.approx(expected)
    assert np.isnan(ev.benchmark_score(models.keyed_vectors(np.eye(2), ["qq", "zz"]), "simlex999").spearman)
    with pytest.raises(ValueError, match="benchmark must be"):
        ev.benchmark_score(kv, "men3000")


def test_neighbours_cosines_and_means():
    kv = models.keyed_vectors(np.array([[1, 0], [0.9, 0.1], [0, 1]], dtype=np.float32), ["a", "b", "c"])
    table = ev.neighbour_table({"toy": kv}, ["a", "zz"], k=1)
    assert "b 0.99" in table and "(not in vocabulary)" in table
    means = ev.mean_vectors(kv, [["a", "c"], ["a", "unknown"]])
    assert np.allclose(means, [[0.5, 0.5], [1, 0]])
    assert np.allclose(ev.cosine_matrix(np.array([[1.0, 0], [0, 2.0]])), np.eye(2))
    with pytest.raises(ValueError, match="no word with a vector"):
        ev.mean_vectors(kv, [["zz"]])
    with pytest.raises(ValueError, match="zero vector"):
        ev.cosine_matrix(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="k must be"):
        ev.neighbour_table({"toy": kv}, ["a"], k=0)
    with pytest.raises(ValueError, match="empty"):
        ev.neighbour_table({}, ["a"])


def test_gensim_word2vec_is_reproducible_and_cached(tmp_cache):
    sentences = [["the", "alps", "were", "snowy"], ["the", "andes", "were", "snowy"]] * 50
    first = word2vec.gensim_word2vec(sentences, vector_size=8, min_count=1, epochs=2, verbose=False)
    assert list(tmp_cache.glob("w2v-*.kv"))
    fresh = word2vec.gensim_word2vec(sentences, vector_size=8, min_count=1, epochs=2, cache=False, verbose=False)
    assert np.array_equal(first.vectors, fresh.vectors)
    with pytest.raises(ValueError, match="workers"):
        word2vec.gensim_word2vec(sentences, workers=2)
    with pytest.raises(ValueError, match="no sentence"):
        word2vec.gensim_word2vec([])


def test_heatmaps_and_projection_plots():
    fig = plot_similarity_heatmaps({"x": np.eye(3), "y": np.ones((3, 3))}, ["a", "b", "c"])
    assert [ax.get_title() for ax in fig.axes[:2]] == ["x", "y"]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["a", "b", "c"]
    with pytest.raises(ValueError, match="expected \\(3, 3\\)"):
        plot_similarity_heatmaps({"x": np.eye(2)}, ["a", "b", "c"])
    fig = plot_projection({"pos": [1.0, 2.0], "neg": [-1.0]}, "projection")
    assert fig.axes[0].get_xlabel() == "projection"
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["pos", "neg"]
    with pytest.raises(ValueError, match="empty"):
        plot_projection({}, "x")


def test_analogy_score_counts_covered_questions_and_answers():
    from gensim.models import KeyedVectors

    # capital -> country as one fixed offset: every covered question is answerable.
    kv = KeyedVectors(3)
    offset = np.array([0.0, 0.0, 1.0])
    places = {"athens": [1, 0, 0], "oslo": [0, 1, 0], "paris": [1, 1, 0], "rome": [1, -1, 0]}
    countries = {"greece": "athens", "norway": "oslo", "france": "paris", "italy": "rome"}
    words = list(places) + list(countries)
    vectors = [np.array(places[w], float) for w in places] + [np.array(places[c], float) + offset
                                                             for c in countries.values()]
    kv.add_vectors(words, np.array(vectors, dtype=np.float32))
    score = ev.analogy_score(kv)
    from utils.data import load_analogies

    covered = [q for qs in load_analogies().values() for q in qs if all(w in kv for w in q)]
    assert score.questions_covered == len(covered) >= 12  # at least 4 * 3 ordered capital pairs
    assert score.correct == score.questions_covered and score.accuracy == 1.0
    assert score.questions_total > 19000
    assert "100.0%" in str(score)


@pytest.mark.parametrize("restrict, error", [(0, ValueError), (-5, ValueError), (2.5, TypeError)])
def test_analogy_score_rejects_bad_restriction(restrict, error):
    from gensim.models import KeyedVectors

    with pytest.raises(error, match="restrict_vocab"):
        ev.analogy_score(KeyedVectors(2), restrict_vocab=restrict)


def _notebook_classifier_builder():
    """The function notebook 03 writes out as its classifier (section 3), taken from the notebook itself."""
    import json

    import keras

    path = next((ROOT / "notebooks").glob("03_*.ipynb"))
    cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    source = next("".join(c["source"]) for c in cells if "def text_classifier(" in "".join(c["source"]))
    definition = source[source.index("def text_classifier("):]
    definition = definition[:definition.index("\n\n\n")] if "\n\n\n" in definition else definition
    namespace = {"keras": keras}
    exec(definition, namespace)  # noqa: S102 - the course's own notebook
    return namespace["text_classifier"]


def _layers_config(model) -> list[dict]:
    """Each layer's class and configuration; the input layer's generated name (input_layer_N) is left out."""
    return [{"class_name": layer["class_name"],
             **{k: v for k, v in layer["config"].items()
                if not (k == "name" and layer["class_name"] == "InputLayer")}}
            for layer in model.get_config()["layers"]]


def test_notebook_03_classifier_is_the_model_build_classifier_makes():
    """Notebook 03 writes the classifier in Keras; utils.build_classifier rebuilds it for 06, 07 and the bench."""
    import keras

    text_classifier = _notebook_classifier_builder()
    keras.utils.set_random_seed(0)
    mine = text_classifier(500, 16, 40)
    keras.utils.set_random_seed(0)
    theirs = models.build_classifier(500, 16, n_classes=2, max_len=40)
    assert _layers_config(mine) == _layers_config(theirs)
    embedding = mine.get_layer("embedding")
    assert embedding.mask_zero and embedding.input_dim == 500 and embedding.output_dim == 16
    assert [type(layer).__name__ for layer in mine.layers] == ["Embedding", "GlobalAveragePooling1D", "Dense"]
    assert mine.count_params() == theirs.count_params() == 500 * 16 + 16 + 1
    for a, b in zip(mine.get_weights(), theirs.get_weights()):
        assert np.array_equal(a, b), "same seed, same initial weights"
    assert mine.loss == theirs.loss
    assert ({k: v for k, v in mine.optimizer.get_config().items() if k != "name"}
            == {k: v for k, v in theirs.optimizer.get_config().items() if k != "name"})


def _planted_valence(n=120, dim=12, seed=0):
    """Words whose first coordinate carries a made-up rating, plus noise; and a ratings dict."""
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(n)]
    rating = rng.uniform(-3.5, 3.5, n)
    vectors = rng.normal(size=(n, dim))
    vectors[:, 0] += 2 * rating
    return models.keyed_vectors(vectors, words), dict(zip(words, rating))


def test_probe_interval_is_out_of_fold_accuracy_with_an_interval():
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(60)]
    labels = np.repeat([0, 1], 30)
    good = ev.probe_interval(models.keyed_vectors(rng.normal(size=(60, 8)) + 3 * labels[:, None], words), words, labels)
    noise = ev.probe_interval(models.keyed_vectors(rng.normal(size=(60, 8)), words), words, labels)
    assert good.n == 60 and good.low <= good.estimate <= good.high
    assert good.estimate >= 0.9 and good.above(noise)
    assert noise.low < 0.5 + 0.1 and noise.estimate < 0.75
    kv = models.keyed_vectors(rng.normal(size=(60, 8)), words)
    assert ev.probe_interval(kv, words, labels, seed=3) == ev.probe_interval(kv, words, labels, seed=3)


def test_valence_probe_finds_planted_ratings_and_the_control_does_not():
    kv, ratings = _planted_valence()
    found = ev.valence_probe(kv, ratings)
    control = ev.valence_probe(ev.norm_matched_random(kv, seed=1), ratings)
    assert found.n_rated_words == 120 and found.n_sign_words == sum(abs(r) >= 1 for r in ratings.values())
    assert found.sign_accuracy.estimate > 0.9 and found.rating_spearman.estimate > 0.8 and found.rating_r2 > 0.5
    assert found.sign_accuracy.above(control.sign_accuracy)
    assert found.rating_spearman.above(control.rating_spearman)
    assert 0.5 <= found.chance < 1 and "sign" in str(found)
    # only the words listed, and ValenceRating-like objects are read by their mean
    subset = ev.valence_probe(kv, {w: type("R", (), {"mean": r})() for w, r in ratings.items()},
                              words=list(ratings)[:60])
    assert subset.n_rated_words == 60


def test_valence_spearman_reads_the_direction_against_vader():
    from gensim.models import KeyedVectors

    from utils.data import load_vader_lexicon

    ratings = load_vader_lexicon()
    words = ["good", "great", "awful", "bad", "happy", "sad", "terrible", "love", "hate", "nice"]
    kv = KeyedVectors(2)
    kv.add_vectors(words + ["table"], np.array([[ratings[w].mean, 1.0] for w in words] + [[9.0, 9.0]],
                                               dtype=np.float32))
    aligned = ev.valence_spearman(kv, np.array([1.0, 0.0]))
    assert aligned.estimate == 1.0 and aligned.n == len(words), "'table' has no rating and is left out"
    assert ev.valence_spearman(kv, np.array([-1.0, 0.0])).estimate == -1.0


def test_norm_matched_random_keeps_lengths_and_words_only():
    kv, _ = _planted_valence(n=20)
    rand = ev.norm_matched_random(kv, seed=0)
    assert list(rand.index_to_key) == list(kv.index_to_key)
    np.testing.assert_allclose(np.linalg.norm(rand.vectors, axis=1), np.linalg.norm(kv.vectors, axis=1), rtol=1e-5)
    assert abs(np.mean(ev.cosine_matrix(np.stack([rand[w] for w in rand.index_to_key]))[np.triu_indices(20, 1)])) < 0.2
    np.testing.assert_array_equal(ev.norm_matched_random(kv, seed=0).vectors, rand.vectors)


def test_polarity_readout_points_towards_the_positive_words():
    words = ["good", "great", "bad", "awful", "film"]
    kv = models.keyed_vectors(np.array([[1, 0], [1, 0.1], [-1, 0], [-1, 0.1], [0, 1]], dtype=float), words)
    docs = [["good", "film"], ["great"], ["bad", "film"], ["awful", "unknown"], ["nothing", "known"]]
    direction = ev.polarity_readout(kv, docs, [1, 1, 0, 0, 1])
    assert direction.shape == (2,) and direction[0] > 0 and abs(direction[1]) < direction[0]


def test_project_2d_without_normalisation_keeps_lengths():
    v = np.array([[1, 0, 0], [10, 0, 0], [0, 1, 0], [0, 10, 0]], dtype=float)
    unit, raw = plots.project_2d(v, normalize=True), plots.project_2d(v, normalize=False)
    assert np.allclose(unit[0], unit[1]) and not np.allclose(raw[0], raw[1])
    with pytest.raises(TypeError, match="normalize"):
        plots.project_2d(v, normalize="yes")


def test_probe_heatmap_and_benchmark_bars():
    from utils.intervals import Interval
    from utils.plots import plot_benchmark_intervals, plot_probe_heatmap

    ci = Interval(0.8, 0.7, 0.9, 50)
    fig = plot_probe_heatmap({"lab": {("polarity", "task"): ci, ("polarity", "w2v"): 0.5,
                                      ("topic", "task"): 0.2, ("topic", "w2v"): 1.0},
                              "real": {("polarity", "task"): ci, ("topic", "task"): None}})
    assert [ax.get_title() for ax in fig.axes[:2]] == ["lab", "real"]
    texts = [t.get_text() for t in fig.axes[1].texts]
    assert "0.80\n[0.70, 0.90]" in texts and "not\nmeasured" in texts
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["task", "w2v"]
    fig = plot_benchmark_intervals({"WS": {"a": ci, "b": Interval(0.1, -0.1, 0.3, 50)}, "SL": {"a": ci}})
    bars = [p for p in fig.axes[0].patches]
    assert len(bars) == 3 and sorted(round(b.get_height(), 2) for b in bars) == [0.1, 0.8, 0.8]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["WS", "SL"]
