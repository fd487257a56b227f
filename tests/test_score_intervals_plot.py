"""Notebook 06's headline figure: one metric per panel, intervals, chance marked, nothing "not measured"."""

import pytest

from utils.intervals import Interval
from utils.plots import plot_score_intervals

LAB, REAL = "lab: probe accuracy", "real: Spearman"
PANELS = {
    LAB: {("polarity", "task"): Interval(1.0, 1.0, 1.0, 24), ("polarity", "word2vec"): Interval(0.58, 0.38, 0.79, 24),
          ("topic", "task"): Interval(0.25, 0.14, 0.36, 56), ("topic", "word2vec"): Interval(1.0, 1.0, 1.0, 56)},
    REAL: {("polarity", "task"): Interval(0.29, 0.10, 0.46, 115),
           ("polarity", "word2vec"): Interval(0.4, 0.23, 0.55, 115)},
}


def _figure(**kwargs):
    options = dict(xlabels={LAB: "accuracy", REAL: "Spearman"},
                   chance={LAB: {"polarity": 0.5, "topic": 0.25}, REAL: 0.0},
                   chance_names={REAL: "no agreement"}, xlims={REAL: (-0.3, 1.0)}, title="what is plotted")
    options.update(kwargs)
    return plot_score_intervals(PANELS, **options)


def test_one_panel_per_metric_with_rows_intervals_and_chance_lines():
    fig = _figure()
    lab, real = fig.axes
    assert [lab.get_title(), real.get_title()] == [LAB, REAL]
    assert [lab.get_xlabel(), real.get_xlabel()] == ["accuracy", "Spearman"]
    assert [t.get_text() for t in lab.get_yticklabels()] == ["task", "word2vec", "task", "word2vec"]
    texts = [t.get_text() for t in lab.texts]
    assert {"polarity", "topic", "chance 0.50", "chance 0.25", "0.58", "0.25", "1.00"} <= set(texts)
    assert "no agreement 0.00" in [t.get_text() for t in real.texts]
    assert not any("measured" in t for ax in fig.axes for t in (x.get_text() for x in ax.texts))
    # Each score is a bar from its interval's low to high end, and a dot at its estimate.
    bars = [line.get_xdata() for line in lab.get_lines() if len(line.get_xdata()) == 2 and line.get_linestyle() == "-"]
    assert [0.38, 0.79] in [list(b) for b in bars]
    assert real.get_xlim()[0] == pytest.approx(-0.3)
    assert fig.get_suptitle() == "what is plotted"


def test_a_shorter_panel_keeps_the_row_height():
    lab, real = _figure().axes
    height = [ax.get_position().height / abs(ax.get_ylim()[0] - ax.get_ylim()[1]) for ax in (lab, real)]
    assert height[0] == pytest.approx(height[1], rel=0.1)


@pytest.mark.parametrize("change, error, match", [
    ({"chance": {LAB: 0.5}}, ValueError, "chance gives nothing"),
    ({"xlabels": {REAL: "x"}}, ValueError, "xlabels gives nothing"),
])
def test_every_panel_needs_its_label_and_its_chance(change, error, match):
    with pytest.raises(error, match=match):
        _figure(**change)


def test_rejects_cells_that_are_not_intervals_or_not_pairs():
    with pytest.raises(TypeError, match="expected an Interval"):
        plot_score_intervals({"p": {("g", "r"): 0.5}}, xlabels={"p": "x"}, chance={"p": 0.5})
    with pytest.raises(ValueError, match=r"\(group, row\) pairs"):
        plot_score_intervals({"p": {"r": Interval(0.5, 0.4, 0.6, 10)}}, xlabels={"p": "x"}, chance={"p": 0.5})
    with pytest.raises(ValueError, match="empty"):
        plot_score_intervals({}, xlabels={}, chance={})
