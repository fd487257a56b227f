import numpy as np
import pytest

from tools.paths import ROOT
from utils import word2vec as w2v


def _planted_corpus(seed: int = 0, n_sentences: int = 400):
    """Two word groups that never share a sentence: word2vec must keep them apart."""
    rng = np.random.default_rng(seed)
    groups = [[f"a{i}" for i in range(8)], [f"b{i}" for i in range(8)]]
    return groups, [list(rng.choice(groups[i % 2], size=8)) for i in range(n_sentences)]


def _mean_cosine(kv, left, right):
    return float(np.mean([kv.similarity(a, b) for a in left for b in right if a != b]))


# -- corpus ------------------------------------------------------------------

def test_corpus_drops_rare_words_and_keeps_sentence_ids():
    corpus = w2v.Word2VecCorpus.from_sentences([["x", "y", "x"], ["y", "z", "x"]], min_count=2)
    assert corpus.words == ["", "x", "y"]
    assert corpus.counts.tolist() == [0, 3, 2]
    assert corpus.ids.tolist() == [1, 2, 1, 2, 1]
    assert corpus.sentence.tolist() == [0, 0, 0, 1, 1]
    assert corpus.vocab_size == 3


@pytest.mark.parametrize("bad, error", [("one string", TypeError), ([], ValueError), ([[1, 2]], TypeError)])
def test_corpus_rejects_bad_sentences(bad, error):
    with pytest.raises(error):
        w2v.Word2VecCorpus.from_sentences(bad, min_count=1)


# -- subsampling -------------------------------------------------------------

def test_keep_probabilities_follow_gensims_rule():
    counts = np.array([0, 1000, 10, 1])
    keep = w2v.keep_probabilities(counts, 1e-2)
    threshold = 1e-2 * counts.sum()
    assert keep[0] == 0 and keep[2] == keep[3] == 1.0
    assert keep[1] == pytest.approx((np.sqrt(1000 / threshold) + 1) * threshold / 1000)
    assert np.array_equal(w2v.keep_probabilities(counts, 0), np.ones(4))


@pytest.mark.parametrize("sample", [-0.1, 1.0, "1e-3"])
def test_keep_probabilities_reject_bad_sample(sample):
    with pytest.raises(ValueError, match="sample"):
        w2v.keep_probabilities(np.array([1, 2]), sample)


def test_subsample_drops_frequent_words_more():
    corpus = w2v.Word2VecCorpus.from_sentences([["the"] * 900 + ["rare"] * 10], min_count=1)
    ids, sentence = w2v.subsample(corpus, 0.02, np.random.default_rng(0))
    kept = {w: int((ids == corpus.words.index(w)).sum()) for w in ("the", "rare")}
    assert kept["rare"] == 10 and kept["the"] < 200
    assert len(ids) == len(sentence)


# -- pairs and windows -------------------------------------------------------

def test_skipgram_pairs_stay_inside_window_and_sentence():
    ids = np.arange(10, dtype=np.int32)
    sentence = np.array([0] * 6 + [1] * 4)
    targets, contexts = w2v.skipgram_pairs(ids, sentence, 3, np.random.default_rng(0))
    assert len(targets) == len(contexts) > 0
    assert (np.abs(targets - contexts) <= 3).all() and (targets != contexts).all()
    assert (sentence[targets] == sentence[contexts]).all()


def test_skipgram_pairs_with_window_one_are_the_neighbours():
    ids = np.array([5, 6, 7], dtype=np.int32)
    targets, contexts = w2v.skipgram_pairs(ids, np.zeros(3, int), 1, np.random.default_rng(0))
    assert sorted(zip(targets.tolist(), contexts.tolist())) == [(5, 6), (6, 5), (6, 7), (7, 6)]


def test_dynamic_window_uses_near_words_more_often():
    ids = np.arange(2000, dtype=np.int32)
    targets, contexts = w2v.skipgram_pairs(ids, np.zeros(2000, int), 5, np.random.default_rng(0))
    distance = np.abs(targets - contexts)
    share = [(distance == d).mean() for d in range(1, 6)]
    assert share == sorted(share, reverse=True)
    assert share[0] == pytest.approx(5 / 15, abs=0.02)  # offset 1 is used by all 5 window sizes


