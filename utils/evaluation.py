"""Asking an embedding what it learned: probes, benchmarks, neighbours, similarities.

Every table of vectors is turned into a gensim ``KeyedVectors`` so that one
set of tools (gensim's own word-pair evaluator, ``most_similar``) serves the
task-trained tables and word2vec alike.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .checks import finite_table
from .intervals import Interval, spearman_interval

__all__ = [
    "ProbeResult",
    "BenchmarkScore",
    "keyed_vectors",
    "probe_accuracy",
    "benchmark_score",
    "neighbour_table",
    "mean_vectors",
    "cosine_matrix",
    "gensim_word2vec",
    "AnalogyScore",
    "analogy_score",
    "project_2d",
]


@dataclass(frozen=True)
class ProbeResult:
    """Cross-validated accuracy of a linear probe, and what guessing would score."""

    accuracy: float
    std: float
    chance: float
    n_words: int

    def __str__(self) -> str:
        return f"{self.accuracy:.2f} ± {self.std:.2f} (chance {self.chance:.2f}, {self.n_words} words)"


@dataclass(frozen=True)
class BenchmarkScore:
    """Spearman correlation with human scores over the pairs an embedding covers."""

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


def keyed_vectors(table: np.ndarray, words: Sequence[str]):
    """Wrap rows of an embedding table as gensim ``KeyedVectors``.

    ``words[i]`` names row ``i``; entries that are empty (padding) or
    ``'[UNK]'`` are left out, so they never show up as neighbours.
    """
    from gensim.models import KeyedVectors

    table = finite_table("table", table).astype(np.float32)
    if len(words) != len(table):
        raise ValueError(f"{len(words)} words for a table of {len(table)} rows: give one word per row")
    keep = [i for i, w in enumerate(words) if w and w != "[UNK]"]
    if not keep:
        raise ValueError("no real word to keep: every entry is padding or [UNK]")
    kv = KeyedVectors(table.shape[1])
    kv.add_vectors([words[i] for i in keep], table[keep])
    return kv


def _vectors_for(kv, words: Sequence[str]) -> np.ndarray:
    missing = [w for w in words if w not in kv]
    if missing:
        raise KeyError(f"{len(missing)} word(s) have no vector: {missing[:5]}")
    return np.stack([kv[w] for w in words])


def probe_accuracy(kv, words: Sequence[str], labels: Sequence, *, n_splits: int = 4,
                   n_repeats: int = 5, seed: int = 0) -> ProbeResult:
    """How well a linear classifier recovers ``labels`` from the words' vectors.

    Logistic regression on length-normalized vectors, scored by repeated
    stratified k-fold cross-validation, so every word is predicted by a probe
    that never saw it. ``chance`` is the share of the most frequent label.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import Normalizer

    labels = np.asarray(labels)
    if len(words) != len(labels):
        raise ValueError(f"{len(words)} words but {len(labels)} labels: give one label per word")
    classes, counts = np.unique(labels, return_counts=True)
    if len(classes) < 2:
        raise ValueError("a probe needs at least two classes among the labels")
    if counts.min() < n_splits:
        raise ValueError(f"the rarest class has {counts.min()} words, fewer than n_splits={n_splits}; "
                         "add words or lower n_splits")
    x = _vectors_for(kv, words)
    probe = make_pipeline(Normalizer(), LogisticRegression(max_iter=2000))
    folds = RepeatedStratifiedKFold(n_splits=n_splits, n_repeats=n_repeats, random_state=seed)
    scores = cross_val_score(probe, x, labels, cv=folds)
    return ProbeResult(float(scores.mean()), float(scores.std()), float(counts.max() / counts.sum()), len(words))


def benchmark_score(kv, benchmark: str = "wordsim353", *, common_with: Sequence = ()) -> BenchmarkScore:
    """Spearman correlation between ``kv``'s cosine similarities and human scores.

    ``benchmark`` is ``"wordsim353"`` (relatedness) or ``"simlex999"``
    (similarity). Only pairs whose two words have vectors count; with
    ``common_with`` (other ``KeyedVectors``), only pairs that *every* one of
    them covers, so that several embeddings are compared on the same pairs.
    On the full set this equals gensim's ``KeyedVectors.evaluate_word_pairs``.
    """
    from scipy.stats import spearmanr

    from .data import load_simlex999, load_wordsim353

    loaders = {"wordsim353": load_wordsim353, "simlex999": load_simlex999}
    if benchmark not in loaders:
        raise ValueError(f"benchmark must be one of {sorted(loaders)}, got {benchmark!r}")
    pairs = loaders[benchmark]()
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
    """Accuracy on the Google analogy questions whose four words have vectors."""

    accuracy: float
    correct: int
    questions_covered: int
    questions_total: int

    def __str__(self) -> str:
        return (f"{self.accuracy:.1%} ({self.correct}/{self.questions_covered} answered questions, "
                f"{self.questions_covered / self.questions_total:.0%} of {self.questions_total})")


