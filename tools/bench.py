"""The course's headline numbers, measured fresh: ``python -m tools.bench`` (or ``make bench``).

Prints one JSON object. Each course notebook adds the keys for the claims it
proves; the measurements call the same ``utils`` functions the notebooks use.
``notebook_seconds`` is read from the last ``make course`` run (it is the
one value not re-measured here, because it means running every notebook).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np

from .book import TIMES_FILE

__all__ = ["run_bench"]


def _notebook_seconds() -> dict[str, float] | None:
    if not TIMES_FILE.is_file():
        return None
    return {k: round(v, 2) for k, v in json.loads(TIMES_FILE.read_text()).items()}


def task_embedding_numbers(seed: int = 0) -> dict:
    """Notebook 03's headline numbers (claim C3), from the same trainings in :mod:`utils.experiments`."""
    from utils import evaluation, experiments, lab

    corpus = lab.make_lab_corpus(seed=seed)
    task = experiments.lab_sentiment_embedding(corpus, seed=seed)
    pol_words, pol = corpus.probe_words("polarity")
    cat_words, cat = corpus.probe_words("category")
    probes = {name: (evaluation.probe_accuracy(kv, pol_words, pol), evaluation.probe_accuracy(kv, cat_words, cat))
              for name, kv in (("task", task.vectors), ("untrained", task.untrained))}
    news = experiments.newsgroups_embedding(seed=seed)
    ws = evaluation.benchmark_score(news.vectors, "wordsim353")
    sl = evaluation.benchmark_score(news.vectors, "simlex999")
    return {
        "classifier_test_accuracy": round(task.test_accuracy, 4),
        "task_probe_polarity": round(probes["task"][0].accuracy, 3),
        "task_probe_category": round(probes["task"][1].accuracy, 3),
        "untrained_probe_polarity": round(probes["untrained"][0].accuracy, 3),
        "untrained_probe_category": round(probes["untrained"][1].accuracy, 3),
        "probe_chance_polarity": round(probes["task"][0].chance, 3),
        "probe_chance_category": round(probes["task"][1].chance, 3),
        "task_ws353_spearman": round(ws.spearman, 3),
        "task_ws353_coverage": round(ws.coverage, 3),
        "task_simlex_spearman": round(sl.spearman, 3),
        "task_simlex_coverage": round(sl.coverage, 3),
        "task_benchmark_source": "embedding of the 20 Newsgroups-sample classifier (notebook 03, section 8)",
    }


def side_by_side_numbers(seed: int = 0, *, lab_vectors=None) -> dict:
    """Notebook 05's headline numbers: probes of word2vec vectors, and antonym cosines, on the lab corpus.

    ``lab_vectors`` is the lab corpus's word2vec for ``seed`` when already trained.
    """
    from utils import evaluation, experiments, lab

    corpus = lab.make_lab_corpus(seed=seed)
    task = experiments.lab_sentiment_embedding(corpus, seed=seed).vectors
    w2v = lab_vectors if lab_vectors is not None else experiments.lab_word2vec(corpus, seed=seed)
    pairs = corpus.opposite_pairs()
    return {
        "w2v_probe_polarity": round(evaluation.probe_accuracy(w2v, *corpus.probe_words("polarity")).accuracy, 3),
        "w2v_probe_category": round(evaluation.probe_accuracy(w2v, *corpus.probe_words("category")).accuracy, 3),
        "antonym_cosine_task": round(float(np.mean([task.similarity(a, b) for a, b in pairs])), 3),
        "antonym_cosine_w2v": round(float(np.mean([w2v.similarity(a, b) for a, b in pairs])), 3),
    }


