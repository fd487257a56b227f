"""The lab corpus: synthetic text whose word classes are known in advance.

Real text cannot tell us what a vector *should* encode. The lab corpus can,
because we write the rules that generate it. Its generative assumptions:

1. **Topics.** There are four topic categories (mountains, food, music,
   sports). Each has eight *nouns* (``alps``, ``pasta``...) and eight
   *context words* (``climb``, ``cook``...). A sentence is about one
   category: its nouns and context words come from that category only, so
   nouns of one category share contexts and nouns of different categories
   do not.
2. **Sentiment.** Fourteen positive and fourteen negative *sentiment words*
   are used in exactly the same slots (``the alps were really <word>``), drawn
   independently of the topic. Distributionally, ``good`` and ``bad`` are
   interchangeable: only a sentiment label can tell them apart.
3. **Fillers.** Function words and intensifiers (``the``, ``was``,
   ``really``...) appear everywhere and carry no class.
4. **Held-out words.** Two nouns per category (``himalaya``, ``karakoram``
   for mountains...) and two sentiment words per polarity occur in the
   unlabeled text but never in a labeled *training* example. They are the
   "Himalaya" of the unseen-word test: a model can only place them through
   what the unlabeled text says about them.

Labeled tasks built from the same rules:

* **sentiment** (labels 0 = negative, 1 = positive): each example names a
  topic noun and holds sentiment words of one polarity; the topic is drawn
  independently of the label.
* **topic** (labels 0..3 = category): each example holds nouns (and, half of
  the time, context words) of one category; sentiment words are noise.
* **unseen tests**: examples whose only informative word is a held-out word
  (``the himalaya was quite ...`` with no context word).

Everything is drawn from ``numpy.random.default_rng(seed)``: the same seed
gives the same corpus, token for token.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .arguments import integer

__all__ = [
    "CATEGORIES",
    "WordInfo",
    "LabeledTexts",
    "LabCorpus",
    "make_lab_corpus",
    "lab_lexicon",
]

CATEGORIES: tuple[str, ...] = ("mountains", "food", "music", "sports")

# Per category: (seen nouns, held-out nouns, context words).
_TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "mountains": (
        ("alps", "andes", "rockies", "pyrenees", "urals", "dolomites"),
        ("himalaya", "karakoram"),
        ("climb", "summit", "snowy", "peak", "hike", "glacier", "altitude", "ridge"),
    ),
    "food": (
        ("pasta", "curry", "soup", "salad", "bread", "cheese"),
        ("risotto", "stew"),
        ("cook", "taste", "bake", "spicy", "recipe", "kitchen", "dinner", "served"),
    ),
    "music": (
        ("guitar", "piano", "violin", "drums", "flute", "trumpet"),
        ("cello", "banjo"),
        ("play", "melody", "concert", "tune", "band", "rhythm", "song", "stage"),
    ),
    "sports": (
        ("football", "tennis", "hockey", "rugby", "cricket", "golf"),
        ("baseball", "volleyball"),
        ("match", "team", "score", "league", "coach", "stadium", "season", "players"),
    ),
}

# Per polarity: (seen words, held-out words).
_SENTIMENT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "positive": (
        ("good", "great", "excellent", "wonderful", "superb", "lovely",
         "brilliant", "delightful", "pleasant", "splendid", "terrific", "fine"),
        ("fantastic", "marvelous"),
    ),
    "negative": (
        ("bad", "awful", "terrible", "horrible", "dreadful", "poor",
         "lousy", "dismal", "nasty", "boring", "mediocre", "unpleasant"),
        ("atrocious", "abysmal"),
    ),
}

_INTENSIFIERS = ("really", "very", "quite", "truly", "rather", "so")
_FILLERS = ("the", "a", "this", "that", "we", "they", "it", "and", "with", "at",
            "on", "in", "of", "to", "was", "is", "were", "all")


@dataclass(frozen=True)
class WordInfo:
    """Ground truth for one lab word.

    ``kind`` is ``"noun"``, ``"context"``, ``"sentiment"``, ``"intensifier"``
    or ``"filler"``; ``category`` is set for nouns and context words,
    ``polarity`` (``"positive"``/``"negative"``) for sentiment words;
    ``held_out`` marks words absent from every labeled training example.

    One word of :class:`LabCorpus` (notebook 03, section "The data: a corpus whose word classes we know").
    """

    word: str
    kind: str
    category: str | None = None
    polarity: str | None = None
    held_out: bool = False


@dataclass(frozen=True)
class LabeledTexts:
    """Token lists with integer labels; ``label_names[i]`` names label ``i``.

    One split of :class:`LabCorpus` (notebook 03, section "The data: a corpus whose word classes we know").
    """

    texts: list[list[str]]
    labels: np.ndarray
    label_names: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.texts)

    def subset(self, n: int) -> LabeledTexts:
        """The first ``n`` examples (examples are already in random order)."""
        if not isinstance(n, (int, np.integer)) or not 1 <= n <= len(self):
            raise ValueError(f"subset size must be an int in [1, {len(self)}], got {n!r}")
        return LabeledTexts(self.texts[:n], self.labels[:n], self.label_names)


@dataclass(frozen=True)
class LabCorpus:
    """Unlabeled text, labeled splits and the ground truth for every word.

    Returned by :func:`make_lab_corpus` (notebook 03, section "The data: a corpus whose word classes we know").
    """

    seed: int
    unlabeled: list[list[str]]
    sentiment_train: LabeledTexts
    sentiment_test: LabeledTexts
    sentiment_unseen_test: LabeledTexts
    topic_train: LabeledTexts
    topic_test: LabeledTexts
    topic_unseen_test: LabeledTexts
    lexicon: dict[str, WordInfo] = field(repr=False)

    def words(
        self,
        *,
        kind: str | None = None,
        category: str | None = None,
        polarity: str | None = None,
        held_out: bool | None = None,
    ) -> list[str]:
        """Lab words matching every given filter, in lexicon order."""
        kinds = {"noun", "context", "sentiment", "intensifier", "filler"}
        if kind is not None and kind not in kinds:
            raise ValueError(f"kind must be one of {sorted(kinds)}, got {kind!r}")
        if category is not None and category not in CATEGORIES:
            raise ValueError(f"category must be one of {CATEGORIES}, got {category!r}")
        if polarity is not None and polarity not in ("positive", "negative"):
            raise ValueError(f"polarity must be 'positive' or 'negative', got {polarity!r}")
        return [
            info.word
            for info in self.lexicon.values()
            if (kind is None or info.kind == kind)
            and (category is None or info.category == category)
            and (polarity is None or info.polarity == polarity)
            and (held_out is None or info.held_out == held_out)
        ]


    def opposite_pairs(self) -> list[tuple[str, str]]:
        """Positive and negative sentiment words paired in lexicon order (``good``/``bad`` first).

        The two words of a pair fill the same slots of the same sentences and
        differ only in polarity: the lab's antonyms.
        """
        positive = self.words(kind="sentiment", polarity="positive", held_out=False)
        negative = self.words(kind="sentiment", polarity="negative", held_out=False)
        return list(zip(positive, negative))

    def probe_words(self, prop: str) -> tuple[list[str], list[str]]:
        """Words seen in labeled training with their ground truth, for a probe.

        ``prop="polarity"``: the sentiment words and ``"positive"``/``"negative"``;
        ``prop="category"``: the nouns and context words and their topic.
        """
        if prop == "polarity":
            words = self.words(kind="sentiment", held_out=False)
            return words, [self.lexicon[w].polarity for w in words]
        if prop == "category":
            words = [w for w in self.words(held_out=False) if self.lexicon[w].category]
            return words, [self.lexicon[w].category for w in words]
        raise ValueError(f"prop must be 'polarity' or 'category', got {prop!r}")


def lab_lexicon() -> dict[str, WordInfo]:
    """Every lab word with its ground-truth class."""
    lex: dict[str, WordInfo] = {}
    for cat, (seen, held, ctx) in _TOPICS.items():
        for w in seen:
            lex[w] = WordInfo(w, "noun", category=cat)
        for w in held:
            lex[w] = WordInfo(w, "noun", category=cat, held_out=True)
        for w in ctx:
            lex[w] = WordInfo(w, "context", category=cat)
    for pol, (seen, held) in _SENTIMENT.items():
        for w in seen:
            lex[w] = WordInfo(w, "sentiment", polarity=pol)
        for w in held:
            lex[w] = WordInfo(w, "sentiment", polarity=pol, held_out=True)
    for w in _INTENSIFIERS:
        lex[w] = WordInfo(w, "intensifier")
    for w in _FILLERS:
        lex[w] = WordInfo(w, "filler")
    return lex


class _Generator:
    """Draws sentences following the module's rules from one RNG."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng

    def pick(self, words: tuple[str, ...] | list[str]) -> str:
        return words[int(self.rng.integers(len(words)))]

    def opinion(self, sentiment_words: list[str]) -> list[str]:
        # Same slots for both polarities: this is what makes good/bad
        # distributional twins.
        word = self.pick(sentiment_words)
        if self.rng.random() < 0.6:
            return [self.pick(_INTENSIFIERS), word]
        return [word]

    def sentence(
        self,
        nouns: list[str],
        contexts: list[str],
        sentiment_words: list[str] | None,
        n_context: int,
    ) -> list[str]:
        tokens = [self.pick(("the", "a", "this", "that")), self.pick(nouns)]
        for _ in range(n_context):
            tokens += [self.pick(_FILLERS), self.pick(contexts)]
        if sentiment_words:
            tokens += [self.pick(("was", "is", "were")), *self.opinion(sentiment_words)]
            if self.rng.random() < 0.5:
                tokens += ["and", *self.opinion(sentiment_words)]
        if self.rng.random() < 0.3:
            tokens += [self.pick(("with", "and", "at", "of")), self.pick(("the", "a")), self.pick(nouns)]
        return tokens

    def unlabeled(self, n: int) -> list[list[str]]:
        """``n`` sentences of one random topic each, held-out words included, half of them with an opinion."""
        all_sentiment = [w for p in _SENTIMENT.values() for w in p[0] + p[1]]
        sentences = []
        for _ in range(n):
            seen, held, ctx = _TOPICS[self.pick(CATEGORIES)]
            with_opinion = self.rng.random() < 0.5
            sentences.append(self.sentence(list(seen + held), list(ctx), all_sentiment if with_opinion else None,
                                           n_context=int(self.rng.integers(1, 3))))
        return sentences

    def sentiment_split(self, n: int, held_out: bool) -> LabeledTexts:
        """``n`` sentiment examples: a topic noun, then opinions of the label's polarity (held-out words if asked)."""
        texts, labels = [], []
        for _ in range(n):
            label = int(self.rng.integers(2))
            seen_words, held_words = _SENTIMENT[("negative", "positive")[label]]
            seen, _, ctx = _TOPICS[self.pick(CATEGORIES)]
            texts.append(self.sentence(list(seen), list(ctx), list(held_words if held_out else seen_words),
                                       n_context=int(self.rng.integers(0, 2))))
            labels.append(label)
        return LabeledTexts(texts, np.array(labels, dtype=np.int32), ("negative", "positive"))

    def topic_split(self, n: int, held_out: bool) -> LabeledTexts:
        """``n`` topic examples: nouns of the label's category (a held-out noun alone, or seen nouns and contexts)."""
        seen_sentiment = [w for p in _SENTIMENT.values() for w in p[0]]
        texts, labels = [], []
        for _ in range(n):
            label = int(self.rng.integers(len(CATEGORIES)))
            seen, held, ctx = _TOPICS[CATEGORIES[label]]
            if held_out:
                # The held-out noun is the only clue: no context word.
                tokens = self.sentence(list(held), list(ctx), seen_sentiment, n_context=0)
            else:
                tokens = self.sentence(list(seen), list(ctx), seen_sentiment, n_context=int(self.rng.integers(0, 2)))
            texts.append(tokens)
            labels.append(label)
        return LabeledTexts(texts, np.array(labels, dtype=np.int32), CATEGORIES)


