"""Loaders for the real text the course uses offline.

Every source here ships inside gensim's wheel (``gensim/test/test_data``), so
no download is needed. Each loader returns text tokenized with the course's
single policy (:func:`utils.text.tokenize`) and raises :class:`DataSourceError`
naming the file and the fix when the file is missing or unreadable.

=====================  ============================================  ==========
loader                 what it returns                               size
=====================  ============================================  ==========
load_wiki_excerpt      106 English Wikipedia articles                ~450k tokens
load_lee_corpus        300 Australian news documents (Lee corpus)    ~60k tokens
load_polarity_sample   200 movie-review sentences, 0=neg / 1=pos     ~4k tokens
load_newsgroups_sample 200 posts, alt.atheism (0) vs sci.space (1)   ~60k tokens
load_wordsim353        353 word pairs with human relatedness         0-10 scale
load_simlex999         999 word pairs with human similarity          0-10 scale
load_analogies         Google analogy questions, by section          19,544
load_vader_lexicon     ~7,500 words rated for valence by 10 people   -4..+4
=====================  ============================================  ==========

The VADER lexicon ships inside the ``vaderSentiment`` wheel (MIT licence);
every other file ships inside gensim's. Provenance and licences are listed in
``data/README.md``.

The full-size files of ``COURSE_DATA=full`` (IMDB reviews, text8) are
downloaded and read by :mod:`utils.downloads`; :mod:`utils.corpora` chooses
between them and the offline files.
"""

from __future__ import annotations

import bz2
import io
import os
import pickle
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .arguments import flag
from .arguments import path as as_path
from .text import tokenize

__all__ = [
    "DataSourceError",
    "WordPair",
    "source_path",
    "cache_dir",
    "load_wiki_excerpt",
    "load_lee_corpus",
    "load_polarity_sample",
    "load_newsgroups_sample",
    "load_wordsim353",
    "wordsim353_half",
    "load_simlex999",
    "load_analogies",
    "analogies_path",
    "ValenceRating",
    "load_vader_lexicon",
    "vader_lexicon_path",
    "WIKI_EXCERPT",
    "LEE_CORPUS",
    "POLARITY_SAMPLE",
    "NEWSGROUPS_SAMPLE",
    "WORDSIM353",
    "SIMLEX999",
    "ANALOGIES",
]

WIKI_EXCERPT = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
LEE_CORPUS = "lee_background.cor"
POLARITY_SAMPLE = "pang_lee_polarity.cor"
NEWSGROUPS_SAMPLE = "mini_newsgroup"
WORDSIM353 = "wordsim353.tsv"
SIMLEX999 = "simlex999.txt"
ANALOGIES = "questions-words.txt"

# Bump when the tokenization policy or a loader's output changes, so stale
# caches are rebuilt instead of silently reused.
_CACHE_VERSION = "1"
_FIX = "reinstall gensim (pip install --force-reinstall gensim==4.4.0), which ships this file"


class DataSourceError(RuntimeError):
    """A data file is missing, unreadable or not in the expected format.

    Raised by every loader of :mod:`utils.data` (notebooks 03 to 08).
    """


@dataclass(frozen=True)
class ValenceRating:
    """One VADER lexicon entry: the mean and standard deviation of ten people's valence ratings (-4..+4).

    Returned by :func:`load_vader_lexicon` (notebook 06, section "Polarity in word2vec's vectors of real words,
    against human ratings").
    """

    word: str
    mean: float
    std: float


@dataclass(frozen=True)
class WordPair:
    """One benchmark line: two words and the human score for the pair.

    Returned by :func:`load_wordsim353` and :func:`load_simlex999` (notebook 08, section 1: the benchmark words
    some held-out words are drawn from).
    """

    word1: str
    word2: str
    score: float


def source_path(name: str) -> Path:
    """Path of a data file shipped with gensim; raises if it is not there."""
    try:
        from gensim.test.utils import datapath
    except ImportError as exc:  # pragma: no cover - gensim is a hard dependency
        raise DataSourceError(
            f"gensim is not installed, so {name!r} cannot be found; "
            "run `make setup` or `pip install -r requirements.txt`"
        ) from exc
    path = Path(datapath(name))
    if not path.is_file():
        raise DataSourceError(f"data file {name!r} not found at {path}; {_FIX}")
    return path


