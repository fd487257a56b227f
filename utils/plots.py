"""Figures in one consistent style. Each function returns the Figure without showing it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .arguments import finite_array, finite_table, flag, integer, one_of, word_vectors
from .intervals import Interval

__all__ = ["plot_one_hot_lookup", "plot_lookup_cost", "plot_train_step_cost", "plot_history", "plot_vectors_2d",
           "plot_similarity_heatmaps", "plot_projection", "plot_embedding_maps", "plot_learning_curves",
           "plot_probe_heatmap", "plot_score_intervals", "plot_benchmark_intervals", "project_2d"]

_FIGSIZE_ROW = (9.0, 3.4)
_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#7f7f7f")


def _figure(ncols: int, figsize=_FIGSIZE_ROW):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, ncols, figsize=figsize, dpi=80, layout="constrained")
    return fig, np.atleast_1d(axes)


def plot_one_hot_lookup(W: np.ndarray, index: int, words: Sequence[str] | None = None,
                        ) -> matplotlib.figure.Figure:  # noqa: F821
    """Diagram of ``one_hot(index) @ W == W[index]``: the one-hot row, the matrix with that row marked, the result.

    Taught in notebook 01, section 2 ("One-hot times a matrix selects rows").
    ``words`` labels the rows of ``W`` (one per row) when given.
    """
    import matplotlib.patches as patches
    import matplotlib.pyplot as plt

    W = finite_table("W", W).astype(float)
    if W.size == 0:
        raise ValueError(f"W must be a non-empty (vocab_size, dim) matrix, got shape {W.shape}")
    vocab_size, dim = W.shape
    if not isinstance(index, (int, np.integer)) or isinstance(index, bool) or not 0 <= index < vocab_size:
        raise ValueError(f"index must be an int in 0 … {vocab_size - 1}, got {index!r}")
    if words is not None and len(words) != vocab_size:
        raise ValueError(f"words must give one label per row of W ({vocab_size}), got {len(words)}")
    labels = [w or "<pad>" for w in words] if words is not None else [str(i) for i in range(vocab_size)]
    one_hot = np.zeros((1, vocab_size))
    one_hot[0, index] = 1.0
    limit = float(np.abs(W).max()) or 1.0
    fig = plt.figure(figsize=(9.0, 3.6), dpi=80, layout="constrained")
    grid = fig.add_gridspec(1, 5, width_ratios=[vocab_size, 0.6, dim, 0.6, dim])
    ax_h, ax_x, ax_w, ax_eq, ax_r = (fig.add_subplot(grid[0, i]) for i in range(5))
    ax_h.imshow(one_hot, cmap="Greys", vmin=0, vmax=1, aspect="equal")
    ax_h.set(title="one-hot row", yticks=[], xticks=range(vocab_size))
    ax_h.set_xticklabels(labels, rotation=90, fontsize=8)
    ax_h.add_patch(patches.Rectangle((index - 0.5, -0.5), 1, 1, fill=False, edgecolor=_COLORS[1], linewidth=2.5))
    ax_w.imshow(W, cmap="coolwarm", vmin=-limit, vmax=limit, aspect="equal")
    ax_w.set(title="W  (vocab_size × dim)", xticks=range(dim), yticks=range(vocab_size))
    ax_w.set_yticklabels(labels, fontsize=8)
    ax_w.add_patch(patches.Rectangle((-0.5, index - 0.5), dim, 1, fill=False, edgecolor=_COLORS[1], linewidth=2.5))
    ax_r.imshow(W[index:index + 1], cmap="coolwarm", vmin=-limit, vmax=limit, aspect="equal")
    ax_r.set(title=f"= row {index} of W", xticks=range(dim), yticks=[])
    for ax, sign in ((ax_x, "×"), (ax_eq, "=")):
        ax.axis("off")
        ax.text(0.5, 0.5, sign, fontsize=22, ha="center", va="center", transform=ax.transAxes)
    return fig


def plot_lookup_cost(costs: Sequence) -> matplotlib.figure.Figure:  # noqa: F821
    """Two log-log panels: time per batch and input size, one-hot route vs lookup.

    Taught in notebook 01, section 4. ``costs`` is the list returned by :func:`utils.costs.measure_lookup_cost`.
    """
    if not costs:
        raise ValueError("no measurements to plot: costs is empty")
    vocab = [c.vocab_size for c in costs]
    fig, (ax_t, ax_m) = _figure(2)
    ax_t.plot(vocab, [c.onehot_seconds * 1e3 for c in costs], "o-", color=_COLORS[1],
              label="one-hot @ W  (Dense)")
    ax_t.plot(vocab, [c.lookup_seconds * 1e3 for c in costs], "s-", color=_COLORS[0],
              label="W[ids]  (Embedding)")
    ax_t.set(xscale="log", yscale="log", xlabel="vocabulary size",
             ylabel="ms per batch", title="Time for one batch of ids")
    ax_m.plot(vocab, [c.onehot_input_bytes / 2**20 for c in costs], "o-", color=_COLORS[1],
              label="one-hot matrix")
    ax_m.plot(vocab, [c.lookup_input_bytes / 2**20 for c in costs], "s-", color=_COLORS[0],
              label="integer ids")
    ax_m.set(xscale="log", yscale="log", xlabel="vocabulary size",
             ylabel="MiB", title="Size of the layer's input")
    from matplotlib.ticker import FuncFormatter, LogLocator

    plain = FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:g}")
    ax_t.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))  # more labelled ticks: 0.2, 0.5, 1, 2 ...
    for ax in (ax_t, ax_m):
        ax.xaxis.set_major_formatter(plain)  # 1,000 rather than 10^3
        ax.yaxis.set_major_formatter(plain)
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(fontsize=9)
    return fig


def plot_train_step_cost(cost) -> matplotlib.figure.Figure:  # noqa: F821
    """Log-log lines of one training step's time against the vocabulary size, one line per optimizer.

    Taught in notebook 01, section 5. ``cost`` is the
    :class:`utils.costs.TrainStepCost` returned by :func:`utils.costs.measure_train_step_cost`.
    """
    seconds = getattr(cost, "seconds", None)
    if not isinstance(seconds, Mapping) or not seconds:
        raise ValueError("cost must be the TrainStepCost returned by measure_train_step_cost, with measurements")
    fig, (ax,) = _figure(1, figsize=(6.0, 3.6))
    markers = "osD^v"
    for i, (name, by_size) in enumerate(seconds.items()):
        sizes = sorted(by_size)
        ax.plot(sizes, [by_size[v] * 1e3 for v in sizes], marker=markers[i % len(markers)],
                color=_COLORS[i % len(_COLORS)], label=name)
    ax.set(xscale="log", yscale="log", xlabel="vocabulary size (rows of the table)",
           ylabel="ms per training step", title="One training step: Embedding + Dense head")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=9)
    return fig


def plot_history(history: Mapping[str, Sequence[float]] | object,
                 metrics: Sequence[str] = ("loss",)) -> matplotlib.figure.Figure:  # noqa: F821
    """Training (and validation, when present) curves, one panel per metric.

    First used in notebook 02, section 4 ("A tiny model"), and again in notebook 03.

    ``history`` is a ``keras.callbacks.History`` or its ``.history`` dict.
    """
    logs = getattr(history, "history", history)
    if not isinstance(logs, Mapping):
        raise TypeError("history must be a keras History or a dict of metric lists, "
                        f"got {type(history).__name__}")
    missing = [m for m in metrics if m not in logs]
    if missing:
        raise ValueError(f"metric(s) {missing} not in the history; it has {sorted(logs)}")
    fig, axes = _figure(len(metrics), figsize=(4.5 * len(metrics), 3.2))
    for ax, metric in zip(axes, metrics):
        epochs = np.arange(1, len(logs[metric]) + 1)
        ax.plot(epochs, logs[metric], "o-", color=_COLORS[0], ms=3, label="training")
        if f"val_{metric}" in logs:
            ax.plot(epochs, logs[f"val_{metric}"], "s--", color=_COLORS[1], ms=3, label="validation")
        ax.set(xlabel="epoch", ylabel=metric, title=metric.replace("_", " "))
        ax.set_xticks(epochs)  # whole epochs only: there is no epoch 1.5
        if metric.endswith("accuracy"):
            ax.set_ylim(min(0.0, ax.get_ylim()[0]), 1.02)  # from zero, so that a small rise does not look steep
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=9)
    return fig


def _group_styles(names: list[str], color: Mapping[str, str], highlight: Sequence[str],
                  styles: Mapping[str, Mapping]) -> dict[str, dict]:
    """Scatter settings per group: highlighted groups large and outlined, the others faded, then ``styles``."""
    for option, chosen in (("highlight", highlight), ("styles", styles)):
        unknown = set(chosen) - set(names)
        if unknown:
            raise ValueError(f"{option} names groups that have no word: {sorted(unknown)}")
    faded = dict(s=16, alpha=0.45) if highlight else dict(s=25)
    big = dict(s=70, edgecolors="black", linewidths=0.8, zorder=3)
    return {g: {"color": color[g], **(big if g in highlight else faded), **styles.get(g, {})} for g in names}


def plot_vectors_2d(
    panels: Mapping[str, np.ndarray],
    words: Sequence[str],
    groups: Sequence[str],
    *,
    annotate: bool | Sequence[str] = True,
    axis_labels: tuple[str, str] = ("dimension 1", "dimension 2"),
    highlight: Sequence[str] = (),
    styles: Mapping[str, Mapping] | None = None,
    label_points: bool = False,
) -> matplotlib.figure.Figure:  # noqa: F821
    """Scatter 2-D word vectors, one panel per entry of ``panels``, coloured by group.

    ``panels`` maps a title to an ``(n_words, 2)`` array; ``words`` labels the
    points and ``groups`` (one per word) picks their colour and legend entry.
    ``annotate``: label every point (``True``), none (``False``), or only the
    words listed, when labelling all of them would be unreadable.
    ``highlight``: groups drawn last, larger and outlined, over the other groups (drawn small and faded),
    so that a few groups stay visible where many points overlap.
    ``styles``: matplotlib scatter settings per group over the defaults (``{"unseen": {"marker": "^"}}``).
    ``label_points``: ring each labelled dot on top, and keep labels clear of all dots and leader lines.

    Labels never overlap or leave their panel; one set away from its point gets a thin leader line.
    Taught in notebook 02, section "A tiny model: the embedding is trained by the task's loss"; used in 05.
    """
    _check_vector_panels(panels, words, groups)
    names = list(dict.fromkeys(groups))
    color = {g: _COLORS[i % len(_COLORS)] for i, g in enumerate(names)}
    fig, axes = _figure(len(panels), figsize=(4.5 * len(panels), 4.4))
    shown = set(words) if annotate is True else set(annotate or ())
    group_style = _group_styles(names, color, highlight, dict(styles or {}))
    for ax, (title, xy) in zip(axes, panels.items()):
        xy = np.asarray(xy)
        for g in names:
            idx = [i for i, gg in enumerate(groups) if gg == g]
            ax.scatter(xy[idx, 0], xy[idx, 1], label=g, **group_style[g])
        if label_points:  # each labelled dot again, on top and ringed, so that no other dot hides it
            on_top = [i for i, w in enumerate(words) if w in shown]
            ax.scatter(*xy[on_top].T, color=[color[groups[i]] for i in on_top], s=36, edgecolors="black",
                       linewidths=1.4, zorder=4)
        ax.set(title=title, xlabel=axis_labels[0], ylabel=axis_labels[1])
        ax.grid(True, alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(names), 4), fontsize=9)
    if shown:
        fig.canvas.draw()  # fix the layout first: the labels are placed in display coordinates
        place = _place_labels_clear if label_points else _place_labels
        for ax, xy in zip(axes, panels.values()):
            place(ax, np.asarray(xy), [(i, w) for i, w in enumerate(words) if w in shown])
    return fig


def _check_vector_panels(panels: Mapping, words: Sequence[str], groups: Sequence[str]) -> None:
    """What :func:`plot_vectors_2d` draws: one group per word, and each panel a finite ``(n_words, 2)`` array."""
    if not panels:
        raise ValueError("panels is empty: give at least one title -> (n, 2) array")
    if len(words) != len(groups):
        raise ValueError(f"{len(words)} words but {len(groups)} groups: give one group per word")
    for title, xy in panels.items():
        xy = finite_table(f"panel {title!r}", xy)
        if xy.shape != (len(words), 2):
            raise ValueError(f"panel {title!r} has shape {xy.shape}, expected ({len(words)}, 2)")


# Where a label may go, in points from its point: close first, then further out in eight directions.
_LABEL_OFFSETS = [(dx * r, dy * r) for r in (4, 12, 22, 34, 48)
                  for dx, dy in ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))]


def _candidate_label(ax, renderer, frame, point, word: str, dx: float, dy: float):
    """The style and box of ``word`` set ``(dx, dy)`` points from ``point``, or None when the box leaves ``frame``."""
    style = dict(fontsize=8, xytext=(dx, dy), textcoords="offset points",
                 ha="left" if dx > 0 else "right" if dx < 0 else "center",
                 va="bottom" if dy > 0 else "top" if dy < 0 else "center")
    label = ax.annotate(word, point, **style)
    box = label.get_window_extent(renderer).padded(2)
    label.remove()
    inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    return (style, box) if inside else None


def _place_labels(ax, xy: np.ndarray, items: Sequence[tuple[int, str]]) -> None:
    """Label the points ``xy[i]`` with ``word`` so that no two labels overlap and none leaves the axes.

    Each label takes the first offset of :data:`_LABEL_OFFSETS` whose box
    overlaps no label placed before and covers no point, or else the first that
    overlaps no label; a label set away from its point gets a thin leader line.
    """
    renderer = ax.figure.canvas.get_renderer()
    points = ax.transData.transform(xy)
    frame = ax.get_window_extent(renderer)
    placed = []
    for i, word in items:
        fallback = None
        for dx, dy in _LABEL_OFFSETS:
            candidate = _candidate_label(ax, renderer, frame, xy[i], word, dx, dy)
            if candidate is None or any(candidate[1].overlaps(other) for other in placed):
                continue
            style, box = candidate
            covers = any(box.contains(px, py) for k, (px, py) in enumerate(points) if k != i)
            if not covers:
                break
            fallback = fallback or (style, box)
        else:
            style, box = fallback or (dict(fontsize=8, xytext=(3, 3), textcoords="offset points"), None)
        far = max(map(abs, style["xytext"])) > 4
        ax.annotate(word, xy[i], **style, arrowprops=dict(arrowstyle="-", color="0.45", lw=0.6, shrinkA=0, shrinkB=3)
                    if far else None)
        if box is not None:
            placed.append(box)


def _segments_cross(a, b, c, d) -> bool:
    """Whether the segments a-b and c-d (display coordinates) cross."""
    def side(p, q, r):
        return np.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))

    return side(a, b, c) != side(a, b, d) and side(c, d, a) != side(c, d, b)


def _segment_meets_box(a, b, box) -> bool:
    """Whether the segment a-b touches the rectangle ``box`` (sampled along its length)."""
    a, b = np.asarray(a), np.asarray(b)
    return any(box.contains(*(a + t * (b - a))) for t in np.linspace(0, 1, 25))


def _place_labels_clear(ax, xy: np.ndarray, items: Sequence[tuple[int, str]]) -> None:
    """Like :func:`_place_labels`, but each label also keeps clear of every dot and of the other leader lines.

    A candidate box may not overlap another label or touch a leader line placed
    before, and its own leader line may not cross another. Among the positions
    left, the closest that touches no other dot wins (dots hidden under the
    point's own are not counted); when every one touches a dot, the one touching the fewest.
    """
    renderer = ax.figure.canvas.get_renderer()
    points = ax.transData.transform(xy)
    scale = ax.figure.dpi / 72  # points to pixels
    radius = 6 * scale  # a dot's radius, with a little room
    frame = ax.get_window_extent(renderer)
    offsets = _LABEL_OFFSETS + [(dx * r, dy * r) for r in (64, 80)
                                for dx, dy in ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))]
    placed, lines = [], []
    for i, word in items:
        best = None
        for dx, dy in offsets:
            candidate = _candidate_label(ax, renderer, frame, xy[i], word, dx, dy)
            if candidate is None or any(candidate[1].overlaps(other) for other in placed):
                continue
            style, box = candidate
            anchor = (points[i][0] + dx * scale, points[i][1] + dy * scale)
            line = (tuple(points[i]), anchor) if max(abs(dx), abs(dy)) > 4 else None
            if any(_segment_meets_box(*other, box) for other in lines):
                continue
            if line and any(_segments_cross(*line, *other) for other in lines):
                continue
            near = box.padded(radius)
            touched = sum(near.contains(px, py) for k, (px, py) in enumerate(points)  # dots under its own: not counted
                          if np.hypot(px - points[i][0], py - points[i][1]) > radius)
            if best is None or touched < best[0]:
                best = (touched, style, box, line)
            if touched == 0:
                break
        _, style, box, line = best or (0, dict(fontsize=8, xytext=(3, 3), textcoords="offset points"), None, None)
        ax.annotate(word, xy[i], **style, zorder=5,
                    arrowprops=dict(arrowstyle="-", color="0.3", lw=0.7, shrinkA=0, shrinkB=4) if line else None)
        if box is not None:
            placed.append(box)
        if line:
            lines.append(line)


def plot_similarity_heatmaps(
    matrices: Mapping[str, np.ndarray], labels: Sequence[str]
) -> matplotlib.figure.Figure:  # noqa: F821
    """One heatmap per entry of ``matrices`` (title -> square similarity matrix), values printed.

    Taught in notebook 03, section "The question's picture, redrawn".
    """
    if not matrices:
        raise ValueError("matrices is empty: give at least one title -> (n, n) array")
    n = len(labels)
    for title, m in matrices.items():
        finite_table(f"matrix {title!r}", m)
        if np.asarray(m).shape != (n, n):
            raise ValueError(f"matrix {title!r} has shape {np.asarray(m).shape}, expected ({n}, {n})")
    fig, axes = _figure(len(matrices), figsize=(3.6 * len(matrices) + 0.8, 3.4))
    for ax, (title, m) in zip(axes, matrices.items()):
        image = ax.imshow(np.asarray(m), vmin=-1, vmax=1, cmap="RdBu_r")
        for (i, j), value in np.ndenumerate(np.asarray(m)):
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=9,
                    color="white" if abs(value) > 0.6 else "black")
        ax.set(xticks=range(n), yticks=range(n), xticklabels=labels, yticklabels=labels, title=title)
    fig.colorbar(image, ax=list(axes), shrink=0.8, label="cosine similarity")
    return fig


def plot_projection(
    scores: Mapping[str, Sequence[float]], axis_label: str
) -> matplotlib.figure.Figure:  # noqa: F821
    """Strip plot of 1-D scores, one row per group (e.g. words projected on a direction).

    Taught in notebook 03, section "The polarity direction".
    """
    if not scores:
        raise ValueError("scores is empty: give at least one group -> values")
    fig, (ax,) = _figure(1, figsize=(7.5, 0.55 * len(scores) + 1.2))
    rng = np.random.default_rng(0)  # vertical jitter only, for legibility
    for row, (group, values) in enumerate(scores.items()):
        values = finite_array(f"scores[{group!r}]", values, ndim=1).astype(float)
        ax.scatter(values, row + rng.uniform(-0.15, 0.15, len(values)), s=18,
                   color=_COLORS[row % len(_COLORS)])
    ax.set(yticks=range(len(scores)), yticklabels=list(scores), xlabel=axis_label)
    ax.axvline(0, color="grey", lw=0.8)
    ax.grid(True, axis="x", alpha=0.3)
    return fig


def plot_embedding_maps(
    embeddings: Mapping[str, object],
    words: Sequence[str],
    groups: Sequence[str],
    *,
    method: str = "pca",
    annotate: bool | Sequence[str] = True,
    seed: int = 0,
    normalize: bool = True,
    highlight: Sequence[str] = (),
    label_points: bool = False,
) -> matplotlib.figure.Figure:  # noqa: F821
    """Side-by-side 2-D maps (PCA or t-SNE) of the same words in several embeddings.

    ``embeddings`` maps a title to gensim ``KeyedVectors``; every word must
    have a vector in each. Each panel is projected on its own
    (:func:`project_2d`, unit-length vectors unless
    ``normalize=False``), so compare the *arrangement* of the colours, not
    coordinates across panels. ``highlight``: groups drawn on top (see
    :func:`plot_vectors_2d`), as is ``label_points``. Notebook 06, section "Maps".
    """
    if not embeddings:
        raise ValueError("embeddings is empty: give at least one title -> KeyedVectors")
    one_of("method", method, ("pca", "tsne"))
    for title, kv in embeddings.items():
        word_vectors(f"embeddings[{title!r}]", kv)
        missing = [w for w in words if w not in kv]
        if missing:
            raise KeyError(f"{title!r} has no vector for {len(missing)} words, e.g. {missing[:3]}")
    panels = {f"{title} ({method.upper() if method == 'pca' else 't-SNE'})":
              project_2d(np.stack([kv[w] for w in words]), method, seed=seed, normalize=normalize)
              for title, kv in embeddings.items()}
    labels = ("PC 1", "PC 2") if method == "pca" else ("t-SNE 1", "t-SNE 2")
    return plot_vectors_2d(panels, words, groups, annotate=annotate, axis_labels=labels, highlight=highlight,
                           label_points=label_points)


def plot_learning_curves(
    panels: Mapping[str, Mapping[str, Mapping[int, object]]],
    *,
    chance: Mapping[str, float] | None = None,
    ylabel: str | Sequence[str] = "test accuracy",
) -> matplotlib.figure.Figure:  # noqa: F821
    """Accuracy against labeled-set size, one line per variant with its band, one panel per entry.

    Notebook 07, learning curves. ``panels`` maps a title to ``{variant:
    {n_labeled: interval}}`` (what :func:`utils.transfer.summarize_curves`
    returns): each point is a :class:`utils.intervals.Interval` (the line
    joins the estimates, the band spans ``low``..``high``) or a ``(mean,
    spread)`` pair (band ``mean ± spread``). ``chance`` maps a title to the
    accuracy of guessing, drawn as a dashed line. ``ylabel`` is one label for
    every panel or one per panel. Each variant has its own marker (the third
    dotted and hollow), so that lines that lie on top of each other stay
    apart; the x axis is marked only at the sizes that were run.
    """
    if not panels:
        raise ValueError("panels is empty: give at least one title -> curves")
    ylabels = [ylabel] * len(panels) if isinstance(ylabel, str) else list(ylabel)
    if len(ylabels) != len(panels):
        raise ValueError(f"ylabel gives {len(ylabels)} labels for {len(panels)} panels")
    fig, axes = _figure(len(panels), figsize=(4.6 * len(panels), 3.6))
    for ax, (title, curves), label in zip(axes, panels.items(), ylabels):
        if not curves:
            raise ValueError(f"panel {title!r} has no curve")
        _draw_curves(ax, curves)
        if chance and title in chance:
            ax.axhline(chance[title], color="black", linestyle="--", linewidth=1, label="chance")
        sizes = sorted({k for by_n in curves.values() for k in by_n})
        ax.set(xscale="log", title=title, xlabel="labeled training examples (log scale)", ylabel=label,
               ylim=(0, 1.02))
        ax.set_xticks(sizes, [str(k) for k in sizes], minor=False)
        ax.set_xticks([], minor=True)
        ax.grid(True, alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), fontsize=9)
    return fig


def _curve_bounds(point) -> tuple[float, float, float]:
    """(estimate, low, high) of a learning-curve point: an ``Interval`` or a ``(mean, spread)`` pair."""
    if hasattr(point, "estimate"):
        return point.estimate, point.low, point.high
    try:
        mean, spread = point
    except (TypeError, ValueError):
        raise TypeError(f"a curve point must be an Interval or a (mean, spread) pair, got {point!r}") from None
    return mean, mean - spread, mean + spread


def _draw_curves(ax, curves: Mapping[str, Mapping[int, object]]) -> None:
    """One line and band per start; each start its own marker (the third dotted and hollow)."""
    styles = (("-", "o", True), ("-", "s", True), (":", "^", False))  # (line, marker, filled)
    for i, (variant, by_n) in enumerate(curves.items()):
        n = np.array(sorted(by_n))
        mean, low, high = np.array([_curve_bounds(by_n[k]) for k in n]).T
        color = _COLORS[i % len(_COLORS)]
        line, marker, filled = styles[i % len(styles)]
        ax.plot(n, mean, linestyle=line, marker=marker, markersize=5 if filled else 7, color=color,
                markerfacecolor=color if filled else "white", label=variant)
        ax.fill_between(n, np.clip(low, 0, 1), np.clip(high, 0, 1), color=color, alpha=0.15)


def _ordered(keys) -> list:
    return list(dict.fromkeys(keys))


def plot_probe_heatmap(
    panels: Mapping[str, Mapping[tuple[str, str], object]],
    *,
    vmin: float = 0.0,
    vmax: float = 1.0,
    label: str = "probe accuracy (out of fold)",
) -> matplotlib.figure.Figure:  # noqa: F821
    """Probe scores as annotated heatmaps: one panel per entry, rows = properties, columns = embeddings.

    ``panels`` maps a panel title to ``{(row, column): cell}`` where a cell is
    a :class:`utils.intervals.Interval` (drawn as its estimate, written with
    its ``[low, high]``), a plain number, or ``None`` for "not measured"
    (drawn grey). Appendix A6 (notebook 08's) draws one; notebook 06's headline figure is
    :func:`plot_score_intervals`.
    """
    _check_heatmap_panels(panels, vmin, vmax)
    import matplotlib.pyplot as plt

    widths = [len(_ordered(c for _, c in cells)) for cells in panels.values()]
    fig, axes = _figure(len(panels), figsize=(2.3 * sum(widths) + 1.6, 3.3))
    cmap = plt.get_cmap("Blues").with_extremes(bad="#dddddd")
    for ax, (title, cells) in zip(axes, panels.items()):
        rows, cols = _ordered(r for r, _ in cells), _ordered(c for _, c in cells)
        grid = np.full((len(rows), len(cols)), np.nan)
        for (r, c), cell in cells.items():
            if cell is not None:
                grid[rows.index(r), cols.index(c)] = cell.estimate if isinstance(cell, Interval) else cell
        image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
        for i, r in enumerate(rows):
            for j, c in enumerate(cols):
                text, dark = _cell_text(cells.get((r, c)))
                ax.text(j, i, text, ha="center", va="center", fontsize=9, color="white" if dark else "black")
        ax.set(xticks=range(len(cols)), yticks=range(len(rows)), title=title)
        ax.set_xticklabels(cols, fontsize=9)
        ax.set_yticklabels(rows, fontsize=9)
    fig.colorbar(image, ax=list(axes), shrink=0.85, label=label)
    return fig


def _check_heatmap_panels(panels: Mapping, vmin: float, vmax: float) -> None:
    """What :func:`plot_probe_heatmap` draws: panels of ``(row, column)`` cells, each an Interval, a number or None."""
    if not panels:
        raise ValueError("panels is empty: give at least one title -> {(row, column): cell}")
    if not vmin < vmax:
        raise ValueError(f"vmin must be below vmax, got {vmin} and {vmax}")
    for title, cells in panels.items():
        if not cells:
            raise ValueError(f"panel {title!r} has no cell")
        for key, cell in cells.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise ValueError(f"panel {title!r}: cell keys must be (row, column) pairs, got {key!r}")
            if cell is not None and not isinstance(cell, (Interval, int, float, np.floating)):
                raise TypeError(f"panel {title!r}, cell {key}: expected an Interval, a number or None, "
                                f"got {type(cell).__name__}")
            value = cell.estimate if isinstance(cell, Interval) else cell
            if value is not None and not np.isfinite(value):
                raise ValueError(f"panel {title!r}, cell {key}: value {value} is not finite")


def _cell_text(cell) -> tuple[str, bool]:
    """A heatmap cell's text, and whether its square is dark enough to need white text."""
    if cell is None:
        return "not\nmeasured", False
    if isinstance(cell, Interval):
        return f"{cell.estimate:.2f}\n[{cell.low:.2f}, {cell.high:.2f}]", cell.estimate > 0.6
    return f"{cell:.2f}", cell > 0.6


def plot_score_intervals(
    panels: Mapping[str, Mapping[tuple[str, str], Interval]],
    *,
    xlabels: Mapping[str, str],
    chance: Mapping[str, float | Mapping[str, float]],
    chance_names: Mapping[str, str] | None = None,
    xlims: Mapping[str, tuple[float, float]] | None = None,
    title: str | None = None,
) -> matplotlib.figure.Figure:  # noqa: F821
    """Scores with their intervals against chance: one panel per metric, one row per (group, embedding).

    ``panels`` maps a panel title to ``{(group, row): Interval}``: each row is drawn as a dot at the
    estimate, with a bar from ``low`` to ``high`` and the estimate written beside it; rows come in groups
    (e.g. the property a probe reads), each under its own bold heading. ``xlabels`` names each panel's
    metric. ``chance`` gives each panel's chance level, one number or one per group: a dashed line marks
    it, and the region at or below it is shaded grey, so a dot in the white region is above chance.
    ``chance_names`` words the line's label per panel (default "chance"); ``xlims`` sets a panel's axis
    range (default 0 to 1); ``title`` goes above all panels.

    Notebook 06's headline figure (section "The headline figure").
    """
    _check_score_panels(panels, xlabels, chance)
    import matplotlib.pyplot as plt

    chance_names, xlims = dict(chance_names or {}), dict(xlims or {})
    groups = {name: _ordered(g for g, _ in cells) for name, cells in panels.items()}
    # Rows in data units: a heading per group, one row per score, a gap after each group.
    depth = {name: len(groups[name]) * 1.6 + len(cells) for name, cells in panels.items()}
    deepest = max(depth.values())
    fig = plt.figure(figsize=(4.6 * len(panels), 0.4 * deepest + 1.6), dpi=80, layout="constrained")
    columns = fig.subfigures(1, len(panels), squeeze=False)[0]
    names = _ordered(r for cells in panels.values() for _, r in cells)
    color = {r: _COLORS[i % len(_COLORS)] for i, r in enumerate(names)}
    for column, (name, cells) in zip(columns, panels.items()):
        # Every panel gets the same height per row; a panel with fewer rows is shorter, not stretched.
        grid = column.add_gridspec(2, 1, height_ratios=[depth[name] + 1.5, deepest - depth[name] + 1e-3])
        ax = column.add_subplot(grid[0])
        lo, hi = xlims.get(name, (0.0, 1.0))
        y, ticks, labels = _draw_score_rows(ax, cells, groups[name], color, chance=chance[name],
                                            chance_name=chance_names.get(name, "chance"), xrange=(lo, hi))
        ax.set(xlim=(lo, hi + 0.12 * (hi - lo)), ylim=(y - 0.2, -0.8), yticks=ticks, xlabel=xlabels[name])
        ax.set_xticks([t for t in ax.get_xticks() if lo - 1e-9 <= t <= hi + 1e-9])  # room for the numbers only
        ax.set_yticklabels(labels, fontsize=9)
        ax.set_title(name, fontsize=10)
        ax.grid(True, axis="x", alpha=0.3)
    if title:
        fig.suptitle(title, fontsize=11)
    return fig


def _check_score_panels(panels: Mapping, xlabels: Mapping, chance: Mapping) -> None:
    """What :func:`plot_score_intervals` draws: panels of finite Intervals by ``(group, row)``, each labelled."""
    if not panels:
        raise ValueError("panels is empty: give at least one title -> {(group, row): Interval}")
    for name, cells in panels.items():
        if not cells:
            raise ValueError(f"panel {name!r} has no score")
        for key, cell in cells.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise ValueError(f"panel {name!r}: keys must be (group, row) pairs, got {key!r}")
            if not isinstance(cell, Interval):
                raise TypeError(f"panel {name!r}, {key}: expected an Interval, got {type(cell).__name__}")
            if not np.all(np.isfinite([cell.estimate, cell.low, cell.high])):
                raise ValueError(f"panel {name!r}, {key}: the score or its interval is not finite")
        for what, given in (("xlabels", xlabels), ("chance", chance)):
            if name not in given:
                raise ValueError(f"{what} gives nothing for panel {name!r}")


def _draw_score_rows(ax, cells: Mapping, groups: list, color: Mapping, *, chance, chance_name: str,
                     xrange: tuple[float, float]) -> tuple[float, list[float], list[str]]:
    """One panel of :func:`plot_score_intervals`, group by group: a bold heading, a dot and bar per score,
    and the group's chance line over a grey region. Returns the next free row, the rows' ticks and labels."""
    lo, hi = xrange
    y, ticks, labels = 0.0, [], []
    for group in groups:
        level = chance if isinstance(chance, (int, float, np.floating)) else chance[group]
        top = y - 0.5
        ax.text(lo + 0.01 * (hi - lo), y, group, fontsize=9, fontweight="bold", va="center")
        y += 1
        for (g, row), cell in cells.items():
            if g != group:
                continue
            ax.plot([cell.low, cell.high], [y, y], color=color[row], lw=2.5, solid_capstyle="butt")
            ax.plot(cell.estimate, y, "o", color=color[row], ms=7)
            ax.annotate(f"{cell.estimate:.2f}", (cell.high, y), xytext=(7, 0), textcoords="offset points",
                        fontsize=9, va="center", ha="left")
            ticks.append(y)
            labels.append(row)
            y += 1
        bottom = y - 0.5
        ax.fill_betweenx([top, bottom], lo, level, color="0.88", lw=0)
        ax.plot([level, level], [top, bottom], color="0.3", ls="--", lw=1)
        ax.annotate(f"{chance_name} {level:.2f}", (level, bottom), xytext=(0, -2),
                    textcoords="offset points", fontsize=8, color="0.3", ha="center", va="top")
        y += 0.6
    return y, ticks, labels


def plot_benchmark_intervals(
    scores: Mapping[str, Mapping[str, object]],
    *,
    ylabel: str = "Spearman with human scores",
) -> matplotlib.figure.Figure:  # noqa: F821
    """Grouped bars with interval error bars: one group per benchmark, one bar per embedding.

    ``scores`` maps a benchmark name (with its number of pairs, say) to
    ``{embedding: Interval}`` (e.g. ``utils.benchmark_score(...).interval()``).
    Appendix A4 (notebook 06's), section "Benchmark scores, with a null of random tables".
    """
    if not scores:
        raise ValueError("scores is empty: give at least one benchmark -> {embedding: Interval}")
    for bench, by_name in scores.items():
        if not by_name:
            raise ValueError(f"benchmark {bench!r} has no score")
        for name, cell in by_name.items():
            if not isinstance(cell, Interval):
                raise TypeError(f"{bench!r} / {name!r}: expected an Interval, got {type(cell).__name__}")
    names = _ordered(n for by_name in scores.values() for n in by_name)
    fig, (ax,) = _figure(1, figsize=(2.0 + 1.1 * len(scores) * len(names), 3.4))
    width = 0.8 / len(names)
    for k, name in enumerate(names):
        xs, est, err = [], [], [[], []]
        for g, by_name in enumerate(scores.values()):
            if name in by_name:
                cell = by_name[name]
                xs.append(g - 0.4 + width * (k + 0.5))
                est.append(cell.estimate)
                err[0].append(cell.estimate - cell.low)
                err[1].append(cell.high - cell.estimate)
        ax.bar(xs, est, width=width * 0.92, yerr=err, capsize=3, color=_COLORS[k % len(_COLORS)], label=name)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set(xticks=range(len(scores)), ylabel=ylabel)
    ax.set_xticklabels(list(scores), fontsize=9)
    ax.grid(True, axis="y", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def project_2d(vectors: np.ndarray, method: str = "pca", *, seed: int = 0, normalize: bool = True) -> np.ndarray:
    """2-D coordinates of ``vectors`` for a map, with scikit-learn.

    ``"pca"`` keeps the two directions of largest variance (distances along
    them are meaningful); ``"tsne"`` keeps neighbourhoods (clusters are
    meaningful, distances between clusters are not). With ``normalize`` (the
    default) vectors are scaled to unit length first, so the maps show cosine
    structure; ``normalize=False`` keeps their lengths, which matters when
    some rows are much shorter than others (appendix A4 of notebook 06, section 1).
    """
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    v = finite_table("vectors", vectors).astype(np.float64)
    if len(v) < 3:
        raise ValueError(f"vectors must have at least 3 rows, got shape {v.shape}")
    normalize, seed = flag("normalize", normalize), integer("seed", seed, 0)
    one_of("method", method, ("pca", "tsne"))
    if normalize:
        norms = np.linalg.norm(v, axis=1, keepdims=True)
        if (norms == 0).any():
            raise ValueError("a zero vector has no direction; remove it before projecting")
        v = v / norms
    if method == "pca":
        return PCA(n_components=2, random_state=seed).fit_transform(v)
    if method == "tsne":
        from threadpoolctl import threadpool_limits

        perplexity = min(15.0, (len(v) - 1) / 3)
        # One OpenMP thread: the same map, and on a busy 2-core CPU ten times faster than two.
        with threadpool_limits(1, user_api="openmp"):
            return TSNE(n_components=2, perplexity=perplexity, init="pca", random_state=seed).fit_transform(v)
    raise ValueError(f"method must be 'pca' or 'tsne', got {method!r}")