def make_lab_corpus(
    seed: int = 0,
    *,
    n_unlabeled: int = 10_000,
    n_train: int = 2_000,
    n_test: int = 500,
    n_unseen_test: int = 200,
) -> LabCorpus:
    """Generate the lab corpus (see the module docstring for its rules).

    ``n_unlabeled`` sentences of unlabeled text contain every word, held-out
    ones included; each task gets ``n_train`` training, ``n_test`` test and
    ``n_unseen_test`` unseen-word test examples, labels balanced in
    expectation.

    Taught in notebook 03, section "The data: a corpus whose word classes we know"; first used in notebook 02,
    section "A tiny model: the embedding is trained by the task's loss".
    """
    integer("seed", seed, 0)
    for value, name in ((n_unlabeled, "n_unlabeled"), (n_train, "n_train"),
                        (n_test, "n_test"), (n_unseen_test, "n_unseen_test")):
        integer(name, value, 1)
    gen = _Generator(np.random.default_rng(seed))
    lexicon = lab_lexicon()
    # The draws happen in this order (keyword arguments are evaluated left to right): the same seed, the same corpus.
    return LabCorpus(
        seed=int(seed),
        unlabeled=gen.unlabeled(n_unlabeled),
        sentiment_train=gen.sentiment_split(n_train, held_out=False),
        sentiment_test=gen.sentiment_split(n_test, held_out=False),
        sentiment_unseen_test=gen.sentiment_split(n_unseen_test, held_out=True),
        topic_train=gen.topic_split(n_train, held_out=False),
        topic_test=gen.topic_split(n_test, held_out=False),
        topic_unseen_test=gen.topic_split(n_unseen_test, held_out=True),
        lexicon=lexicon,
    )