def test_cbow_windows_pad_and_respect_sentences():
    ids = np.array([2, 3, 4, 5, 6], dtype=np.int32)
    sentence = np.array([0, 0, 0, 1, 1])
    targets, contexts = w2v.cbow_windows(ids, sentence, 2, np.random.default_rng(0))
    assert contexts.shape == (len(targets), 4)
    for target, row in zip(targets, contexts):
        words = row[row != w2v.PAD_ID]
        assert len(words) > 0
        same = set(ids[sentence == sentence[ids == target][0]]) - {target}
        assert set(words) <= same


@pytest.mark.parametrize("window, error", [(0, ValueError), (-1, ValueError), (2.5, TypeError)])
def test_windows_reject_bad_size(window, error):
    with pytest.raises(error, match="window"):
        w2v.skipgram_pairs(np.arange(3), np.zeros(3), window, np.random.default_rng(0))


def test_pairs_reject_mismatched_arrays():
    with pytest.raises(ValueError, match="same length"):
        w2v.skipgram_pairs(np.arange(3), np.zeros(4), 2, np.random.default_rng(0))


# -- negative sampling -------------------------------------------------------

def test_negatives_never_equal_the_positive_word():
    sampler = w2v.NegativeSampler(np.array([0, 1000, 1, 1]))
    positives = np.full(5000, 1)
    negatives = sampler.sample(positives, 5, np.random.default_rng(0))
    assert negatives.shape == (5000, 5)
    assert not (negatives == 1).any(), "the positive word was drawn as a negative"
    assert not (negatives == 0).any(), "padding has no count and must never be drawn"


def test_negatives_follow_counts_to_the_three_quarters():
    counts = np.array([0, 16, 81, 256])
    sampler = w2v.NegativeSampler(counts)
    expected = counts ** 0.75 / (counts ** 0.75).sum()
    assert np.allclose(sampler.probabilities, expected)
    draws = sampler.sample(np.zeros(200_000, dtype=np.int32), 1, np.random.default_rng(0)).ravel()
    observed = np.bincount(draws, minlength=4) / len(draws)
    assert np.allclose(observed, expected, atol=0.005)


@pytest.mark.parametrize("counts", [np.array([0, 0]), np.array([0, 5]), np.array([[1, 2]]), np.array([1, -2])])
def test_negative_sampler_rejects_bad_counts(counts):
    with pytest.raises(ValueError):
        w2v.NegativeSampler(counts)


# -- models and training -----------------------------------------------------

def test_skipgram_model_scores_candidates_by_dot_product():
    model = w2v.build_skipgram_model(6, 3, 2, jit_compile=False)
    target = model.get_layer("target_embedding")
    context = model.get_layer("context_embedding")
    assert not context.get_weights()[0].any(), "context vectors start at zero, as in gensim"
    rng = np.random.default_rng(0)
    context.set_weights([rng.normal(size=(6, 3)).astype("float32")])
    t, c = target.get_weights()[0], context.get_weights()[0]
    x = {"target": np.array([1, 4]), "candidates": np.array([[2, 3, 5], [0, 1, 2]])}
    logits = np.asarray(model.predict(x, verbose=0))
    assert np.allclose(logits, np.einsum("bd,bkd->bk", t[x["target"]], c[x["candidates"]]), atol=1e-6)