def transfer_numbers(seed: int = 0, *, lab_vectors=None) -> dict:
    """Notebook 06's headline numbers (claims C5, C6): the unseen-word test and the real-task gain.

    ``lab_vectors`` is the lab corpus's word2vec for ``seed`` when already trained.
    """
    from utils import experiments, lab, recipes, text, transfer

    corpus = lab.make_lab_corpus(seed=seed)
    vocab = text.Vocabulary.from_sentences(corpus.unlabeled)
    w2v = lab_vectors if lab_vectors is not None else experiments.lab_word2vec(corpus, seed=seed)
    table, _ = transfer.pretrained_table(vocab, w2v)
    splits = experiments.encode_splits(vocab, {"train": corpus.topic_train, "test": corpus.topic_test,
                                               "unseen": corpus.topic_unseen_test})
    points, _ = transfer.transfer_curves(table, splits["train"], splits["test"], unseen=splits["unseen"],
                                         n_classes=4, verbose=False, **recipes.LAB_CURVES)
    unseen = transfer.summarize_curves(points, "unseen_accuracy")
    full = max(recipes.LAB_CURVES["sizes"])
    news = experiments.newsgroups_transfer_data(seed=seed)
    real_curves = experiments.real_curves()
    real_points, _ = transfer.transfer_curves(news.table, news.train, news.test, n_classes=2, verbose=False,
                                              **real_curves)
    real = transfer.summarize_curves(real_points)
    smallest = min(real_curves["sizes"])
    gain = {v: round(100 * (real[v][smallest][0] - real["random init"][smallest][0]), 1)
            for v in transfer.VARIANTS[1:]}
    return {
        "transfer_unseen_acc_random": round(unseen["random init"][full][0], 3),
        "transfer_unseen_acc_w2v_frozen": round(unseen["word2vec frozen"][full][0], 3),
        "transfer_unseen_acc_w2v_finetuned": round(unseen["word2vec fine-tuned"][full][0], 3),
        "transfer_real_gain_smallest_n": gain["word2vec frozen"],
        "transfer_real_gain_smallest_n_finetuned": gain["word2vec fine-tuned"],
        "transfer_real_smallest_n": smallest,
        "transfer_note": (f"unseen-word accuracy: lab topic task, all {full} labeled sentences, mean of "
                          f"{len(recipes.LAB_CURVES['seeds'])} seeds; gain: accuracy points of word2vec "
                          f"init over random init, 20 Newsgroups sample, {smallest} labeled posts"),
    }


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def word2vec_numbers(*, verbose: bool = False) -> dict:
    """Notebook 04's race (claim C4): Keras word2vec vs gensim, time to the same quality.

    gensim runs with one worker per CPU (its fastest setting, not reproducible)
    for 10, 20 and 30 epochs; its *levelled-off* score is the first whose
    WordSim-353 Spearman the next run improves by less than 0.01. The Keras
    skip-gram then trains for 1, 2, 3... epochs (each run from scratch) until
    it reaches 95% of that score; its time is that run's wall time.
    """
    from gensim.models import Word2Vec

    from utils.data import load_wiki_excerpt
    from utils.evaluation import benchmark_score
    from utils.recipes import WIKI_CBOW, WIKI_GENSIM, WIKI_SKIPGRAM, WORD2VEC_MODEL
    from utils.seeding import op_determinism_enabled
    from utils.word2vec import train_word2vec

    if op_determinism_enabled():
        raise RuntimeError("op determinism is on, which makes Keras refuse XLA: "
                           "measure word2vec before anything calls seed_everything")
    wiki = load_wiki_excerpt(verbose=verbose)
    gensim_runs = []
    for epochs in (WIKI_GENSIM["epochs"] // 2, WIKI_GENSIM["epochs"], WIKI_GENSIM["epochs"] * 3 // 2):
        model, seconds = _timed(lambda epochs=epochs: Word2Vec(wiki, workers=os.cpu_count(), seed=0, epochs=epochs,
                                                               **WORD2VEC_MODEL))
        gensim_runs.append((epochs, seconds, model.wv, benchmark_score(model.wv, "wordsim353").spearman))
        if verbose:
            print(f"gensim {epochs} epochs: {seconds:.1f} s, WordSim-353 {gensim_runs[-1][3]:+.3f}")
    level = next((run for run, nxt in zip(gensim_runs, gensim_runs[1:]) if nxt[3] - run[3] < 0.01),
                 gensim_runs[-1])
    g_epochs, g_seconds, g_kv, g_ws = level
    target = 0.95 * g_ws
    for epochs in range(1, 7):
        kv, seconds = _timed(lambda epochs=epochs: train_word2vec(wiki, seed=0, verbose=0,
                                                                   **WIKI_SKIPGRAM.but(epochs=epochs)))
        ws = benchmark_score(kv, "wordsim353").spearman
        if verbose:
            print(f"Keras {epochs} epochs: {seconds:.1f} s, WordSim-353 {ws:+.3f} (target {target:+.3f})")
        if ws >= target:
            break
    cbow_kv, cbow_seconds = _timed(lambda: train_word2vec(wiki, seed=0, verbose=0, **WIKI_CBOW))
    return {
        "w2v_gensim_ws353": round(g_ws, 3),
        "w2v_gensim_simlex": round(benchmark_score(g_kv, "simlex999").spearman, 3),
        "w2v_gensim_seconds": round(g_seconds, 2),
        "w2v_gensim_epochs": g_epochs,
        "w2v_gensim_workers": os.cpu_count(),
        "w2v_gensim_curve": {str(e): round(ws_, 3) for e, _, _, ws_ in gensim_runs},
        "w2v_keras_ws353": round(ws, 3),
        "w2v_keras_simlex": round(benchmark_score(kv, "simlex999").spearman, 3),
        "w2v_keras_seconds": round(seconds, 2),
        "w2v_keras_epochs": epochs,
        "w2v_keras_reached_target": bool(ws >= target),
        "w2v_time_ratio": round(seconds / g_seconds, 2),
        "cbow_keras_ws353": round(benchmark_score(cbow_kv, "wordsim353").spearman, 3),
        "cbow_keras_seconds": round(cbow_seconds, 2),
        "cbow_keras_epochs": WIKI_CBOW["epochs"],
    }


def _mittens_fit(counts, vector_size: int, x_max: float, alpha: float, max_iter: int, seed: int):
    """Runs in a child process: importing ``mittens`` switches TensorFlow's eager execution off for good."""
    from mittens.np_mittens import GloVe

    dense = counts[1:, 1:].toarray()  # row 0 is padding
    n, dim = dense.shape[0], vector_size
    rng = np.random.default_rng(seed)
    # mittens reseeds NumPy's global generator from the OS; a fixed start makes it reproducible.
    start = {name: rng.uniform(-0.5 / dim, 0.5 / dim, size=(n, d)) for name, d in
             (("W", dim), ("C", dim), ("bw", 1), ("bc", 1))}
    model = GloVe(n=dim, xmax=x_max, alpha=alpha, max_iter=max_iter, display_progress=0, test_mode=True)
    began = time.perf_counter()
    vectors = model.fit(dense, fixed_initialization=start)
    return vectors, time.perf_counter() - began


def _mittens_glove(counts, words, recipe, *, max_iter: int, seed: int = 0):
    """The reference GloVe: ``mittens`` (NumPy, full-batch AdaGrad over the dense matrix); vectors and fit time."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from utils.evaluation import keyed_vectors

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        vectors, seconds = pool.submit(_mittens_fit, counts, recipe["vector_size"], recipe["x_max"],
                                       recipe["alpha"], max_iter, seed).result()
    return keyed_vectors(vectors, words[1:]), seconds


def glove_fasttext_numbers(*, verbose: bool = False, mittens_iterations: int | None = None) -> dict:
    """Notebook 07's headline numbers (claim C7): GloVe and fastText from Keras layers vs their references.

    GloVe: Keras (:func:`utils.fit_glove`) and ``mittens`` on the same
    co-occurrence matrix of the whole Wikipedia excerpt. fastText: Keras
    (:func:`utils.train_fasttext`) and gensim ``FastText`` (one worker) on the
    same text. Words never seen: fastText trained on the text without
    notebook 07's held-out words. PPMI + SVD on the same counts.

    ``mittens_iterations=None`` skips the GloVe reference: mittens fits the
    dense ``vocabulary x vocabulary`` matrix in full batches (about 5.5 GB of
    memory here, and minutes per ten iterations on 2 cores), so it runs only
    on request (``python -m tools.bench --mittens 100``).
    """
    from gensim.models import FastText
    from sklearn.decomposition import TruncatedSVD

    import utils
    from utils import recipes

    wiki = utils.load_word2vec_corpus()
    g = recipes.WIKI_GLOVE
    corpus = utils.Word2VecCorpus.from_sentences(wiki, min_count=g["min_count"])
    counts = utils.cooccurrence_matrix(corpus.ids, corpus.sentence, corpus.vocab_size, window=g["window"])
    fit = {k: v for k, v in g.items() if k not in ("window", "min_count")}
    kv_glove, glove_seconds = _timed(lambda: utils.fit_glove(counts, corpus.words, seed=0, **fit))
    ws = {"glove": utils.benchmark_score(kv_glove, "wordsim353").spearman, "ref": None}
    ref_seconds = None
    if mittens_iterations:
        kv_ref, ref_seconds = _mittens_glove(counts, corpus.words, g, max_iter=mittens_iterations)
        ws["ref"] = utils.benchmark_score(kv_ref, "wordsim353").spearman
    if verbose:
        print(f"GloVe Keras {glove_seconds:.1f} s WS353 {ws['glove']:+.3f}; mittens {ref_seconds} s {ws['ref']}")
    ft, ft_seconds = _timed(lambda: utils.train_fasttext(wiki, seed=0, **recipes.WIKI_FASTTEXT))
    ref_ft, gensim_seconds = _timed(lambda: FastText(wiki, workers=1, seed=0, **recipes.WIKI_GENSIM_FASTTEXT).wv)
    ppmi = utils.ppmi_matrix(counts, cds=recipes.WIKI_PPMI_SVD["cds"])
    svd = TruncatedSVD(recipes.WIKI_PPMI_SVD["vector_size"], n_iter=recipes.WIKI_PPMI_SVD["n_iter"], random_state=0)
    kv_svd = utils.keyed_vectors(svd.fit_transform(ppmi) / np.sqrt(svd.singular_values_), corpus.words)
    oov = _unseen_word_numbers(wiki)
    return {
        "glove_keras_ws353": round(ws["glove"], 3),
        "glove_ref_ws353": None if ws["ref"] is None else round(ws["ref"], 3),
        "glove_ref": (f"mittens {_version('mittens')} (NumPy), {mittens_iterations} full-batch AdaGrad iterations"
                      if mittens_iterations else "not run: pass --mittens N to fit mittens for N iterations"),
        "glove_time_ratio": None if ref_seconds is None else round(glove_seconds / ref_seconds, 2),
        "glove_keras_seconds": round(glove_seconds, 2),
        "glove_ref_seconds": None if ref_seconds is None else round(ref_seconds, 2),
        "fasttext_keras_ws353": round(utils.benchmark_score(ft.kv, "wordsim353").spearman, 3),
        "fasttext_gensim_ws353": round(utils.benchmark_score(ref_ft, "wordsim353").spearman, 3),
        "fasttext_time_ratio": round(ft_seconds / gensim_seconds, 2),
        "fasttext_keras_seconds": round(ft_seconds, 2),
        "fasttext_gensim_seconds": round(gensim_seconds, 2),
        "ppmi_svd_ws353": round(utils.benchmark_score(kv_svd, "wordsim353").spearman, 3),
        **oov,
    }


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _unseen_word_numbers(wiki) -> dict:
    """Notebook 07, section 7: fastText on words held out of its training text."""
    import utils
    from utils import recipes

    full = utils.Word2VecCorpus.from_sentences(wiki, min_count=1)
    bench_words = {w for p in utils.load_wordsim353() + utils.load_simlex999() for w in (p.word1, p.word2)}
    held = utils.pick_unseen_words(dict(zip(full.words[1:], full.counts[1:].tolist())), bench_words,
                                   **recipes.HELD_OUT_WORDS)
    ft = utils.train_fasttext(utils.without_words(wiki, held), seed=0, **recipes.WIKI_FASTTEXT)
    kv = ft.oov_keyed_vectors(held)
    pairs = [p for p in utils.load_wordsim353() if p.word1 in held or p.word2 in held]
    pairs = [p for p in pairs if p.word1 in kv and p.word2 in kv]
    rho = utils.spearman_interval([kv.similarity(p.word1, p.word2) for p in pairs], [p.score for p in pairs])
    plurals = {w: s for w, s in held.items() if s}
    hits = [s in {n for n, _ in ft.kv.similar_by_vector(ft[w], topn=10)} for w, s in plurals.items()]
    return {
        "oov_fasttext_ws353": round(rho.estimate, 3),
        "oov_fasttext_ws353_interval": rho.as_list(),
        "oov_fasttext_ws353_pairs": len(pairs),
        "oov_neighbour_stem_rate": round(float(np.mean(hits)), 3),
        "oov_neighbour_stem_k": 10,
        "oov_plurals": len(plurals),
    }


def run_bench(*, verbose: bool = False, mittens_iterations: int | None = None) -> dict:
    """Measure every headline number and return them as a JSON-ready dict.

    ``mittens_iterations``: fit the reference GloVe for that many iterations
    (see :func:`glove_fasttext_numbers`); None skips it.
    """
    from utils import experiments, lab
    from utils.costs import measure_lookup_cost
    from utils.seeding import seed_everything

    # First, while TensorFlow's op determinism is still off (Keras compiles
    # with XLA only then); seed_everything below switches it on for good.
    w2v = word2vec_numbers(verbose=verbose)
    w2v.update(glove_fasttext_numbers(verbose=verbose, mittens_iterations=mittens_iterations))
    lab_vectors = experiments.lab_word2vec(lab.make_lab_corpus(seed=0), seed=0)
    w2v.update(side_by_side_numbers(lab_vectors=lab_vectors))
    w2v.update(transfer_numbers(lab_vectors=lab_vectors))
    seed_everything(0)
    costs = measure_lookup_cost((1_000, 10_000, 100_000), verbose=verbose)
    result = {
        "cpu_count": os.cpu_count(),
        "lookup_speedup": {str(c.vocab_size): round(c.speedup, 1) for c in costs},
        "lookup_onehot_ms": {str(c.vocab_size): round(c.onehot_seconds * 1e3, 3) for c in costs},
        "lookup_ms": {str(c.vocab_size): round(c.lookup_seconds * 1e3, 3) for c in costs},
        "notebook_seconds": _notebook_seconds(),
    }
    result.update(task_embedding_numbers())
    result.update(w2v)
    if result["notebook_seconds"] is None:
        result["notebook_seconds_note"] = "no course run yet: run `make course` first"
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the course's headline numbers.")
    parser.add_argument("--verbose", action="store_true", help="show progress on stderr")
    parser.add_argument("--mittens", type=int, default=None, metavar="N",
                        help="also fit the reference GloVe (mittens) for N iterations: slow, ~5.5 GB of memory")
    args = parser.parse_args(argv)
    if os.environ.get("COURSE_DATA", "small").strip().lower() not in ("", "small"):
        # The headline numbers are those of the offline default; a full-size run is the notebooks' job.
        print(f"note: COURSE_DATA={os.environ['COURSE_DATA']} ignored; the benchmark measures the "
              "default (small) data", file=sys.stderr)
    os.environ["COURSE_DATA"] = "small"
    if args.verbose:
        sys.stdout, real_stdout = sys.stderr, sys.stdout
    result = run_bench(verbose=args.verbose, mittens_iterations=args.mittens)
    if args.verbose:
        sys.stdout = real_stdout
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
