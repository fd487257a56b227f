"""Uncertainty for scores measured on small data: bootstrap intervals over items, spreads over seeds.

The course ranks two scores only when their intervals separate. Items
(benchmark pairs, test sentences, words) are resampled with replacement by
``scipy.stats.bootstrap`` (percentile method, a fixed seed, so the interval is
the same on every run); scores over several training seeds get a Student-t
interval of their mean. Taught first in notebook 00, sections "A 95% bootstrap
interval" and "Overlapping intervals do not mean equal".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .arguments import flag, function, integer, probability

__all__ = ["Interval", "bootstrap_interval", "spearman_interval", "spearman_difference_interval",
           "accuracy_interval", "wilson_interval", "cluster_interval",
           "seed_interval"]


@dataclass(frozen=True)
class Interval:
    """A point estimate with a ``level`` confidence interval ``[low, high]`` from ``n`` items (or seeds).

    What every interval helper returns; first printed in notebook 03, section "A real sentiment task: movie-review
    sentences".
    """

    estimate: float
    low: float
    high: float
    n: int
    level: float = 0.95

    def __str__(self) -> str:
        return f"{self.estimate:+.3f} [{self.low:+.3f}, {self.high:+.3f}] (n={self.n})"

    def as_list(self, digits: int = 3) -> list[float]:
        """``[low, high]`` rounded, as the bench JSON stores it."""
        return [round(self.low, digits), round(self.high, digits)]

    def separated_from(self, other: Interval) -> bool:
        """True when the two intervals do not overlap (the course's rule for ranking two scores)."""
        return self.low > other.high or other.low > self.high

    def above(self, other: Interval) -> bool:
        """True when this interval lies entirely above ``other``."""
        return self.low > other.high


def _check_level(level: float) -> None:
    probability("level", level, inclusive=False)


def bootstrap_interval(statistic: Callable[..., float], *samples: Sequence, n_resamples: int = 2000,
                       level: float = 0.95, seed: int = 0, vectorized: bool = False) -> Interval:
    """Percentile bootstrap interval of ``statistic(*samples)``, resampling items (paired across samples).

    ``samples`` are equally long sequences whose ``i``-th entries belong to
    the same item (a benchmark pair's model score and human score, say).
    With ``vectorized=True``, ``statistic`` takes an ``axis`` argument and is
    computed for all resamples at once (much faster; same result).

    Used by the other interval helpers (:func:`spearman_interval`, :func:`accuracy_interval`), which notebooks 03 to
    07 call.
    """
    from scipy.stats import bootstrap

    _check_level(level)
    function("statistic", statistic)
    integer("seed", seed, 0)
    flag("vectorized", vectorized)
    if not samples:
        raise ValueError("give at least one sample to resample")
    arrays = [np.asarray(s, dtype=float) for s in samples]
    n = len(arrays[0])
    if any(len(a) != n for a in arrays):
        raise ValueError(f"samples must be equally long (paired items), got lengths {[len(a) for a in arrays]}")
    if n < 3:
        raise ValueError(f"a bootstrap interval needs at least 3 items, got {n}")
    integer("n_resamples", n_resamples, 100)
    estimate = float(statistic(*arrays))
    if len(np.unique(np.stack(arrays), axis=1).T) == 1:  # every item the same: nothing to resample
        return Interval(estimate, estimate, estimate, n, level)
    result = bootstrap(tuple(arrays), statistic, paired=True, vectorized=vectorized, n_resamples=int(n_resamples),
                       confidence_level=level, method="percentile", rng=np.random.default_rng(seed))
    ci = result.confidence_interval
    return Interval(estimate, float(ci.low), float(ci.high), n, level)


def _spearman(x: np.ndarray, y: np.ndarray, axis: int = -1):
    """Spearman's rho along ``axis``: Pearson's correlation of the ranks (ties share their mean rank)."""
    from scipy.stats import rankdata

    rx, ry = rankdata(x, axis=axis), rankdata(y, axis=axis)
    rx = rx - rx.mean(axis=axis, keepdims=True)
    ry = ry - ry.mean(axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):  # a resample of all-equal scores has no rank order
        return (rx * ry).sum(axis=axis) / np.sqrt((rx * rx).sum(axis=axis) * (ry * ry).sum(axis=axis))


def _mean(x: np.ndarray, axis: int = -1):
    return np.mean(x, axis=axis)


def spearman_interval(x: Sequence[float], y: Sequence[float], **kwargs) -> Interval:
    """Spearman correlation of paired scores, with a bootstrap interval over the pairs.

    Taught in notebook 00, section "A 95% bootstrap interval"; used again in notebook 06, section "The headline
    figure: the lab corpus and real words", and in appendices A3 and A6.
    """
    return bootstrap_interval(_spearman, x, y, vectorized=True, **kwargs)


def spearman_difference_interval(x1: Sequence[float], x2: Sequence[float], y: Sequence[float], **kwargs) -> Interval:
    """Spearman(x1, y) minus Spearman(x2, y) on the same items, with a paired bootstrap interval.

    Each resample draws the same items for both scores, so what the two have in common (which pairs
    are easy, which are hard) cancels: this interval is narrower than the two separate ones suggest.
    Taught in notebook 00, section "Overlapping intervals do not mean equal".
    """
    def difference(a, b, c, axis=-1):
        return _spearman(a, c, axis=axis) - _spearman(b, c, axis=axis)

    return bootstrap_interval(difference, x1, x2, y, vectorized=True, **kwargs)


def wilson_interval(hits: int, n: int, level: float = 0.95) -> Interval:
    """Share ``hits / n`` with Wilson's score interval for a proportion.

    Used by :func:`accuracy_interval` when every item is right (or every one wrong): a bootstrap
    of such a score only redraws perfect samples and returns ``[1, 1]``, while ``n`` hits out of
    ``n`` still leave room for a true rate a little below 1.
    """
    from scipy.stats import norm

    _check_level(level)
    z = float(norm.ppf((1 + level) / 2))
    share = hits / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = 0.0 if hits == 0 else float(centre - half)
    high = 1.0 if hits == n else float(centre + half)  # exact ends: the formula lands a rounding away
    return Interval(share, low, high, n, level)


def accuracy_interval(correct: Sequence[bool], **kwargs) -> Interval:
    """Share of ``True`` in ``correct`` (one entry per test item), with a bootstrap interval over items.

    A score of exactly 0 or 1 gets Wilson's interval instead (:func:`wilson_interval`), since every
    resample of it is the same. Taught in notebook 00, section 4; used from notebook 03 on.
    """
    correct = np.asarray(correct, dtype=bool)
    if correct.ndim == 1 and len(correct) >= 3 and (correct.all() or not correct.any()):
        return wilson_interval(int(correct.sum()), len(correct), kwargs.get("level", 0.95))
    return bootstrap_interval(_mean, correct, vectorized=True, **kwargs)


def cluster_interval(values: Sequence[float], clusters: Sequence[int], *, n_resamples: int = 2000,
                     level: float = 0.95, seed: int = 0) -> Interval:
    """Mean of ``values`` with a bootstrap interval that resamples whole clusters, not single items.

    Items of one cluster (analogy questions that share their first word pair, say) tend to be
    right or wrong together; resampling them one by one would give too narrow an interval.
    Taught in appendix A6, section 2; used by :meth:`utils.evaluation.AnalogyScore.interval`.
    """
    _check_level(level)
    values = np.asarray(values, dtype=float)
    _, clusters = np.unique(np.asarray(clusters), return_inverse=True)
    if values.shape != clusters.shape or values.ndim != 1:
        raise ValueError(f"give one cluster per value, got {values.shape} values and {clusters.shape} clusters")
    sums, sizes = np.bincount(clusters, weights=values), np.bincount(clusters)
    if len(sizes) < 3:
        raise ValueError(f"a cluster bootstrap needs at least 3 clusters, got {len(sizes)}")
    draws = np.random.default_rng(seed).multinomial(len(sizes), np.full(len(sizes), 1 / len(sizes)),
                                                    int(n_resamples))
    low, high = np.quantile(draws @ sums / (draws @ sizes), [(1 - level) / 2, (1 + level) / 2])
    return Interval(float(values.mean()), float(low), float(high), len(values), level)


def seed_interval(values: Sequence[float], level: float = 0.95) -> Interval:
    """Mean of one score over training seeds, with a Student-t interval (needs at least 2 seeds).

    Taught in notebook 07, section "Learning curves on the lab topic task"; used again in appendices A3 to A6.
    """
    from scipy.stats import t

    _check_level(level)
    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or len(values) < 2:
        raise ValueError(f"give the score of at least 2 seeds as a 1-D sequence, got shape {values.shape}")
    if not np.all(np.isfinite(values)):
        raise ValueError("a score is not finite (did a training diverge?)")
    mean = float(values.mean())
    half = float(t.ppf((1 + level) / 2, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values)))
    return Interval(mean, mean - half, mean + half, len(values), level)
