"""Asking an embedding what it learned: probes, benchmarks, neighbours, similarities.

Every table of vectors is turned into a gensim ``KeyedVectors`` so that one
set of tools (gensim's own word-pair evaluator, ``most_similar``) serves the
task-trained tables and word2vec alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .arguments import (
    finite_array,
    finite_table,
    integer,
    keras_model,
    non_negative_number,
    one_of,
    probability,
    word_vectors,
)
from .data import (
    analogies_path,
    load_analogies,
    load_simlex999,
    load_vader_lexicon,
    load_wordsim353,
    wordsim353_half,
)
from .intervals import Interval, accuracy_interval, cluster_interval, spearman_interval

__all__ = [
    "ProbeResult",
    "BenchmarkScore",
    "probe_accuracy",
    "probe_interval",
    "ValenceProbe",
    "valence_probe",
    "norm_matched_random",
    "polarity_direction",
    "valence_spearman",
    "polarity_readout",
    "benchmark_score",
    "neighbour_table",
    "mean_vectors",
    "cosine_matrix",
    "AnalogyScore",
    "analogy_score",
]


@dataclass(frozen=True)
class ProbeResult:
    """Cross-validated accuracy of a linear probe, and what guessing would score.

    Returned by :func:`probe_accuracy` (appendix A3, section "Probe scores over repeated folds").
    """

    accuracy: float
    std: float
    chance: float
    n_words: int

    def __str__(self) -> str:
        return f"{self.accuracy:.2f} ± {self.std:.2f} (chance {self.chance:.2f}, {self.n_words} words)"


@dataclass(frozen=True)
class BenchmarkScore:
    """Spearman correlation with human scores over the pairs an embedding covers.

    Returned by :func:`benchmark_score` (notebook 05, section "Scores on public benchmarks, with intervals").
    """

    spearman: float
    pairs_covered: int
    pairs_total: int
    model_scores: tuple[float, ...] = field(default=(), repr=False, compare=False)
    human_scores: tuple[float, ...] = field(default=(), repr=False, compare=False)

    @property
    def coverage(self) -> float:
        return self.pairs_covered / self.pairs_total

    def interval(self, *, level: float = 0.95, seed: int = 0) -> Interval:
        """The Spearman correlation with a bootstrap interval over the covered pairs."""
        if self.pairs_covered < 3:
            raise ValueError(f"only {self.pairs_covered} pairs covered: too few for an interval")
        return spearman_interval(self.model_scores, self.human_scores, level=level, seed=seed)

    def __str__(self) -> str:
        return f"{self.spearman:+.3f} on {self.pairs_covered}/{self.pairs_total} pairs ({self.coverage:.0%})"


def _vectors_for(kv, words: Sequence[str]) -> np.ndarray:
    missing = [w for w in words if w not in kv]
    if missing:
        raise KeyError(f"{len(missing)} word(s) have no vector: {missing[:5]}")
    return np.stack([kv[w] for w in words])


def _probe_model():
    """The course's linear probe: logistic regression on length-normalized vectors."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import Normalizer

    return make_pipeline(Normalizer(), LogisticRegression(max_iter=2000))


def _probe_labels(words: Sequence[str], labels: Sequence, n_splits: int) -> tuple[np.ndarray, np.ndarray]:
    """Check one label per word, two classes or more, each with at least ``n_splits`` words."""
    integer("n_splits", n_splits, 2)
    labels = np.asarray(labels)
    if len(words) != len(labels):
        raise ValueError(f"{len(words)} words but {len(labels)} labels: give one label per word")
    _, counts = np.unique(labels, return_counts=True)
    if len(counts) < 2:
        raise ValueError("a probe needs at least two classes among the labels")
    if counts.min() < n_splits:
        raise ValueError(f"the rarest class has {counts.min()} words, fewer than n_splits={n_splits}; "
                         "add words or lower n_splits")
    return labels, counts


def probe_accuracy(kv, words: Sequence[str], labels: Sequence, *, n_splits: int = 4,
                   n_repeats: int = 5, seed: int = 0) -> ProbeResult:
    """How well a linear classifier recovers ``labels`` from the words' vectors.

    Logistic regression on length-normalized vectors, scored by repeated
    stratified k-fold cross-validation, so every word is predicted by a probe
    that never saw it. ``chance`` is the share of the most frequent label.
    The probe is taught in notebook 03, section "What did the vectors learn? A linear probe" (with
    :func:`probe_interval`); appendix A3, section "Probe scores over repeated folds", calls this.
    """
    from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score

    word_vectors("kv", kv)
    n_repeats, seed = integer("n_repeats", n_repeats, 1), integer("seed", seed, 0)
    labels, counts = _probe_labels(words, labels, n_splits)
    x = _vectors_for(kv, words)
    folds = RepeatedStratifiedKFold(n_splits=n_splits, n_repeats=n_repeats, random_state=seed)
    scores = cross_val_score(_probe_model(), x, labels, cv=folds)
    return ProbeResult(float(scores.mean()), float(scores.std()), float(counts.max() / counts.sum()), len(words))


