"""Bootstrap and seed intervals: coverage of a known truth, determinism, refusals."""

import numpy as np
import pytest

from utils import accuracy_interval, bootstrap_interval, seed_interval, spearman_interval
from utils.intervals import Interval


def test_spearman_interval_contains_the_estimate_and_narrows_with_more_pairs():
    rng = np.random.default_rng(0)
    x = rng.normal(size=400)
    y = x + rng.normal(size=400)
    small, large = spearman_interval(x[:50], y[:50]), spearman_interval(x, y)
    for ci in (small, large):
        assert ci.low <= ci.estimate <= ci.high
    assert large.high - large.low < small.high - small.low


def test_intervals_are_the_same_on_every_call():
    rng = np.random.default_rng(1)
    correct = rng.random(60) < 0.7
    assert accuracy_interval(correct) == accuracy_interval(correct)
    x = rng.normal(size=60)
    y = x + rng.normal(size=60)
    assert spearman_interval(x, y, seed=1) == spearman_interval(x, y, seed=1)
    assert spearman_interval(x, y, seed=1) != spearman_interval(x, y, seed=2)


def test_accuracy_interval_covers_the_true_rate_most_of_the_time():
    rng = np.random.default_rng(2)
    hits = sum(ci.low <= 0.7 <= ci.high
               for ci in (accuracy_interval(rng.random(80) < 0.7, n_resamples=500, seed=i) for i in range(60)))
    assert hits >= 50, f"a 95% interval covered the truth {hits}/60 times"


def test_seed_interval_is_a_t_interval():
    ci = seed_interval([1.0, 2.0, 3.0])
    assert ci.estimate == 2.0 and ci.n == 3
    assert ci.high - 2.0 == pytest.approx(4.302653 * 1 / np.sqrt(3), rel=1e-5)


def test_constant_items_give_a_point_bootstrap_but_a_perfect_accuracy_keeps_room_below_one():
    ci = bootstrap_interval(lambda x: float(np.mean(x)), [1.0] * 10)
    assert (ci.low, ci.estimate, ci.high) == (1.0, 1.0, 1.0)
    perfect = accuracy_interval([True] * 10)
    # Wilson's interval for 10 out of 10 at 95%: [0.722, 1.0] (Agresti & Coull's table)
    assert perfect.estimate == perfect.high == 1.0 and perfect.low == pytest.approx(0.7225, abs=1e-3)
    none_right = accuracy_interval([False] * 40)
    assert none_right.low == 0.0 and 0.05 < none_right.high < 0.1


def test_separation_rule():
    a, b, c = Interval(0.5, 0.4, 0.6, 10), Interval(0.8, 0.65, 0.9, 10), Interval(0.6, 0.55, 0.7, 10)
    assert a.separated_from(b) and b.above(a) and not a.above(b)
    assert not a.separated_from(c)


@pytest.mark.parametrize("call, message", [
    (lambda: bootstrap_interval(np.mean), "at least one sample"),
    (lambda: bootstrap_interval(np.mean, [1, 2]), "at least 3 items"),
    (lambda: spearman_interval([1, 2, 3], [1, 2]), "equally long"),
    (lambda: accuracy_interval([True, False, True], n_resamples=5), "n_resamples"),
    (lambda: accuracy_interval([True, False, True], level=95), "level"),
    (lambda: seed_interval([0.5]), "at least 2 seeds"),
    (lambda: seed_interval([0.5, float("nan")]), "diverge"),
])
def test_bad_input_is_refused_with_a_reason(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_vectorized_spearman_equals_scipys_spearmanr_and_the_slow_bootstrap():
    from scipy.stats import spearmanr

    from utils.intervals import _spearman

    rng = np.random.default_rng(3)
    x, y = rng.normal(size=80), rng.integers(0, 5, size=80).astype(float)  # ties in y
    assert _spearman(x, y) == pytest.approx(spearmanr(x, y).statistic, abs=1e-12)
    fast = spearman_interval(x, y, n_resamples=300)
    slow = bootstrap_interval(lambda a, b: spearmanr(a, b).statistic, x, y, n_resamples=300)
    assert (fast.low, fast.high) == pytest.approx((slow.low, slow.high), abs=1e-9)


def test_a_cluster_bootstrap_is_wider_than_one_over_items_when_clusters_move_together():
    from utils.intervals import cluster_interval

    rng = np.random.default_rng(0)
    clusters = np.repeat(np.arange(50), 20)  # 50 groups of 20 items that are all right or all wrong
    right = rng.random(50)[clusters] > 0.5
    grouped, single = cluster_interval(right, clusters), accuracy_interval(right)
    assert grouped.estimate == single.estimate
    assert grouped.high - grouped.low > 3 * (single.high - single.low)
    assert cluster_interval(right, clusters) == cluster_interval(right, clusters), "a fixed seed: the same interval"
    with pytest.raises(ValueError, match="one cluster per value"):
        cluster_interval(right, clusters[:-1])
