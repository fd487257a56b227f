"""The full-size data switch: offline it fails fast and clearly; with files in the cache the real loaders run.

No test here touches the network: the offline guard is active, and the
full-size files are small fixtures written into a temporary cache in the exact
formats of the real ones (``imdb.npz`` with ragged id arrays and its word index,
``text8.zip`` holding one line of words).
"""

from __future__ import annotations

import json
import pickle
import time
import zipfile

import numpy as np
import pytest

import utils
from utils import downloads
from utils.data import DataSourceError

WORDS = ["the", "film", "was", "great", "awful", "plot", "actor", "boring", "fun", "ending"]


def _ragged(rows):
    rows = list(rows)
    array = np.empty(len(rows), dtype=object)
    for i, row in enumerate(rows):
        array[i] = [int(v) for v in row]  # plain ints, as in the real file
    return array


@pytest.fixture
def full_mode(tmp_cache, monkeypatch):
    monkeypatch.setenv("COURSE_DATA", "full")
    return tmp_cache / "full"


def write_imdb(folder, n=6):
    folder.mkdir(parents=True, exist_ok=True)
    index = {w: i + 1 for i, w in enumerate(WORDS)}
    rng = np.random.default_rng(0)
    x_train = _ragged(rng.integers(1, len(WORDS) + 1, size=rng.integers(3, 9)) for _ in range(n))
    x_test = _ragged(rng.integers(1, len(WORDS) + 1, size=rng.integers(3, 9)) for _ in range(n - 2))
    np.savez(folder / "imdb.npz", x_train=x_train, y_train=np.arange(n) % 2,
             x_test=x_test, y_test=np.arange(n - 2) % 2)
    (folder / "imdb_word_index.json").write_text(json.dumps(index))
    return x_train, x_test