def probe_interval(kv, words: Sequence[str], labels: Sequence, *, n_splits: int = 4, seed: int = 0,
                   level: float = 0.95) -> Interval:
    """The probe of :func:`probe_accuracy`, as one accuracy with a bootstrap interval over the words.

    Each word is predicted once, by the probe fitted on the other folds
    (stratified ``n_splits``-fold, shuffled with ``seed``); the interval
    resamples these out-of-fold hits and misses
    (:func:`utils.intervals.accuracy_interval`). Taught in notebook 03, section "What did the vectors
    learn? A linear probe"; notebook 06, section "What a linear probe recovers", reads one per table and
    property.
    """
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    word_vectors("kv", kv)
    seed, level = integer("seed", seed, 0), probability("level", level, inclusive=False)
    labels, _ = _probe_labels(words, labels, n_splits)
    x = _vectors_for(kv, words)
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    predicted = cross_val_predict(_probe_model(), x, labels, cv=folds)
    return accuracy_interval(predicted == labels, level=level, seed=seed)


@dataclass(frozen=True)
class ValenceProbe:
    """What linear read-outs recover of human valence ratings from word vectors (:func:`valence_probe`).

    Taught in notebook 06, section "Polarity in word2vec's vectors of real words, against human ratings".
    """

    sign_accuracy: Interval  # out-of-fold accuracy of positive vs negative, words with |rating| >= threshold
    chance: float  # share of the larger sign among those words
    rating_spearman: Interval  # out-of-fold ridge predictions of the rating vs the rating, every rated word
    rating_r2: float  # cross-validated R² of those predictions
    n_sign_words: int
    n_rated_words: int
    min_abs_rating: float

    def __str__(self) -> str:
        return (f"sign {self.sign_accuracy.estimate:.2f} [{self.sign_accuracy.low:.2f}, "
                f"{self.sign_accuracy.high:.2f}] (chance {self.chance:.2f}, {self.n_sign_words} words); "
                f"rating Spearman {self.rating_spearman.estimate:+.2f} [{self.rating_spearman.low:+.2f}, "
                f"{self.rating_spearman.high:+.2f}], R² {self.rating_r2:+.2f} ({self.n_rated_words} words)")


def _rating_value(word: str, rating) -> float:
    """A rating given as a number or as an object with a ``mean`` (e.g. :class:`utils.data.ValenceRating`)."""
    value = rating if isinstance(rating, (int, float, np.number)) else getattr(rating, "mean", None)
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) or not np.isfinite(value):
        raise ValueError(f"the rating of {word!r} is not a finite number: {rating!r}")
    return float(value)