def test_cbow_model_averages_context_ignoring_padding():
    model = w2v.build_cbow_model(6, 3, 1, 2, jit_compile=False)
    rng = np.random.default_rng(0)
    model.get_layer("context_embedding").set_weights([rng.normal(size=(6, 3)).astype("float32")])
    t = model.get_layer("target_embedding").get_weights()[0]
    c = model.get_layer("context_embedding").get_weights()[0]
    x = {"context": np.array([[2, 3, 0, 0]]), "candidates": np.array([[4, 5]])}
    logits = np.asarray(model.predict(x, verbose=0))
    assert np.allclose(logits[0], c[[4, 5]] @ t[[2, 3]].mean(axis=0), atol=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("sg", [1, 0])
def test_train_word2vec_recovers_planted_groups(sg):
    groups, sentences = _planted_corpus()
    kv = w2v.train_word2vec(sentences, sg=sg, vector_size=8, window=2, min_count=1, epochs=5,
                            batch_size=256, learning_rate=0.05, sample=0, verbose=0)
    assert sorted(kv.index_to_key) == sorted(groups[0] + groups[1])
    assert kv.vector_size == 8
    within = (_mean_cosine(kv, groups[0], groups[0]) + _mean_cosine(kv, groups[1], groups[1])) / 2
    across = _mean_cosine(kv, groups[0], groups[1])
    assert within > across + 0.5, (within, across)


@pytest.mark.slow
def test_train_word2vec_is_reproducible_for_a_seed():
    _, sentences = _planted_corpus()
    runs = [w2v.train_word2vec(sentences, vector_size=4, window=2, min_count=1, epochs=1,
                               batch_size=512, seed=seed, verbose=0) for seed in (3, 3, 4)]
    assert np.array_equal(runs[0].vectors, runs[1].vectors)
    assert not np.array_equal(runs[0].vectors, runs[2].vectors)


@pytest.mark.slow
def test_train_word2vec_prints_progress(capsys):
    _, sentences = _planted_corpus(n_sentences=20)
    w2v.train_word2vec(sentences, vector_size=4, window=2, min_count=1, epochs=2, verbose=2)
    out = capsys.readouterr().out
    assert "epoch 1/2" in out and "epoch 2/2" in out and "trained in" in out


@pytest.mark.parametrize("kwargs, match", [
    ({"sg": 2}, "sg"),
    ({"vector_size": 0}, "vector_size"),
    ({"window": -1}, "window"),
    ({"negative": 0}, "negative"),
    ({"epochs": 0}, "epochs"),
    ({"batch_size": 0}, "batch_size"),
    ({"learning_rate": 0}, "learning_rate"),
    ({"sample": 2.0}, "sample"),
    ({"min_count": 0}, "min_count"),
    ({"min_count": 1000}, "min_count"),
    ({"verbose": 5}, "verbose"),
    ({"seed": -1}, "seed"),
])
def test_train_word2vec_rejects_bad_arguments(kwargs, match):
    _, sentences = _planted_corpus(n_sentences=10)
    with pytest.raises(ValueError, match=match):
        w2v.train_word2vec(sentences, **{"min_count": 1, "verbose": 0, **kwargs})


def test_train_word2vec_needs_two_words_in_a_sentence():
    with pytest.raises(ValueError, match="no training example"):
        w2v.train_word2vec([["a"], ["b"]], min_count=1, verbose=0)


def test_power_zero_is_uniform_over_real_words():
    sampler = w2v.NegativeSampler(np.array([0, 1, 100]), power=0.0)
    assert np.allclose(sampler.probabilities, [0, 0.5, 0.5])


@pytest.mark.parametrize("power", [float("nan"), "0.75", None])
def test_negative_sampler_rejects_bad_power(power):
    with pytest.raises(ValueError, match="power"):
        w2v.NegativeSampler(np.array([1, 2]), power=power)


# -- the notebook's models are the helpers' models ---------------------------

def _notebook_functions(*names, notebook="04"):
    """The named functions as notebook ``notebook`` defines them, run from its own source."""
    import ast
    import json

    import keras

    path = next((ROOT / "notebooks").glob(f"{notebook}_*.ipynb"))
    namespace = {"keras": keras, "np": np}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or not any(f"def {n}(" in source for n in names):
            continue
        tree = ast.parse(source)
        defs = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in names]
        exec(compile(ast.Module(body=defs, type_ignores=[]), str(path), "exec"), namespace)
    missing = [n for n in names if n not in namespace]
    assert not missing, f"notebook {notebook} no longer defines {missing}"
    return [namespace[n] for n in names]


def _architecture(model):
    """Each operation's type and configuration, auto-generated op names left out."""
    import keras

    described = []
    for op in model.operations:
        config = dict(op.get_config())
        if not isinstance(op, (keras.layers.InputLayer, keras.layers.Embedding)):
            config.pop("name", None)
        described.append((type(op).__name__, config))
    return described