def _is_checkout(root: Path) -> bool:
    """Whether ``root`` is a checkout of the course (its ``pyproject.toml`` names it), not an installed package."""
    pyproject = root / "pyproject.toml"
    return pyproject.is_file() and 'name = "keras-embedding-course"' in pyproject.read_text(encoding="utf-8")


def cache_dir() -> Path:
    """Folder for parsed-data caches (git-ignored).

    ``COURSE_CACHE_DIR`` overrides it; otherwise ``data/cache`` in the course
    checkout, or ``~/.cache/keras-embedding-course`` when ``utils`` was
    installed without the checkout (e.g. on Colab).
    """
    override = os.environ.get("COURSE_CACHE_DIR")
    if override:
        path = Path(override)
    else:
        checkout = Path(__file__).resolve().parents[1]
        if _is_checkout(checkout):
            path = checkout / "data" / "cache"
        else:
            path = Path.home() / ".cache" / "keras-embedding-course"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataSourceError(f"cannot read {path}: {exc}; {_FIX}") from exc


def _wiki_tokenizer(text: str, token_min_len: int, token_max_len: int, lower: bool) -> list[str]:
    # WikiCorpus passes these arguments; the course policy ignores them on purpose
    # so Wikipedia is tokenized exactly like every other source.
    return tokenize(text)


def _check_wiki_dump(src: Path) -> None:
    # gensim's WikiCorpus parses in a child process and hangs forever when that
    # process dies on a bad file, so the file is checked here first.
    try:
        with bz2.open(src, "rb") as fh:
            head = fh.read(4096)
            while fh.read(1 << 20):
                pass
    except (OSError, EOFError, ValueError) as exc:
        raise DataSourceError(
            f"cannot decompress the Wikipedia dump {src}: {exc}; the file may be "
            f"corrupted or truncated. {_FIX}"
        ) from exc
    if b"<mediawiki" not in head:
        raise DataSourceError(
            f"{src} is not a MediaWiki XML dump (no <mediawiki> element at its start); {_FIX}"
        )


def load_wiki_excerpt(
    *, path: str | os.PathLike | None = None, use_cache: bool = True, verbose: bool = True
) -> list[list[str]]:
    """Articles of the Wikipedia excerpt shipped with gensim, one token list each.

    Markup is stripped by ``gensim.corpora.wikicorpus.WikiCorpus``; articles
    under 50 tokens (redirects, stubs) are dropped, as WikiCorpus does. The
    parsed result is cached as plain text (one article per line) in
    :func:`cache_dir`, keyed by file name and size.

    Read by :func:`utils.load_word2vec_corpus` (notebook 04, section "The real text, and subsampling of frequent
    words").
    """
    src = as_path("path", path) if path is not None else source_path(WIKI_EXCERPT)
    use_cache, verbose = flag("use_cache", use_cache), flag("verbose", verbose)
    if not src.is_file():
        raise DataSourceError(f"Wikipedia dump {src} not found; {_FIX}")
    cache = cache_dir() / f"wiki-{src.stat().st_size}-v{_CACHE_VERSION}.txt"
    if use_cache and cache.is_file():
        with cache.open(encoding="utf-8") as fh:
            return [line.split() for line in fh]
    if verbose:
        print(f"Parsing {src.name} (once; cached in {cache.parent.name}/)...", flush=True)
    _check_wiki_dump(src)
    from gensim.corpora.wikicorpus import WikiCorpus

    try:
        corpus = WikiCorpus(
            str(src), dictionary={}, processes=1, tokenizer_func=_wiki_tokenizer
        )
        articles = [list(tokens) for tokens in corpus.get_texts()]
    except (OSError, EOFError, ValueError) as exc:
        raise DataSourceError(
            f"cannot parse the Wikipedia dump {src}: {exc}; the file may be corrupted. {_FIX}"
        ) from exc
    if not articles:
        raise DataSourceError(f"no article found in {src}; the file may be corrupted. {_FIX}")
    if use_cache:
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")  # private: two kernels may parse at once
        tmp.write_text("\n".join(" ".join(a) for a in articles) + "\n", encoding="utf-8")
        tmp.replace(cache)
    return articles


