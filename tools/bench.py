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


#: Notebook 04's Adam sweep: the grid the Keras skip-gram's epochs and learning rate are chosen from.
W2V_ADAM_GRID = {"epochs": (1, 2, 3), "learning_rate": (0.02, 0.04, 0.08)}
#: Plain SGD's per-pair step sizes tried (gensim's default alpha is 0.025).
W2V_SGD_ALPHAS = (0.0025, 0.01, 0.025, 0.05, 0.1)
#: ``train_word2vec`` settings changed one at a time within the ranges a learner would try.
W2V_DEFAULT_CHANGES = ({}, {"vector_size": 50}, {"vector_size": 300}, {"window": 2}, {"window": 10},
                       {"negative": 2}, {"negative": 15}, {"min_count": 1}, {"min_count": 10})


def _w2v_scores(kv) -> dict:
    from utils.evaluation import benchmark_score

    return {"ws353": round(benchmark_score(kv, "wordsim353").spearman, 3),
            "simlex": round(benchmark_score(kv, "simlex999").spearman, 3)}


def _keras_run(wiki, **settings) -> dict:
    from utils.word2vec import train_word2vec

    try:
        kv, seconds = _timed(lambda: train_word2vec(wiki, seed=0, verbose=0, **settings))
    except FloatingPointError:
        return {"diverged": True}
    return {**_w2v_scores(kv), "seconds": round(seconds, 2)}


def word2vec_heldout_numbers(*, verbose: bool = False) -> dict:
    """Notebook 04, section 'Scores': the Keras settings chosen on SimLex-999 alone, all benchmarks reported.

    Sweeps :data:`W2V_ADAM_GRID` and keeps the setting with the best
    SimLex-999 score (its 505 covered pairs make a steadier choice than half
    of WordSim-353's 241); the recipe should hold it (``recipe_matches_choice``).
    Then scores that recipe and gensim's (one worker, seed 0) on WordSim-353
    (held out from the choice), SimLex-999 and the analogies (held out), each
    as ``[estimate, low, high]`` with its 95% bootstrap interval.
    """
    from utils.data import load_wiki_excerpt
    from utils.evaluation import analogy_score, benchmark_score, gensim_word2vec
    from utils.intervals import accuracy_interval
    from utils.recipes import WIKI_GENSIM, WIKI_SKIPGRAM
    from utils.word2vec import train_word2vec

    wiki = load_wiki_excerpt(verbose=verbose)
    sweep = []
    for epochs in W2V_ADAM_GRID["epochs"]:
        for lr in W2V_ADAM_GRID["learning_rate"]:
            sweep.append({"epochs": epochs, "learning_rate": lr,
                          **_keras_run(wiki, **WIKI_SKIPGRAM.but(epochs=epochs, learning_rate=lr))})
            if verbose:
                print("Adam sweep:", sweep[-1])
    best = max((r for r in sweep if not r.get("diverged")), key=lambda r: r["simlex"])

    def intervals(kv) -> dict:
        a = analogy_score(kv)
        rows = {"ws353": benchmark_score(kv, "wordsim353").interval(),
                "simlex": benchmark_score(kv, "simlex999").interval(),
                "analogies": accuracy_interval([True] * a.correct + [False] * (a.questions_covered - a.correct))}
        return {k: [round(i.estimate, 3), *i.as_list()] for k, i in rows.items()}

    keras_kv = train_word2vec(wiki, seed=0, verbose=0, **WIKI_SKIPGRAM)
    gensim_kv = gensim_word2vec(wiki, verbose=verbose, **WIKI_GENSIM)
    return {"w2v_heldout": {
        "chosen_on": "simlex999",
        "sweep": sweep,
        "chosen": {"epochs": best["epochs"], "learning_rate": best["learning_rate"]},
        "recipe_matches_choice": (WIKI_SKIPGRAM["epochs"], WIKI_SKIPGRAM["learning_rate"])
        == (best["epochs"], best["learning_rate"]),
        "keras": intervals(keras_kv),
        "gensim": intervals(gensim_kv),
    }}