def write_text8(folder, monkeypatch, n_tokens=3000, *, text=None):
    """A text8.zip fixture; the size the loader expects becomes the fixture's (the real one is 10^8 bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    text = text if text is not None else " " + " ".join(rng.choice(WORDS, size=n_tokens))
    with zipfile.ZipFile(folder / "text8.zip", "w") as archive:
        archive.writestr("text8", text)
    monkeypatch.setattr(downloads, "TEXT8_BYTES", len(text.encode()))


def test_default_mode_is_small_and_offline(monkeypatch):
    monkeypatch.delenv("COURSE_DATA", raising=False)
    assert utils.corpora.data_mode() == "small" and utils.data_plan().download == "nothing"
    assert "COURSE_DATA=full" in utils.describe_data()


@pytest.mark.parametrize("value", ["FULL", " full "])
def test_the_switch_ignores_case_and_spaces(monkeypatch, value):
    monkeypatch.setenv("COURSE_DATA", value)
    assert utils.corpora.data_mode() == "full" and "text8" in utils.describe_data()


def test_an_unknown_mode_names_the_valid_ones(monkeypatch):
    monkeypatch.setenv("COURSE_DATA", "huge")
    with pytest.raises(ValueError, match=r"'full', 'small'"):
        utils.corpora.data_mode()


@pytest.mark.parametrize("load", [lambda: utils.downloads.load_imdb(verbose=False),
                                  lambda: utils.downloads.load_text8(verbose=False)])
def test_full_mode_offline_fails_fast_saying_what_and_how_back(full_mode, load):
    start = time.perf_counter()
    with pytest.raises(DataSourceError) as info:
        load()
    assert time.perf_counter() - start < 10
    message = str(info.value)
    assert "could not be reached" in message and "COURSE_DATA=small" in message
    assert "storage.googleapis.com" in message or "mattmahoney.net" in message


def test_an_unreachable_host_times_out_quickly(full_mode, monkeypatch):
    def slow_network(address, timeout):
        assert timeout <= 10, "the reachability check must not wait long"
        raise TimeoutError("timed out")

    monkeypatch.setattr(downloads.socket, "create_connection", slow_network)
    with pytest.raises(DataSourceError, match="timed out"):
        utils.downloads.load_text8(verbose=False)


def test_imdb_from_the_cache_is_decoded_into_words(full_mode):
    x_train, x_test = write_imdb(full_mode)
    corpus = utils.load_classification_corpus(np.random.default_rng(0), verbose=False)
    assert len(corpus.docs) == len(x_train) + len(x_test)
    assert corpus.docs[0] == [WORDS[i - 1] for i in x_train[0]]
    assert corpus.train_idx.tolist() == list(range(len(x_train)))
    assert corpus.test_idx.tolist() == list(range(len(x_train), len(corpus.docs)))
    assert corpus.labels.tolist() == [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]
    assert corpus.label_names == ["negative", "positive"] and "IMDB" in corpus.source


def test_a_corrupted_imdb_file_says_how_to_recover(full_mode):
    write_imdb(full_mode)
    (full_mode / "imdb.npz").write_bytes(b"not a zip")
    with pytest.raises(DataSourceError, match=r"Delete imdb.npz .* COURSE_DATA=small"):
        utils.downloads.load_imdb(verbose=False)


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the second x_train.npy is the one read
def test_a_pickle_smuggled_into_imdb_is_refused(full_mode):
    write_imdb(full_mode)
    payload = pickle.dumps(print)  # any global other than NumPy's array machinery
    header = np.lib.format.header_data_from_array_1_0(np.empty(1, dtype=object))
    with zipfile.ZipFile(full_mode / "imdb.npz", "a") as archive, archive.open("x_train.npy", "w") as member:
        np.lib.format.write_array_header_1_0(member, header)
        member.write(payload)
    with pytest.raises(DataSourceError, match="unexpected class"):
        utils.downloads.load_imdb(verbose=False)


def test_text8_from_the_cache_is_cut_into_sentences(full_mode, monkeypatch):
    write_text8(full_mode, monkeypatch, n_tokens=2500)
    sentences = utils.load_word2vec_corpus(verbose=False)
    assert [len(s) for s in sentences] == [2500] and set(sentences[0]) <= set(WORDS)
    assert [len(s) for s in utils.downloads.load_text8(sentence_length=1000, verbose=False)] == [1000, 1000, 500]


def test_a_text8_archive_without_the_text_says_how_to_recover(full_mode):
    full_mode.mkdir(parents=True)
    with zipfile.ZipFile(full_mode / "text8.zip", "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    with pytest.raises(DataSourceError, match="failed its check and was deleted: cannot read it"):
        utils.downloads.load_text8(verbose=False)
    assert not (full_mode / "text8.zip").exists()


@pytest.mark.parametrize("text, why", [
    (" anarchism originated as a term", None),
    (" anarchism Originated as a term", r"1 bytes other than a-z and space \(the first is b'O'\)"),
    (" anarchism  originated as a term", "a run of several spaces"),
    (" anarchism origin\u00e9 as a term", "bytes other than a-z"),
])
def test_text8_is_checked_before_use_and_deleted_when_it_fails(full_mode, monkeypatch, text, why):
    write_text8(full_mode, monkeypatch, text=text)
    if why is None:
        assert utils.downloads.load_text8(verbose=False) == [text.split()]
        return
    with pytest.raises(DataSourceError, match=f"text8.zip failed its check and was deleted: .*{why}"):
        utils.downloads.load_text8(verbose=False)
    assert not (full_mode / "text8.zip").exists(), "a file that failed its check must not be reused"


def test_text8_of_the_wrong_size_is_refused(full_mode, monkeypatch):
    write_text8(full_mode, monkeypatch, text=" abc def")
    monkeypatch.setattr(downloads, "TEXT8_BYTES", 100_000_000)
    with pytest.raises(DataSourceError, match="holds 8 bytes, but text8 is exactly 100,000,000"):
        utils.downloads.load_text8(verbose=False)


def test_full_size_downloads_use_https():
    urls = (downloads.TEXT8_URL, downloads.IMDB_URL, downloads.IMDB_INDEX_URL)
    assert all(url.startswith("https://") for url in urls)


@pytest.mark.slow
def test_full_mode_runs_the_same_experiment_code_on_the_fixtures(full_mode, monkeypatch):
    write_text8(full_mode, monkeypatch)
    assert utils.data_plan().word2vec_epochs(2) == 1 and utils.data_plan().word2vec_epochs(20) == 5
    kv = utils.experiments.wiki_word2vec(seed=0)
    assert set(kv.index_to_key) == set(WORDS)


def test_small_mode_split_is_the_one_notebook_03_always_used(monkeypatch):
    monkeypatch.delenv("COURSE_DATA", raising=False)
    corpus = utils.load_classification_corpus(np.random.default_rng(0))
    order = np.random.default_rng(0).permutation(200)
    assert corpus.train_idx.tolist() == order[:150].tolist() and corpus.test_idx.tolist() == order[150:].tolist()


def test_notebooks_03_to_06_load_real_text_only_through_the_switch():
    """A direct call to a default-mode loader would silently ignore COURSE_DATA=full."""
    from tools import book as course

    direct = ("load_wiki_excerpt(", "load_newsgroups_sample(", "load_polarity_sample(")
    for path in course.list_notebooks():
        if path.name[:2] in ("00", "01", "02", "A2", "A5"):  # no real text in these
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        used = [call for call in direct if call in code]
        assert not used, f"{path.name} calls {used}; use utils.load_word2vec_corpus / load_classification_corpus"
        assert "utils.describe_data()" in code, f"{path.name} does not show the data mode in its setup cell"


def test_the_sentiment_corpus_is_imdb_in_full_mode(full_mode):
    x_train, x_test = write_imdb(full_mode)
    corpus = utils.load_sentiment_corpus(np.random.default_rng(0), verbose=False)
    assert isinstance(corpus, utils.corpora.LabeledDocs)
    assert len(corpus.docs) == len(x_train) + len(x_test)
    assert corpus.docs[len(x_train)] == [WORDS[i - 1] for i in x_test[0]]
    assert corpus.train_idx.tolist() == list(range(len(x_train)))
    assert corpus.test_idx.tolist() == list(range(len(x_train), len(corpus.docs)))
    assert corpus.label_names == ["negative", "positive"] and "IMDB" in corpus.source


def test_the_sentiment_corpus_is_the_polarity_sample_by_default(monkeypatch):
    monkeypatch.delenv("COURSE_DATA", raising=False)
    corpus = utils.load_sentiment_corpus(np.random.default_rng(0))
    sentences, labels = utils.data.load_polarity_sample()
    assert corpus.docs == sentences and corpus.labels.tolist() == labels.tolist()
    order = np.random.default_rng(0).permutation(200)
    assert corpus.train_idx.tolist() == order[:150].tolist() and corpus.test_idx.tolist() == order[150:].tolist()
    assert "polarity" in corpus.source and "sentiment text" in utils.describe_data()