def load_lee_corpus(*, path: str | os.PathLike | None = None) -> list[list[str]]:
    """The Lee news corpus: 300 documents, one token list each.

    A further offline text for a learner's own experiments; no notebook uses it.
    """
    src = as_path("path", path) if path is not None else source_path(LEE_CORPUS)
    text = _read_bytes(src).decode("latin-1")
    docs = [tokenize(line) for line in text.splitlines() if line.strip()]
    if not docs:
        raise DataSourceError(f"{src} holds no document; {_FIX}")
    return docs


def load_polarity_sample(
    *, path: str | os.PathLike | None = None
) -> tuple[list[list[str]], np.ndarray]:
    """Movie-review sentences with polarity labels (0 = negative, 1 = positive).

    The file is Latin-1 text, one sentence a line, each prefixed with
    ``__label__pos`` or ``__label__neg``.

    Read by :func:`utils.load_sentiment_corpus` (notebook 03, section "A real sentiment task: movie-review
    sentences").
    """
    src = as_path("path", path) if path is not None else source_path(POLARITY_SAMPLE)
    text = _read_bytes(src).decode("latin-1")
    sentences: list[list[str]] = []
    labels: list[int] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, _, rest = line.partition(" ")
        if label not in ("__label__pos", "__label__neg"):
            raise DataSourceError(
                f"{src.name} line {lineno}: expected a '__label__pos' or '__label__neg' "
                f"prefix, got {label[:30]!r}; {_FIX}"
            )
        sentences.append(tokenize(rest))
        labels.append(1 if label == "__label__pos" else 0)
    if not sentences:
        raise DataSourceError(f"{src} holds no labelled sentence; {_FIX}")
    return sentences, np.array(labels, dtype=np.int32)


# numpy 2 moved numpy.core to numpy._core; the pickle names the old module.
_NUMPY_MULTIARRAY = "numpy._core.multiarray" if int(np.__version__.split(".")[0]) >= 2 else "numpy.core.multiarray"


class _NewsgroupsUnpickler(pickle.Unpickler):
    """Unpickles the old scikit-learn Bunch; refuses any other class."""

    _ALLOWED = {
        ("copy_reg", "_reconstructor"): ("copyreg", "_reconstructor"),
        ("__builtin__", "dict"): ("builtins", "dict"),
        ("__builtin__", "object"): ("builtins", "object"),
        ("numpy", "dtype"): ("numpy", "dtype"),
        ("numpy", "ndarray"): ("numpy", "ndarray"),
        ("numpy.core.multiarray", "_reconstruct"): (_NUMPY_MULTIARRAY, "_reconstruct"),
        # The pickle predates sklearn 0.22, which renamed this module.
        ("sklearn.datasets.base", "Bunch"): ("sklearn.utils", "Bunch"),
    }

    def find_class(self, module: str, name: str):
        target = self._ALLOWED.get((module, name))
        if target is None:
            raise pickle.UnpicklingError(f"unexpected class {module}.{name} in the pickle")
        return super().find_class(*target)


def _strip_headers(post: str) -> str:
    # The header block names the newsgroup, i.e. the label: drop it, as
    # scikit-learn's fetch_20newsgroups(remove=("headers",)) does.
    _, sep, body = post.partition("\n\n")
    return body if sep else post