def valence_probe(kv, ratings: Mapping, *, words: Iterable[str] | None = None, min_abs_rating: float = 1.0,
                  n_splits: int = 5, seed: int = 0) -> ValenceProbe:
    """How much of people's valence ratings (e.g. VADER's) a linear read-out finds in word vectors.

    ``ratings`` maps a word to its mean human rating (a number, or a
    :class:`utils.data.ValenceRating` from :func:`utils.load_vader_lexicon`).
    Only words that ``kv`` has count (and, with ``words``, only those listed).
    Two read-outs, both cross-validated so every word is predicted by a model
    that never saw it:

    * **sign**: the :func:`probe_interval` probe for positive vs negative, on
      the words rated at least ``min_abs_rating`` away from neutral (the
      sign of a rating near 0 is mostly rater noise);
    * **rating**: ridge regression (regularisation chosen inside each
      training fold by ``RidgeCV``) on the length-normalized vectors of
      every rated word; its out-of-fold predictions are scored by Spearman
      correlation with the ratings (bootstrap interval over words) and R².

    Notebook 06, section "Polarity in word2vec's vectors of real words".
    """
    from sklearn.linear_model import RidgeCV
    from sklearn.metrics import r2_score
    from sklearn.model_selection import KFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import Normalizer

    if not isinstance(ratings, Mapping) or not ratings:
        raise ValueError("ratings must be a non-empty mapping word -> rating (e.g. utils.load_vader_lexicon())")
    word_vectors("kv", kv)
    min_abs_rating = non_negative_number("min_abs_rating", min_abs_rating)
    integer("n_splits", n_splits, 2)
    integer("seed", seed, 0)
    if isinstance(words, str):
        raise TypeError("words must be a collection of words, not one str")
    wanted = None if words is None else set(words)
    rated = {w: _rating_value(w, r) for w, r in ratings.items() if w in kv and (wanted is None or w in wanted)}
    if len(rated) < 2 * n_splits:
        raise ValueError(f"only {len(rated)} rated word(s) have a vector; need at least {2 * n_splits} "
                         f"for {n_splits}-fold cross-validation")
    all_words = list(rated)
    x = _vectors_for(kv, all_words)
    y = np.array([rated[w] for w in all_words])
    signed = [w for w in all_words if abs(rated[w]) >= min_abs_rating]
    signs = np.where(np.array([rated[w] for w in signed]) > 0, "positive", "negative")
    sign = probe_interval(kv, signed, signs, n_splits=n_splits, seed=seed)
    _, counts = np.unique(signs, return_counts=True)
    ridge = make_pipeline(Normalizer(), RidgeCV(alphas=np.logspace(-3, 3, 13)))
    predicted = cross_val_predict(ridge, x, y, cv=KFold(n_splits=n_splits, shuffle=True, random_state=seed))
    return ValenceProbe(sign, float(counts.max() / counts.sum()), spearman_interval(predicted, y, seed=seed),
                        float(r2_score(y, predicted)), len(signed), len(all_words), float(min_abs_rating))


def polarity_direction(model) -> np.ndarray:
    """The direction in embedding space that raises the score of class 1 (positive), from the output layer.

    For one sigmoid unit it is that unit's weight vector; for a softmax over
    two classes, class 1's weights minus class 0's. With average pooling, a
    word's coordinate along it (its vector dotted with it) is how much the word
    pushes a sentence towards class 1. The output layer is the model's last
    ``Dense`` layer. Taught in notebook 03, section "Which words push a sentence towards positive?"; used
    again in its section "Polarity against human ratings" and in notebook 06's headline figure.
    """
    import keras

    dense = [layer for layer in keras_model("model", model).layers if isinstance(layer, keras.layers.Dense)]
    if not dense:
        raise ValueError("the model has no Dense layer to read a direction from")
    kernel = np.asarray(dense[-1].kernel.numpy(), dtype=float)
    if kernel.shape[1] == 1:
        direction = kernel[:, 0]
    elif kernel.shape[1] == 2:
        direction = kernel[:, 1] - kernel[:, 0]
    else:
        raise ValueError(f"the output layer has {kernel.shape[1]} units; a polarity direction needs 1 or 2")
    if not np.all(np.isfinite(direction)):
        raise ValueError("the output layer holds non-finite weights (did the training diverge?)")
    return direction


def valence_spearman(kv, direction: np.ndarray, *, max_std: float | None = None, seed: int = 0) -> Interval:
    """Spearman correlation between the words' coordinates along ``direction`` and VADER's human ratings.

    The words are those ``kv`` shares with :func:`utils.load_vader_lexicon`
    (``max_std`` as there); the interval is a bootstrap over those words and
    its ``n`` is their number. Taught in notebook 03, section "Polarity
    against human ratings".
    """
    word_vectors("kv", kv)
    integer("seed", seed, 0)
    direction = finite_array("direction", direction, ndim=1).astype(float)
    if direction.shape != (kv.vector_size,):
        raise ValueError(f"direction must have shape ({kv.vector_size},), got {direction.shape}")
    if not np.all(np.isfinite(direction)) or not np.any(direction):
        raise ValueError("direction must be finite and not all zeros")
    ratings = load_vader_lexicon(max_std=max_std)
    words = [w for w in kv.index_to_key if w in ratings]
    if len(words) < 3:
        raise ValueError(f"only {len(words)} word(s) shared with the VADER lexicon: too few for a correlation")
    coordinates = np.stack([kv[w] for w in words]) @ direction
    if not np.all(np.isfinite(coordinates)):
        raise ValueError("the table holds non-finite values (did the training diverge?)")
    return spearman_interval(coordinates, [ratings[w].mean for w in words], seed=seed)