def test_notebook_skipgram_model_is_the_helpers_model():
    (skipgram_model,) = _notebook_functions("skipgram_model")
    ours = skipgram_model(30, 6, 3, seed=0)
    helper = w2v.build_skipgram_model(30, 6, 3, seed=0, jit_compile=False)
    assert _architecture(ours) == _architecture(helper)
    rng = np.random.default_rng(0)
    weights = [rng.normal(size=w.shape).astype("float32") for w in helper.get_weights()]
    ours.set_weights(weights)
    helper.set_weights(weights)
    x = {"target": rng.integers(1, 30, 5).astype("int32"), "candidates": rng.integers(1, 30, (5, 4)).astype("int32")}
    np.testing.assert_allclose(ours.predict(x, verbose=0), helper.predict(x, verbose=0), atol=1e-6)


def test_notebook_cbow_model_is_the_helpers_model():
    (cbow_model,) = _notebook_functions("cbow_model", notebook="05")
    ours = cbow_model(30, 6, 3, 2, seed=0)
    helper = w2v.build_cbow_model(30, 6, 3, 2, seed=0, jit_compile=False)
    assert _architecture(ours) == _architecture(helper)
    rng = np.random.default_rng(1)
    weights = [rng.normal(size=w.shape).astype("float32") for w in helper.get_weights()]
    ours.set_weights(weights)
    helper.set_weights(weights)
    context = rng.integers(0, 30, (5, 4)).astype("int32")
    context[0] = 0  # an all-padding window
    x = {"context": context, "candidates": rng.integers(1, 30, (5, 4)).astype("int32")}
    np.testing.assert_allclose(ours.predict(x, verbose=0), helper.predict(x, verbose=0), atol=1e-6)


# -- optimizer choice and divergence ----------------------------------------

@pytest.mark.slow
def test_train_word2vec_with_sgd_learns_the_planted_groups():
    groups, sentences = _planted_corpus()
    kv = w2v.train_word2vec(sentences, vector_size=8, window=2, min_count=1, epochs=5, batch_size=256,
                            optimizer="sgd", learning_rate=0.02 * 256 * 6, sample=0, verbose=0)
    within = (_mean_cosine(kv, groups[0], groups[0]) + _mean_cosine(kv, groups[1], groups[1])) / 2
    assert within > _mean_cosine(kv, groups[0], groups[1]) + 0.5


def test_train_word2vec_rejects_unknown_optimizer():
    _, sentences = _planted_corpus(n_sentences=10)
    with pytest.raises(ValueError, match="optimizer"):
        w2v.train_word2vec(sentences, min_count=1, verbose=0, optimizer="rmsprop")


def test_diverged_training_is_reported():
    _, sentences = _planted_corpus(n_sentences=50)
    with pytest.raises(FloatingPointError, match="diverged"):
        w2v.train_word2vec(sentences, vector_size=4, window=2, min_count=1, epochs=1, batch_size=64,
                           optimizer="sgd", learning_rate=1e30, sample=0, verbose=0)



def test_default_epochs_give_every_skipgram_token_enough_fresh_draws():
    from utils.recipes import WIKI_CBOW, WIKI_SKIPGRAM

    assert w2v._default_epochs(1, WIKI_SKIPGRAM["window"]) == WIKI_SKIPGRAM["epochs"]
    assert w2v._default_epochs(1, 1) == 6 and w2v._default_epochs(1, 2) == 5 and w2v._default_epochs(1, 10) == 5
    assert w2v._default_epochs(0, 5) == WIKI_CBOW["epochs"]


def test_train_word2vecs_defaults_are_the_skipgram_recipe():
    """A learner who passes nothing gets the settings the bench chose and checked against gensim."""
    import inspect

    from utils.recipes import WIKI_SKIPGRAM

    defaults = {name: p.default for name, p in inspect.signature(w2v.train_word2vec).parameters.items()
                if p.default is not inspect.Parameter.empty}
    for key, value in WIKI_SKIPGRAM.items():
        if key == "epochs":
            assert defaults["epochs"] is None and w2v._default_epochs(defaults["sg"], defaults["window"]) == value
        else:
            assert defaults[key] == value, key