def load_newsgroups_sample(
    *, path: str | os.PathLike | None = None
) -> tuple[list[list[str]], np.ndarray, list[str]]:
    """200 Usenet posts from two groups: ``(token lists, labels, label names)``.

    Labels are 0 = ``alt.atheism`` and 1 = ``sci.space``. Headers are removed
    because they contain the group name.

    Read by :func:`utils.load_classification_corpus` (the topic task of appendices A3, A4 and A6; notebook 07,
    section "A real task").
    """
    src = as_path("path", path) if path is not None else source_path(NEWSGROUPS_SAMPLE)
    raw = _read_bytes(src)
    try:
        bunch = _NewsgroupsUnpickler(io.BytesIO(zlib.decompress(raw)), encoding="latin-1").load()
    except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
        raise DataSourceError(
            f"cannot read {src.name}: {exc}; expected a zlib-compressed pickle of a "
            f"scikit-learn Bunch. {_FIX}"
        ) from exc
    try:
        posts, target, names = bunch["data"], bunch["target"], list(bunch["target_names"])
    except (KeyError, TypeError) as exc:
        raise DataSourceError(f"{src.name} lacks data/target/target_names; {_FIX}") from exc
    docs = [tokenize(_strip_headers(p)) for p in posts]
    return docs, np.asarray(target, dtype=np.int32), names


def _load_word_pairs(name: str, path: str | os.PathLike | None) -> list[WordPair]:
    src = as_path("path", path) if path is not None else source_path(name)
    text = _read_bytes(src).decode("utf-8", errors="strict")
    pairs: list[WordPair] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise DataSourceError(
                f"{src.name} line {lineno}: expected 3 tab-separated fields "
                f"(word, word, score), got {len(fields)}: {line[:60]!r}"
            )
        try:
            score = float(fields[2])
        except ValueError:
            raise DataSourceError(
                f"{src.name} line {lineno}: score {fields[2]!r} is not a number"
            ) from None
        pairs.append(WordPair(fields[0].strip().lower(), fields[1].strip().lower(), score))
    if not pairs:
        raise DataSourceError(f"{src} holds no word pair; {_FIX}")
    return pairs


def load_wordsim353(*, path: str | os.PathLike | None = None) -> list[WordPair]:
    """WordSim-353: 353 pairs scored for *relatedness* (cup/coffee is high).

    Used by :func:`utils.benchmark_score` (notebooks 05, 08 and 09, appendices) and in notebook 08, section 1
    (the held-out words).
    """
    return _load_word_pairs(WORDSIM353, path)


#: Seed of the split of WordSim-353 into two halves (:func:`wordsim353_half`).
WORDSIM353_SPLIT_SEED = 0