def polarity_readout(kv, docs: Sequence[Sequence[str]], labels: Sequence[int], *, seed: int = 0) -> np.ndarray:
    """The polarity direction a fixed embedding gets from labelled sentences: a read-out of their mean vectors.

    Logistic regression on each sentence's average vector (words without a
    vector are skipped, sentences with none are left out), labels 0
    (negative) and 1 (positive); returns its weight vector, the direction in
    ``kv``'s space that raises the positive score. It is the counterpart, for
    vectors that stay fixed, of :func:`utils.polarity_direction` of a
    classifier that trained its own embedding. Notebook 06, section "The
    headline figure".
    """
    from sklearn.linear_model import LogisticRegression

    word_vectors("kv", kv)
    seed = integer("seed", seed, 0)
    if isinstance(docs, str) or not isinstance(docs, Sequence):
        raise TypeError("docs must be a sequence of token lists")
    labels = np.asarray(labels)
    if len(docs) != len(labels):
        raise ValueError(f"{len(docs)} sentences but {len(labels)} labels: give one label per sentence")
    if not set(np.unique(labels)) <= {0, 1} or len(np.unique(labels)) < 2:
        raise ValueError(f"labels must be 0 (negative) and 1 (positive), both present; got {np.unique(labels)}")
    known = [[t for t in doc if t in kv] for doc in docs]
    keep = [i for i, doc in enumerate(known) if doc]
    if len(np.unique(labels[keep])) < 2:
        raise ValueError("after leaving out sentences without a known word, only one label is left")
    x = mean_vectors(kv, [known[i] for i in keep])
    model = LogisticRegression(max_iter=2000, random_state=seed).fit(x, labels[keep])
    return model.coef_[0].astype(np.float64)


def norm_matched_random(kv, *, seed: int = 0):
    """A control table: random directions, but each word keeps its vector's length.

    Any score a probe gets from this table comes from chance (or from the
    lengths alone: word2vec's lengths track word frequency), so it is the
    floor to compare a real embedding against. Appendix A4 (notebook 06's controls), section "The VADER
    read-outs against null distributions".
    """
    from gensim.models import KeyedVectors

    seed = integer("seed", seed, 0)
    if not isinstance(kv, KeyedVectors) or len(kv) == 0:
        raise TypeError(f"kv must be a non-empty gensim KeyedVectors, got {type(kv).__name__}")
    vectors = np.asarray(word_vectors("kv", kv).vectors, dtype=np.float64)
    directions = np.random.default_rng(seed).standard_normal(vectors.shape)
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    out = KeyedVectors(vectors.shape[1])
    out.add_vectors(list(kv.index_to_key), (directions * np.linalg.norm(vectors, axis=1, keepdims=True))
                    .astype(np.float32))
    return out


def benchmark_score(kv, benchmark: str = "wordsim353", *, common_with: Sequence = ()) -> BenchmarkScore:
    """Spearman correlation between ``kv``'s cosine similarities and human scores.

    ``benchmark`` is ``"wordsim353"`` (relatedness) or ``"simlex999"``
    (similarity); ``"wordsim353_half1"`` and ``"wordsim353_half2"`` are the two
    halves of :func:`utils.data.wordsim353_half`. Only pairs whose two words have vectors count; with
    ``common_with`` (other ``KeyedVectors``), only pairs that *every* one of
    them covers, so that several embeddings are compared on the same pairs.
    On the full set this equals gensim's ``KeyedVectors.evaluate_word_pairs``.

    Taught in notebook 05, section "Scores on public benchmarks, with intervals"; used again in notebook 08,
    section 6, notebook 09, section 2, and in appendices A1, A3, A4 and A6.
    """
    from scipy.stats import spearmanr

    loaders = {"wordsim353": load_wordsim353, "simlex999": load_simlex999,
               "wordsim353_half1": lambda: wordsim353_half(1), "wordsim353_half2": lambda: wordsim353_half(2)}
    pairs = loaders[one_of("benchmark", benchmark, loaders)]()
    word_vectors("kv", kv)
    for i, other in enumerate(common_with):
        word_vectors(f"common_with[{i}]", other)
    everyone = [kv, *common_with]
    covered = [p for p in pairs if all(p.word1 in e and p.word2 in e for e in everyone)]
    if len(covered) < 3:
        return BenchmarkScore(float("nan"), len(covered), len(pairs))
    model_scores = tuple(float(kv.similarity(p.word1, p.word2)) for p in covered)
    human_scores = tuple(float(p.score) for p in covered)
    rho = spearmanr(model_scores, human_scores).statistic
    return BenchmarkScore(float(rho), len(covered), len(pairs), model_scores, human_scores)


