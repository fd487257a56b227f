import numpy as np
import pytest
from gensim.models import KeyedVectors

from utils.plots import plot_embedding_maps, project_2d
from utils.projector import export_projector, load_projector


def _kv(n=6, dim=4, seed=0):
    kv = KeyedVectors(dim)
    kv.add_vectors([f"w{i}" for i in range(n)], np.random.default_rng(seed).normal(size=(n, dim)).astype("float32"))
    return kv


def test_projector_export_round_trips(tmp_path):
    kv = _kv()
    vec_path, meta_path = export_projector(kv, tmp_path / "out", columns={"group": {"w0": "a", "w1": "b"}})
    assert vec_path.name == "vectors.tsv" and meta_path.name == "metadata.tsv"
    words, vectors, columns = load_projector(tmp_path / "out")
    assert words == kv.index_to_key
    assert np.allclose(vectors, kv.vectors, rtol=1e-5, atol=1e-6)
    assert columns == {"group": ["a", "b", "", "", "", ""]}
    assert meta_path.read_text().splitlines()[0] == "word\tgroup", "several columns need a header line"


def test_projector_single_column_has_no_header(tmp_path):
    export_projector(_kv(), tmp_path, words=["w2", "w0"])
    assert (tmp_path / "metadata.tsv").read_text() == "w2\nw0\n"
    words, vectors, columns = load_projector(tmp_path)
    assert words == ["w2", "w0"] and vectors.shape == (2, 4) and columns == {}


@pytest.mark.parametrize("kwargs, error", [
    ({"words": []}, ValueError),
    ({"words": ["nope"]}, KeyError),
    ({"columns": {"word": {}}}, ValueError),
    ({"columns": {"note": {"w0": "tab\there"}}}, ValueError),
])
def test_projector_export_rejects_bad_input(tmp_path, kwargs, error):
    with pytest.raises(error):
        export_projector(_kv(), tmp_path, **kwargs)


def test_load_projector_names_missing_and_mismatched_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="export"):
        load_projector(tmp_path)
    export_projector(_kv(), tmp_path)
    (tmp_path / "metadata.tsv").write_text("w0\n")
    with pytest.raises(ValueError, match="rows"):
        load_projector(tmp_path)


@pytest.mark.parametrize("method", ["pca", "tsne"])
def test_project_2d_shapes_and_determinism(method):
    v = np.random.default_rng(0).normal(size=(20, 5))
    a, b = project_2d(v, method), project_2d(v, method)
    assert a.shape == (20, 2) and np.array_equal(a, b)


def test_project_2d_uses_cosine_geometry():
    v = np.random.default_rng(1).normal(size=(10, 3))
    assert np.allclose(np.abs(project_2d(v)), np.abs(project_2d(v * 7.5)))


@pytest.mark.parametrize("vectors, method, match", [
    (np.zeros((2, 3)), "pca", "at least 3 rows"),
    (np.vstack([np.zeros(3), np.ones((3, 3))]), "pca", "zero vector"),
    (np.ones((4, 3)), "umap", "method"),
])
def test_project_2d_rejects_bad_input(vectors, method, match):
    with pytest.raises(ValueError, match=match):
        project_2d(vectors, method)


def test_plot_embedding_maps_panels_labels_and_legend():
    kv_a, kv_b = _kv(seed=0), _kv(seed=1)
    words = kv_a.index_to_key
    groups = ["x", "x", "y", "y", "z", "z"]
    fig = plot_embedding_maps({"A": kv_a, "B": kv_b}, words, groups, method="pca", annotate=["w0"])
    axes = fig.axes
    assert [ax.get_title() for ax in axes] == ["A (PCA)", "B (PCA)"]
    assert axes[0].get_xlabel() == "PC 1"
    assert [t.get_text() for t in axes[0].texts] == ["w0"], "only the listed words are labelled"
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["x", "y", "z"]


def test_plot_embedding_maps_needs_every_word():
    with pytest.raises(KeyError, match="no vector"):
        plot_embedding_maps({"A": _kv()}, ["w0", "w1", "missing"], ["a", "a", "b"])
    with pytest.raises(ValueError, match="empty"):
        plot_embedding_maps({}, ["w0"], ["a"])


def _label_boxes(fig):
    """Each panel's label boxes in display coordinates: the text only, not its leader line."""
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(ax, [Text.get_window_extent(t, renderer) for t in ax.texts]) for ax in fig.axes if ax.texts]


def test_map_labels_never_overlap_even_for_points_on_top_of_each_other():
    """Notebook 06's maps label *good* and *bad*, whose word2vec vectors nearly coincide."""
    from utils.plots import plot_vectors_2d

    xy = np.array([[0.0, 0.0], [0.0, 0.0], [0.001, 0.0], [0.0, 0.001], [1.0, 1.0], [0.5, 0.5]])
    words = ["good", "bad", "great", "awful", "alps", "pasta"]
    fig = plot_vectors_2d({"A": xy, "B": xy[::-1].copy()}, words, ["p", "n", "p", "n", "t", "t"])
    panels = _label_boxes(fig)
    assert len(panels) == 2
    for ax, boxes in panels:
        assert sorted(t.get_text() for t in ax.texts) == sorted(words)
        frame = ax.get_window_extent()
        for i, box in enumerate(boxes):
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            assert not any(box.overlaps(other) for other in boxes[i + 1:]), f"{ax.texts[i].get_text()} overlaps"


def test_tsne_maps_are_the_same_on_every_call():
    v = np.random.default_rng(0).normal(size=(30, 8))
    assert np.array_equal(project_2d(v, "tsne"), project_2d(v, "tsne"))