def wordsim353_half(half: int, *, path: str | os.PathLike | None = None) -> list[WordPair]:
    """One of two fixed halves of WordSim-353 (``half`` 1 or 2), drawn by a seeded shuffle of its pairs.

    Notebook 04 (section 5, "Training it") chooses the Keras skip-gram's epochs and rate on half 1 and keeps
    half 2 out of that choice (section 8 scores both). Half 1 has 176 pairs, half 2 177; many pairs of the two
    halves share a word.
    """
    if half not in (1, 2):
        raise ValueError(f"half must be 1 or 2, got {half!r}")
    pairs = load_wordsim353(path=path)
    order = np.random.default_rng(WORDSIM353_SPLIT_SEED).permutation(len(pairs))
    chosen = set((order[: len(pairs) // 2] if half == 1 else order[len(pairs) // 2:]).tolist())
    return [p for i, p in enumerate(pairs) if i in chosen]


def load_simlex999(*, path: str | os.PathLike | None = None) -> list[WordPair]:
    """SimLex-999: 999 pairs scored for *similarity* (cup/coffee is low).

    Used by :func:`utils.benchmark_score` (notebooks 05, 08 and 09, appendices) and in notebook 08, section 1
    (the held-out words).
    """
    return _load_word_pairs(SIMLEX999, path)


def analogies_path() -> Path:
    """Path of the Google analogy file, as ``KeyedVectors.evaluate_word_analogies`` takes it.

    Used by :func:`utils.analogy_score` (notebook 05, section "Scores on public benchmarks").
    """
    return source_path(ANALOGIES)


def load_analogies(
    *, path: str | os.PathLike | None = None
) -> dict[str, list[tuple[str, str, str, str]]]:
    """Google analogy questions (``a : b :: c : d``), lower-cased, by section.

    Used by :func:`utils.analogy_score` (notebook 05, section "Scores on public benchmarks").
    """
    src = as_path("path", path) if path is not None else analogies_path()
    sections: dict[str, list[tuple[str, str, str, str]]] = {}
    current: str | None = None
    for lineno, line in enumerate(_read_bytes(src).decode("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith(":"):
            current = line[1:].strip()
            sections[current] = []
            continue
        words = line.lower().split()
        if current is None or len(words) != 4:
            raise DataSourceError(
                f"{src.name} line {lineno}: expected four words after a ': section' "
                f"line, got {line[:60]!r}"
            )
        sections[current].append((words[0], words[1], words[2], words[3]))
    if not sections:
        raise DataSourceError(f"{src} holds no analogy section; {_FIX}")
    return sections


_VADER_FIX = "reinstall vaderSentiment (pip install --force-reinstall vaderSentiment==3.3.2), which ships this file"


def vader_lexicon_path() -> Path:
    """Path of ``vader_lexicon.txt`` inside the installed ``vaderSentiment`` package.

    Used by :func:`load_vader_lexicon` (notebook 06, section "Polarity in word2vec's vectors of real words, against
    human ratings").
    """
    from importlib.util import find_spec

    spec = find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise DataSourceError("the vaderSentiment package is not installed, so its valence lexicon cannot be "
                              "found; run `make setup` or `pip install vaderSentiment==3.3.2`")
    path = Path(next(iter(spec.submodule_search_locations))) / "vader_lexicon.txt"
    if not path.is_file():
        raise DataSourceError(f"vader_lexicon.txt not found at {path}; {_VADER_FIX}")
    return path


def load_vader_lexicon(*, path: str | os.PathLike | None = None, max_std: float | None = None,
                       words_only: bool = True) -> dict[str, ValenceRating]:
    """Human valence ratings of English words: VADER's lexicon (Hutto & Gilbert, 2014), by word.

    Each line of the file is ``token<TAB>mean<TAB>std<TAB>[ten ratings]``; the
    ratings run from -4 (extremely negative) to +4 (extremely positive).
    ``words_only`` keeps lower-case alphabetic words (dropping emoticons such
    as ``:-)`` and abbreviations with digits); ``max_std`` leaves out words
    whose raters disagreed more than that. Used in notebooks 03 and 06
    (sections on polarity in real words).
    """
    if max_std is not None and (isinstance(max_std, bool) or not isinstance(max_std, (int, float))
                                or not max_std > 0):
        raise ValueError(f"max_std must be a positive number or None, got {max_std!r}")
    words_only = flag("words_only", words_only)
    src = as_path("path", path) if path is not None else vader_lexicon_path()
    try:
        text = src.read_bytes().decode("utf-8")
    except OSError as exc:
        raise DataSourceError(f"cannot read {src}: {exc}; {_VADER_FIX}") from exc
    except UnicodeDecodeError as exc:
        raise DataSourceError(f"{src} is not UTF-8 text: {exc}") from exc
    ratings: dict[str, ValenceRating] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            raise DataSourceError(f"{src.name} line {lineno}: expected 4 tab-separated fields "
                                  f"(token, mean, std, ratings), got {len(fields)}: {line[:60]!r}")
        try:
            mean, std = float(fields[1]), float(fields[2])
        except ValueError:
            raise DataSourceError(f"{src.name} line {lineno}: mean {fields[1]!r} or std {fields[2]!r} "
                                  "is not a number") from None
        if not (-4 <= mean <= 4 and std >= 0):
            raise DataSourceError(f"{src.name} line {lineno}: mean {mean} outside -4..+4 or negative std {std}")
        word = fields[0].strip()
        if words_only and not (word.isalpha() and word.islower()):
            continue
        if max_std is not None and std > max_std:
            continue
        ratings[word] = ValenceRating(word, mean, std)
    if not ratings:
        raise DataSourceError(f"{src} holds no rated word that passes the filters")
    return ratings