@dataclass(frozen=True)
class AnalogyScore:
    """Accuracy on the Google analogy questions whose four words have vectors.

    Returned by :func:`analogy_score` (notebook 05, section "Scores on public benchmarks").
    """

    accuracy: float
    correct: int
    questions_covered: int
    questions_total: int
    right: tuple[bool, ...] = ()  # one per covered question
    first_pairs: tuple[tuple[str, str], ...] = ()  # each covered question's a : b

    def __str__(self) -> str:
        return (f"{self.accuracy:.1%} ({self.correct}/{self.questions_covered} answered questions, "
                f"{self.questions_covered / self.questions_total:.0%} of {self.questions_total})")

    def interval(self, *, level: float = 0.95, seed: int = 0) -> Interval:
        """Accuracy with a bootstrap interval over groups of questions that share their first word pair.

        A table that gets *man : king* right tends to get every question built on it right, so
        the questions are not independent items (:func:`utils.intervals.cluster_interval`).
        """
        return cluster_interval(self.right, [" ".join(p) for p in self.first_pairs], level=level, seed=seed)


def analogy_score(kv, *, restrict_vocab: int = 30000) -> AnalogyScore:
    """Google analogy accuracy (``a : b :: c : ?`` by vector arithmetic), through gensim.

    Uses ``KeyedVectors.evaluate_word_analogies``: questions with a word
    outside the ``restrict_vocab`` most frequent words are skipped (reported
    as coverage), and the answer is searched among those words only.

    Taught in notebook 05, section "Scores on public benchmarks".
    """
    restrict_vocab = integer("restrict_vocab", restrict_vocab, 1)
    word_vectors("kv", kv)
    total = sum(len(q) for q in load_analogies().values())
    _, sections = kv.evaluate_word_analogies(str(analogies_path()), restrict_vocab=restrict_vocab,
                                             case_insensitive=True)
    overall = next(s for s in sections if s["section"] == "Total accuracy")
    correct, covered = len(overall["correct"]), len(overall["correct"]) + len(overall["incorrect"])
    asked = [(q, True) for q in overall["correct"]] + [(q, False) for q in overall["incorrect"]]
    return AnalogyScore(correct / covered if covered else float("nan"), correct, covered, total,
                        tuple(hit for _, hit in asked), tuple((q[0], q[1]) for q, _ in asked))


def neighbour_table(embeddings: Mapping[str, object], queries: Iterable[str], k: int = 5) -> str:
    """Side-by-side nearest neighbours (cosine) of each query word, as printable text.

    Taught in notebook 03, section "A reference: word2vec on the same text"; used again in notebook 05, section
    "Nearest neighbours, side by side" and notebook 06.
    """
    if not embeddings:
        raise ValueError("embeddings is empty: give at least one name -> KeyedVectors")
    k = integer("k", k, 1)
    for name, kv in embeddings.items():
        word_vectors(f"embeddings[{name!r}]", kv)
    if isinstance(queries, str):
        raise TypeError("queries must be a collection of words, not one str")
    lines = []
    width = 12 + 15 * k
    lines.append(f"{'query':<12}" + "".join(f"{name:<{width}}" for name in embeddings))
    for query in queries:
        cells = []
        for kv in embeddings.values():
            if query not in kv:
                cells.append(f"{'(not in vocabulary)':<{width}}")
                continue
            near = kv.most_similar(query, topn=k)
            cells.append(f"{', '.join(f'{w} {s:.2f}' for w, s in near):<{width}}")
        lines.append(f"{query:<12}" + "".join(cells))
    return "\n".join(line.rstrip() for line in lines)


def mean_vectors(kv, sentences: Sequence[Sequence[str]]) -> np.ndarray:
    """Average word vector of each sentence; words without a vector are skipped.

    Taught in notebook 03, section "The polarity direction".
    """
    word_vectors("kv", kv)
    if isinstance(sentences, str):
        raise TypeError("sentences must be a sequence of token lists, not one str")
    out = []
    for i, tokens in enumerate(sentences):
        known = [t for t in tokens if t in kv]
        if not known:
            raise ValueError(f"sentence {i} ({' '.join(tokens)[:40]!r}) has no word with a vector")
        out.append(np.mean([kv[t] for t in known], axis=0))
    return np.stack(out)


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """Pairwise cosine similarities of the rows of ``vectors``.

    Taught in notebook 03, section "The question's picture, redrawn".
    """
    v = finite_table("vectors", vectors).astype(np.float64)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    if (norms == 0).any():
        raise ValueError("a zero vector has no direction: cosine similarity is undefined")
    unit = v / norms
    return unit @ unit.T


