"""Figures in one consistent style. Each function returns the Figure without showing it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

__all__ = ["plot_lookup_cost", "plot_history", "plot_vectors_2d", "plot_similarity_heatmaps", "plot_projection",
           "plot_embedding_maps", "plot_learning_curves"]

_FIGSIZE_ROW = (9.0, 3.4)
_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#7f7f7f")


def _figure(ncols: int, figsize=_FIGSIZE_ROW):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, ncols, figsize=figsize, dpi=80, layout="constrained")
    return fig, np.atleast_1d(axes)


def plot_lookup_cost(costs: Sequence) -> matplotlib.figure.Figure:  # noqa: F821
    """Two log-log panels: time per batch and input size, one-hot route vs lookup.

    ``costs`` is the list returned by :func:`utils.costs.measure_lookup_cost`.
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
    for ax in (ax_t, ax_m):
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(fontsize=9)
    return fig


def plot_history(history: Mapping[str, Sequence[float]] | object,
                 metrics: Sequence[str] = ("loss",)) -> matplotlib.figure.Figure:  # noqa: F821
    """Training (and validation, when present) curves, one panel per metric.

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
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=9)
    return fig


def plot_vectors_2d(
    panels: Mapping[str, np.ndarray],
    words: Sequence[str],
    groups: Sequence[str],
    *,
    annotate: bool | Sequence[str] = True,
    axis_labels: tuple[str, str] = ("dimension 1", "dimension 2"),
) -> matplotlib.figure.Figure:  # noqa: F821
    """Scatter 2-D word vectors, one panel per entry of ``panels``, coloured by group.

    ``panels`` maps a title to an ``(n_words, 2)`` array; ``words`` labels the
    points and ``groups`` (one per word) picks their colour and legend entry.
    ``annotate``: label every point (``True``), none (``False``), or only the
    words listed, when labelling all of them would be unreadable.
    """
    if not panels:
        raise ValueError("panels is empty: give at least one title -> (n, 2) array")
    if len(words) != len(groups):
        raise ValueError(f"{len(words)} words but {len(groups)} groups: give one group per word")
    for title, xy in panels.items():
        xy = np.asarray(xy)
        if xy.shape != (len(words), 2):
            raise ValueError(f"panel {title!r} has shape {xy.shape}, expected ({len(words)}, 2)")
    names = list(dict.fromkeys(groups))
    color = {g: _COLORS[i % len(_COLORS)] for i, g in enumerate(names)}
    fig, axes = _figure(len(panels), figsize=(4.5 * len(panels), 4.4))
    for ax, (title, xy) in zip(axes, panels.items()):
        xy = np.asarray(xy)
        for g in names:
            idx = [i for i, gg in enumerate(groups) if gg == g]
            ax.scatter(xy[idx, 0], xy[idx, 1], color=color[g], label=g, s=25)
        shown = set(words) if annotate is True else set(annotate or ())
        for (x, y), w in zip(xy, words):
            if w in shown:
                ax.annotate(w, (x, y), fontsize=8, xytext=(3, 3), textcoords="offset points")
        ax.set(title=title, xlabel=axis_labels[0], ylabel=axis_labels[1])
        ax.grid(True, alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(names), 4), fontsize=9)
    return fig


def plot_similarity_heatmaps(
    matrices: Mapping[str, np.ndarray], labels: Sequence[str]
) -> matplotlib.figure.Figure:  # noqa: F821
    """One heatmap per entry of ``matrices`` (title -> square similarity matrix), values printed."""
    if not matrices:
        raise ValueError("matrices is empty: give at least one title -> (n, n) array")
    n = len(labels)
    for title, m in matrices.items():
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
    """Strip plot of 1-D scores, one row per group (e.g. words projected on a direction)."""
    if not scores:
        raise ValueError("scores is empty: give at least one group -> values")
    fig, (ax,) = _figure(1, figsize=(7.5, 0.55 * len(scores) + 1.2))
    rng = np.random.default_rng(0)  # vertical jitter only, for legibility
    for row, values in enumerate(scores.values()):
        values = np.asarray(values, dtype=float)
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
) -> matplotlib.figure.Figure:  # noqa: F821
    """Side-by-side 2-D maps (PCA or t-SNE) of the same words in several embeddings.

    ``embeddings`` maps a title to gensim ``KeyedVectors``; every word must
    have a vector in each. Each panel is projected on its own
    (:func:`utils.evaluation.project_2d`), so compare the *arrangement* of
    the colours, not coordinates across panels.
    """
    from .evaluation import project_2d

    if not embeddings:
        raise ValueError("embeddings is empty: give at least one title -> KeyedVectors")
    for title, kv in embeddings.items():
        missing = [w for w in words if w not in kv]
        if missing:
            raise KeyError(f"{title!r} has no vector for {len(missing)} words, e.g. {missing[:3]}")
    panels = {f"{title} ({method.upper() if method == 'pca' else 't-SNE'})":
              project_2d(np.stack([kv[w] for w in words]), method, seed=seed)
              for title, kv in embeddings.items()}
    labels = ("PC 1", "PC 2") if method == "pca" else ("t-SNE 1", "t-SNE 2")
    return plot_vectors_2d(panels, words, groups, annotate=annotate, axis_labels=labels)


def plot_learning_curves(
    panels: Mapping[str, Mapping[str, Mapping[int, object]]],
    *,
    chance: Mapping[str, float] | None = None,
    ylabel: str = "test accuracy",
) -> matplotlib.figure.Figure:  # noqa: F821
    """Accuracy against labeled-set size, one line per variant with its band, one panel per entry.

    Notebook 06, learning curves. ``panels`` maps a title to ``{variant:
    {n_labeled: interval}}`` (what :func:`utils.transfer.summarize_curves`
    returns): each point is a :class:`utils.intervals.Interval` (the line
    joins the estimates, the band spans ``low``..``high``) or a ``(mean,
    spread)`` pair (band ``mean ± spread``). ``chance`` maps a title to the
    accuracy of guessing, drawn as a dashed line.
    """
    if not panels:
        raise ValueError("panels is empty: give at least one title -> curves")

    def bounds(point):
        if hasattr(point, "estimate"):
            return point.estimate, point.low, point.high
        try:
            mean, spread = point
        except (TypeError, ValueError):
            raise TypeError(f"a curve point must be an Interval or a (mean, spread) pair, got {point!r}") from None
        return mean, mean - spread, mean + spread

    fig, axes = _figure(len(panels), figsize=(4.6 * len(panels), 3.6))
    for ax, (title, curves) in zip(axes, panels.items()):
        if not curves:
            raise ValueError(f"panel {title!r} has no curve")
        for i, (variant, by_n) in enumerate(curves.items()):
            n = np.array(sorted(by_n))
            mean, low, high = np.array([bounds(by_n[k]) for k in n]).T
            ax.plot(n, mean, marker="o", color=_COLORS[i % len(_COLORS)], label=variant)
            ax.fill_between(n, np.clip(low, 0, 1), np.clip(high, 0, 1), color=_COLORS[i % len(_COLORS)], alpha=0.15)
        if chance and title in chance:
            ax.axhline(chance[title], color="black", linestyle="--", linewidth=1, label="chance")
        ax.set(xscale="log", title=title, xlabel="labeled training examples (log scale)", ylabel=ylabel,
               ylim=(0, 1.02))
        ax.grid(True, alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), fontsize=9)
    return fig
