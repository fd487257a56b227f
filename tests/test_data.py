import pickle
import zlib

import numpy as np
import pytest

from utils import data
from utils.data import DataSourceError


@pytest.mark.slow
def test_shipped_sources_load_with_expected_sizes(tmp_cache):
    wiki = data.load_wiki_excerpt(verbose=False)
    assert len(wiki) == 106 and 400_000 < sum(map(len, wiki)) < 500_000
    assert data.load_wiki_excerpt() == wiki, "second call comes from the cache"
    assert list(tmp_cache.glob("wiki-*.txt")), "the parsed excerpt is cached"

    lee = data.load_lee_corpus()
    assert len(lee) == 300

    sentences, labels = data.load_polarity_sample()
    assert len(sentences) == 200 and labels.sum() == 100
    assert sentences[0] == ["simplistic", "silly", "and", "tedious"] and labels[0] == 0

    docs, target, names = data.load_newsgroups_sample()
    assert len(docs) == 200 and names == ["alt.atheism", "sci.space"]
    assert np.bincount(target).tolist() == [100, 100]
    # Headers name the group; the loader strips them. One post quotes another
    # post's header in its body, which is text and stays.
    leaks = [d for d in docs if d[:2] in (["newsgroups", "alt"], ["newsgroups", "sci"], ["path", "cantaloupe"])]
    assert not leaks

    ws, sl = data.load_wordsim353(), data.load_simlex999()
    assert len(ws) == 353 and len(sl) == 999
    assert ws[0] == data.WordPair("love", "sex", 6.77)

    first, second = data.wordsim353_half(1), data.wordsim353_half(2)
    assert (len(first), len(second)) == (176, 177) and sorted(first + second, key=ws.index) == ws
    assert data.wordsim353_half(1) == first, "the split is fixed"

    analogies = data.load_analogies()
    assert len(analogies) == 14 and sum(map(len, analogies.values())) == 19_544
    assert analogies["capital-common-countries"][0] == ("athens", "greece", "baghdad", "iraq")


@pytest.mark.slow
def test_every_token_follows_the_policy(tmp_cache):
    from utils.text import tokenize

    for doc in data.load_lee_corpus()[:20] + data.load_wiki_excerpt(verbose=False)[:3]:
        assert tokenize(" ".join(doc)) == doc


def test_missing_files_name_the_file_and_the_fix(tmp_path):
    missing = tmp_path / "nope.txt"
    for loader in (data.load_lee_corpus, data.load_polarity_sample, data.load_newsgroups_sample,
                   data.load_wordsim353, data.load_simlex999, data.load_analogies,
                   data.load_wiki_excerpt):
        with pytest.raises(DataSourceError, match="nope.txt.*reinstall gensim|reinstall gensim.*"):
            loader(path=missing)
    with pytest.raises(DataSourceError, match="not found.*reinstall gensim"):
        data.source_path("no-such-file.cor")


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


@pytest.mark.parametrize(
    "content, message",
    [
        ("love\tsex\n", "expected 3 tab-separated fields"),
        ("love\tsex\tlots\n", "not a number"),
        ("love sex 6.77\n", "expected 3 tab-separated fields"),
        ("# only a comment\n", "no word pair"),
    ],
)
def test_malformed_benchmark_lines(tmp_path, content, message):
    with pytest.raises(DataSourceError, match=message):
        data.load_wordsim353(path=write(tmp_path, "ws.tsv", content))


def test_malformed_benchmark_names_the_line(tmp_path):
    path = write(tmp_path, "sl.txt", "# header\nold\tnew\t1.58\nbroken line\n")
    with pytest.raises(DataSourceError, match="sl.txt line 3"):
        data.load_simlex999(path=path)


def test_malformed_analogies(tmp_path):
    with pytest.raises(DataSourceError, match="four words"):
        data.load_analogies(path=write(tmp_path, "q.txt", "athens greece baghdad iraq\n"))
    with pytest.raises(DataSourceError, match="four words"):
        data.load_analogies(path=write(tmp_path, "q.txt", ": capitals\nathens greece baghdad\n"))
    with pytest.raises(DataSourceError, match="no analogy section"):
        data.load_analogies(path=write(tmp_path, "q.txt", "\n"))


def test_polarity_file_without_label(tmp_path):
    path = write(tmp_path, "pol.cor", "__label__pos great film\njust text\n")
    with pytest.raises(DataSourceError, match="line 2.*__label__pos"):
        data.load_polarity_sample(path=path)
    with pytest.raises(DataSourceError, match="no labelled sentence"):
        data.load_polarity_sample(path=write(tmp_path, "empty.cor", "\n\n"))


def test_empty_lee_file(tmp_path):
    with pytest.raises(DataSourceError, match="no document"):
        data.load_lee_corpus(path=write(tmp_path, "lee.cor", "\n"))


def test_corrupted_newsgroups_pickle(tmp_path):
    with pytest.raises(DataSourceError, match="zlib-compressed pickle"):
        data.load_newsgroups_sample(path=write(tmp_path, "ng", b"not compressed"))
    truncated = zlib.compress(pickle.dumps({"data": []}, protocol=2)[:-5])
    with pytest.raises(DataSourceError, match="zlib-compressed pickle"):
        data.load_newsgroups_sample(path=write(tmp_path, "ng", truncated))


def test_newsgroups_pickle_refuses_unexpected_classes(tmp_path):
    evil = zlib.compress(pickle.dumps(pickle.Pickler, protocol=2))
    with pytest.raises(DataSourceError, match="unexpected class"):
        data.load_newsgroups_sample(path=write(tmp_path, "ng", evil))


def test_newsgroups_pickle_without_fields(tmp_path):
    with pytest.raises(DataSourceError, match="lacks data/target"):
        data.load_newsgroups_sample(path=write(tmp_path, "ng", zlib.compress(pickle.dumps({}, protocol=2))))


def test_corrupted_wiki_dump(tmp_path, tmp_cache):
    import bz2

    with pytest.raises(DataSourceError, match="truncated"):
        data.load_wiki_excerpt(path=write(tmp_path, "wiki.xml.bz2", b"BZh91AY&SYgarbage"), verbose=False)
    with pytest.raises(DataSourceError, match="not a MediaWiki"):
        data.load_wiki_excerpt(path=write(tmp_path, "w.bz2", bz2.compress(b"<html></html>")), verbose=False)


def test_cache_dir_override(tmp_cache):
    assert data.cache_dir() == tmp_cache and tmp_cache.is_dir()


def test_vader_lexicon_holds_human_ratings_of_words():
    lex = data.load_vader_lexicon()
    assert 7000 < len(lex) < 7600
    assert lex["good"].mean > 1 and lex["bad"].mean < -1
    assert all(w.isalpha() and w.islower() for w in lex)
    assert all(-4 <= r.mean <= 4 and r.std >= 0 for r in lex.values())
    with_emoticons = data.load_vader_lexicon(words_only=False)
    assert ":)" in with_emoticons and ":)" not in lex
    agreed = data.load_vader_lexicon(max_std=1.0)
    assert set(agreed) < set(lex) and all(r.std <= 1.0 for r in agreed.values())


def test_vader_lexicon_skips_blank_lines_and_reads_a_given_file(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("good\t1.9\t0.9\t[2, 2]\n\n:-)\t1.5\t0.8\t[1, 2]\n", encoding="utf-8")
    assert list(data.load_vader_lexicon(path=path)) == ["good"]