def word2vec_sgd_vs_adam(*, verbose: bool = False) -> dict:
    """Notebook 04, section 'Adam or plain SGD?': the same Keras skip-gram with each optimizer.

    SGD gets gensim's linear decay and a Keras rate of ``alpha * batch * (1 +
    negative)`` (each pair's step is then ``alpha``); ``alpha`` is swept over
    :data:`W2V_SGD_ALPHAS` at the recipe's epochs and chosen on SimLex-999, as
    Adam's settings are. The best SGD then also runs 2x and 4x the epochs, so it can
    be compared with Adam at equal wall time as well as at equal epochs.
    """
    from utils.data import load_wiki_excerpt
    from utils.recipes import WIKI_SKIPGRAM, WIKI_SKIPGRAM_SGD

    wiki = load_wiki_excerpt(verbose=verbose)
    epochs, batch = WIKI_SKIPGRAM["epochs"], WIKI_SKIPGRAM["batch_size"]
    per_pair = batch * (1 + WIKI_SKIPGRAM["negative"])
    sweep = []
    for alpha in W2V_SGD_ALPHAS:
        sweep.append({"alpha": alpha, **_keras_run(wiki, **WIKI_SKIPGRAM_SGD.but(learning_rate=alpha * per_pair))})
        if verbose:
            print("SGD sweep:", sweep[-1])
    best = max((r for r in sweep if not r.get("diverged")), key=lambda r: r["simlex"])
    longer = {f"sgd_{k * epochs}_epochs": _keras_run(wiki, **WIKI_SKIPGRAM_SGD.but(
        learning_rate=best["alpha"] * per_pair, epochs=k * epochs)) for k in (2, 4)}
    return {"w2v_sgd_vs_adam": {
        "adam": {"epochs": epochs, **_keras_run(wiki, **WIKI_SKIPGRAM)},
        "sgd_sweep": sweep,
        "sgd_best_alpha": best["alpha"],
        "recipe_alpha_matches_choice": abs(WIKI_SKIPGRAM_SGD["learning_rate"] - best["alpha"] * per_pair) < 1e-6,
        f"sgd_{epochs}_epochs": {k: v for k, v in best.items() if k != "alpha"},
        **longer,
    }}


def word2vec_defaults_ratios(*, verbose: bool = False) -> dict:
    """``utils.train_word2vec`` with its own defaults against gensim at its plateau, setting by setting.

    For each change in :data:`W2V_DEFAULT_CHANGES` (no learning rate passed),
    gensim skip-gram runs :data:`utils.recipes.WIKI_GENSIM`'s epochs, and the
    Keras model its defaults. ``quality_ratio`` is Keras's WordSim-353 over
    that of gensim's reproducible run (one worker, seed 0: with several
    workers gensim's score moves by several hundredths from run to run);
    ``time_ratio`` is Keras's seconds over those of gensim with one worker
    per CPU, its fastest setting (same machine, one after the other). The
    course's bar: quality ratio >= 0.9, time ratio <= 3.
    """
    from gensim.models import Word2Vec

    from utils.data import load_wiki_excerpt
    from utils.evaluation import benchmark_score, gensim_word2vec
    from utils.recipes import WIKI_GENSIM

    wiki = load_wiki_excerpt(verbose=verbose)
    rows = []
    for change in W2V_DEFAULT_CHANGES:
        settings = {**WIKI_GENSIM, **change}
        _, g_seconds = _timed(lambda settings=settings: Word2Vec(wiki, workers=os.cpu_count(), seed=0, **settings))
        g_ws = benchmark_score(gensim_word2vec(wiki, verbose=verbose, **settings), "wordsim353").spearman
        keras = _keras_run(wiki, **change)
        row = {"setting": change or "defaults", "gensim_ws353": round(g_ws, 3), "gensim_seconds": round(g_seconds, 2),
               "keras_ws353": keras.get("ws353"), "keras_seconds": keras.get("seconds")}
        if not keras.get("diverged"):
            row.update(quality_ratio=round(keras["ws353"] / g_ws, 3), time_ratio=round(keras["seconds"] / g_seconds, 2))
        rows.append(row)
        if verbose:
            print("defaults:", row)
    return {"w2v_defaults_ratios": rows}


def run_bench(*, verbose: bool = False) -> dict:
    """Measure every headline number and return them as a JSON-ready dict."""
    from utils import experiments, lab
    from utils.costs import measure_lookup_cost
    from utils.seeding import seed_everything

    # First, while TensorFlow's op determinism is still off (Keras compiles
    # with XLA only then); seed_everything below switches it on for good.
    w2v = word2vec_numbers(verbose=verbose)
    w2v.update(word2vec_heldout_numbers(verbose=verbose))
    w2v.update(word2vec_sgd_vs_adam(verbose=verbose))
    w2v.update(word2vec_defaults_ratios(verbose=verbose))
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
    args = parser.parse_args(argv)
    if os.environ.get("COURSE_DATA", "small").strip().lower() not in ("", "small"):
        # The headline numbers are those of the offline default; a full-size run is the notebooks' job.
        print(f"note: COURSE_DATA={os.environ['COURSE_DATA']} ignored; the benchmark measures the "
              "default (small) data", file=sys.stderr)
    os.environ["COURSE_DATA"] = "small"
    if args.verbose:
        sys.stdout, real_stdout = sys.stderr, sys.stdout
    result = run_bench(verbose=args.verbose)
    if args.verbose:
        sys.stdout = real_stdout
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