def analogy_score(kv, *, restrict_vocab: int = 30000) -> AnalogyScore:
    """Google analogy accuracy (``a : b :: c : ?`` by vector arithmetic), through gensim.

    Uses ``KeyedVectors.evaluate_word_analogies``: questions with a word
    outside the ``restrict_vocab`` most frequent words are skipped (reported
    as coverage), and the answer is searched among those words only.
    """
    from .data import analogies_path, load_analogies

    if not isinstance(restrict_vocab, (int, np.integer)) or restrict_vocab < 1:
        raise ValueError(f"restrict_vocab must be a positive int, got {restrict_vocab!r}")
    total = sum(len(q) for q in load_analogies().values())
    _, sections = kv.evaluate_word_analogies(str(analogies_path()), restrict_vocab=restrict_vocab,
                                             case_insensitive=True)
    overall = next(s for s in sections if s["section"] == "Total accuracy")
    correct, covered = len(overall["correct"]), len(overall["correct"]) + len(overall["incorrect"])
    return AnalogyScore(correct / covered if covered else float("nan"), correct, covered, total)


def neighbour_table(embeddings: Mapping[str, object], queries: Iterable[str], k: int = 5) -> str:
    """Side-by-side nearest neighbours (cosine) of each query word, as printable text."""
    if not embeddings:
        raise ValueError("embeddings is empty: give at least one name -> KeyedVectors")
    if not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a positive int, got {k!r}")
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
    """Average word vector of each sentence; words without a vector are skipped."""
    out = []
    for i, tokens in enumerate(sentences):
        known = [t for t in tokens if t in kv]
        if not known:
            raise ValueError(f"sentence {i} ({' '.join(tokens)[:40]!r}) has no word with a vector")
        out.append(np.mean([kv[t] for t in known], axis=0))
    return np.stack(out)


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """Pairwise cosine similarities of the rows of ``vectors``."""
    v = np.asarray(vectors, dtype=np.float64)
    if v.ndim != 2:
        raise ValueError(f"vectors must be 2-D, got shape {v.shape}")
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    if (norms == 0).any():
        raise ValueError("a zero vector has no direction: cosine similarity is undefined")
    unit = v / norms
    return unit @ unit.T


def _corpus_fingerprint(sentences: Sequence[Sequence[str]]) -> str:
    digest = hashlib.sha1()
    for tokens in sentences:
        digest.update(" ".join(tokens).encode())
        digest.update(b"\n")
    return digest.hexdigest()[:12]


def gensim_word2vec(sentences: Sequence[Sequence[str]], *, cache: bool = True, verbose: bool = True,
                    **params):
    """Train gensim ``Word2Vec`` reproducibly (one worker, fixed seed); return its ``KeyedVectors``.

    ``params`` are gensim's (``vector_size``, ``window``, ``sg``, ``epochs``...;
    ``seed`` defaults to 0). One worker thread makes the vectors identical run
    to run, at the cost of speed. With ``cache`` the vectors are saved in the
    data cache, keyed by the text and the parameters, and reloaded next time.
    """
    from gensim.models import KeyedVectors, Word2Vec

    from .data import cache_dir

    if not sentences:
        raise ValueError("no sentence to train on")
    if "workers" in params:
        raise ValueError("workers is fixed to 1 here so that the vectors are reproducible")
    params = {"seed": 0, **params}
    key = hashlib.sha1(json.dumps(params, sort_keys=True).encode()).hexdigest()[:10]
    path = cache_dir() / f"w2v-{_corpus_fingerprint(sentences)}-{key}.kv"
    if cache and path.is_file():
        return KeyedVectors.load(str(path))
    if verbose:
        n_tokens = sum(map(len, sentences))
        print(f"Training gensim word2vec on {n_tokens:,} tokens ({params})...", flush=True)
    model = Word2Vec(sentences, workers=1, **params)
    if cache:
        model.wv.save(str(path))
    return model.wv


def project_2d(vectors: np.ndarray, method: str = "pca", *, seed: int = 0) -> np.ndarray:
    """2-D coordinates of ``vectors`` for a map, with scikit-learn.

    ``"pca"`` keeps the two directions of largest variance (distances along
    them are meaningful); ``"tsne"`` keeps neighbourhoods (clusters are
    meaningful, distances between clusters are not). Vectors are scaled to
    unit length first, so the maps show cosine structure.
    """
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    v = np.asarray(vectors, dtype=np.float64)
    if v.ndim != 2 or len(v) < 3:
        raise ValueError(f"vectors must be 2-D with at least 3 rows, got shape {v.shape}")
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    if (norms == 0).any():
        raise ValueError("a zero vector has no direction; remove it before projecting")
    v = v / norms
    if method == "pca":
        return PCA(n_components=2, random_state=seed).fit_transform(v)
    if method == "tsne":
        perplexity = min(15.0, (len(v) - 1) / 3)
        return TSNE(n_components=2, perplexity=perplexity, init="pca", random_state=seed).fit_transform(v)
    raise ValueError(f"method must be 'pca' or 'tsne', got {method!r}")
