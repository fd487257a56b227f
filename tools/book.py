"""Run the course: execute every notebook in order, render HTML, report times.

    python -m tools.book                 # execute into build/, render HTML
    python -m tools.book --inplace       # also write outputs back into notebooks/
    python -m tools.book 01 02           # only notebooks whose names start so
    python -m tools.book --render-only   # render the committed notebooks, run nothing
    python -m tools.book --check         # run every notebook's asserts, write nothing (another stack)
    python -m tools.book --jobs 2        # two notebooks at a time (one kernel each), same outputs

Executed copies go to ``build/executed`` and the book to ``build/html``
(``index.html`` is the course map; git-ignored); the time each notebook took is
printed at the end and saved to ``build/notebook_times.json`` for ``make bench``.

With ``--jobs N`` up to N kernels run at once, the longest notebooks (by the
last recorded times) first. A notebook that reads what an earlier one saves
(:data:`WAITS_FOR`) starts only after it has finished, unless what it reads is
already in the data cache from an earlier run with the same text, recipe and
stack (:data:`SAVED_OUTPUTS`): then both may run at once, since the earlier
notebook only writes the same vectors again (atomically).
Outputs do not depend on the number of jobs: each notebook runs alone in its
own kernel, top to bottom. Side by side, each kernel gets its share of the
cores as TensorFlow's thread count (:func:`kernel_threads`; on two cores and
two jobs, one thread each, which made ``make course`` 10-13% faster on
2026-11-30), except notebooks whose outputs change with it
(:data:`KEEP_DEFAULT_THREADS`). Times are recorded (in the notebooks, the course map
and ``build/notebook_times.json``) only from runs one at a time, since a time
measured beside another kernel is not the notebook's own.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from .paths import APPENDIX_DIR, BUILD_DIR, NOTEBOOK_DIR, ROOT, list_notebooks

__all__ = ["ROOT", "NOTEBOOK_DIR", "BUILD_DIR", "list_notebooks", "execute_notebook", "notebook_title",
           "notebook_summary", "figure_descriptions", "render_book", "render_committed", "run_course",
           "execution_order", "kernel_threads", "reading_minutes", "APPENDIX_DIR", "WAITS_FOR", "SAVED_OUTPUTS",
           "KEEP_DEFAULT_THREADS"]

TIMES_FILE = BUILD_DIR / "notebook_times.json"
#: Notebooks that reuse what an earlier notebook saved, by number: 05 to 08 load notebook 04's Keras
#: skip-gram (``utils.wiki_word2vec``); run before it, each would train it again. (Cached gensim
#: models need no order: whichever notebook comes first trains them, with the same result.)
WAITS_FOR = {"05": ("04",), "06": ("04",), "07": ("04",), "08": ("04",), "09": ("08",), "A1": ("04",),
             "A4": ("04",), "A5": ("04",), "A6": ("04", "08", "09")}


def _wiki_skipgram_saved() -> bool:
    """Whether notebook 04's Keras skip-gram is in the data cache for this text, recipe and stack."""
    from utils.experiments import _wiki_word2vec_inputs
    from utils.word2vec import load_trained_vectors

    return load_trained_vectors(*_wiki_word2vec_inputs(seed=0)) is not None


#: For a notebook of :data:`WAITS_FOR`'s right-hand side: whether what it saves is already there. A
#: prerequisite without such a check (08 and 09: 09 reloads 08's GloVe, appendix A6 both GloVe and fastText)
#: is simply waited for.
SAVED_OUTPUTS = {"04": _wiki_skipgram_saved}


#: Notebooks that keep TensorFlow's default thread count when run side by side, because a checked output
#: changes on one thread: notebook 07's fine-tuned scores (one of them 0.95 on two or eight threads, 0.94 on
#: one; measured 2026-11-30). In the other notebooks every checked output was the same on one, two and eight
#: threads.
KEEP_DEFAULT_THREADS = ("07",)
#: TensorFlow's and OpenMP's thread-count variables, set for a kernel that runs beside others.
THREAD_VARIABLES = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS")


def kernel_threads(name: str, jobs: int, cpus: int | None = None) -> int | None:
    """Threads for a notebook's kernel when ``jobs`` run at once on ``cpus`` cores; None: TensorFlow's default.

    Each kernel gets an equal share of the cores (at least one), so that two
    kernels do not each start a thread per core and take turns on them.
    """
    if jobs <= 1 or name[:2] in KEEP_DEFAULT_THREADS:
        return None
    return max(1, (cpus or os.cpu_count() or 1) // jobs)


def execute_notebook(path: Path, *, timeout: int = 600, threads: int | None = None):
    """Execute ``path`` top to bottom in a fresh kernel; return (notebook, seconds).

    ``threads``: TensorFlow's (and OpenMP's) thread count in that kernel; None leaves the default.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    # The kernel's own start-up warning (plain TCP on localhost) would reach the terminal; errors still do.
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    # What the kernel process itself writes to its stderr (TensorFlow's C++ start-up lines, say) goes
    # to a log file rather than the terminal; cell outputs, errors included, stay in the notebook.
    log_dir = BUILD_DIR / "kernel-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with open(log_dir / f"{path.stem}.log", "w", encoding="utf-8") as kernel_log:
        if threads is None:
            client.execute(stderr=kernel_log)
        else:
            client.execute(stderr=kernel_log, env={**os.environ, **dict.fromkeys(THREAD_VARIABLES, str(threads))})
    return nb, time.perf_counter() - start


def notebook_title(nb) -> str:
    """The notebook's first Markdown heading as plain text (no ``#``, backticks or emphasis)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if match:
                return re.sub(r"[`*]", "", match.group(1)).strip()
    raise ValueError("the notebook has no '# title' heading in a Markdown cell")


#: Reading speeds behind the reading times each notebook states (checked by tests/test_notebooks.py): a
#: learner reading technical English as a second language, who reads the code too and looks at each figure.
PROSE_WORDS_PER_MINUTE = 100
CODE_LINES_PER_MINUTE = 8
MINUTES_PER_FIGURE = 0.5


def reading_minutes(nb) -> int:
    """Minutes a learner needs to read a notebook: prose, code lines and figures, rounded to 5 minutes."""
    words = sum(len(c.source.split()) for c in nb.cells if c.cell_type == "markdown")
    code = sum(1 for c in nb.cells if c.cell_type == "code" for line in c.source.splitlines() if line.strip())
    figures = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                  if "image/png" in o.get("data", {}))
    minutes = words / PROSE_WORDS_PER_MINUTE + code / CODE_LINES_PER_MINUTE + figures * MINUTES_PER_FIGURE
    return max(5, 5 * round(minutes / 5))


def notebook_summary(nb, *, min_chars: int = 100) -> str:
    """Opening of the paragraph that says what the notebook shows, as plain text.

    Whole sentences are taken until the summary has at least ``min_chars``
    characters, so that a short opening sentence gets its follow-up.
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        match = re.search(r"\*\*(?:What this notebook shows|An appendix to)[^*]*\*\*\s*(.+?)(\n\n|$)", cell.source,
                          flags=re.DOTALL)
        if match:
            paragraph = re.sub(r"[`*]", "", " ".join(match.group(1).split()))
            summary = ""
            for sentence in re.findall(r".+?[.!?](?=\s|$)", paragraph):
                summary = f"{summary} {sentence.strip()}".strip()
                if len(summary) >= min_chars:
                    break
            return summary
    return ""


def _nav(pages: list[tuple[str, str]], i: int) -> str:
    links = ['<a href="index.html">Course map</a>']
    if i > 0:
        links.append(f'<a rel="prev" href="{pages[i - 1][0]}">&larr; {html.escape(pages[i - 1][1])}</a>')
    if i + 1 < len(pages):
        links.append(f'<a rel="next" href="{pages[i + 1][0]}">{html.escape(pages[i + 1][1])} &rarr;</a>')
    return ('<nav class="course-nav" style="font:14px sans-serif;padding:8px 16px;display:flex;gap:24px;'
            'background:#f4f4f4;border-bottom:1px solid #ddd">' + "".join(links) + "</nav>")


_DEFAULT_ALT = 'alt="No description has been provided for this image"'


def figure_descriptions(nb) -> list[str]:
    """One description per figure of the notebook, in order: the section it belongs to.

    Used as the figures' alternative text in the HTML book, where nbconvert
    would otherwise say only that no description was provided.
    """
    title, section, descriptions = notebook_title(nb), "", []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            headings = re.findall(r"^##\s+(.+)$", cell.source, flags=re.MULTILINE)
            section = re.sub(r"[`*]", "", headings[-1]).strip() if headings else section
        elif cell.cell_type == "code":
            for out in cell.get("outputs", []):
                if "image/png" in out.get("data", {}):
                    where = f", section {section}" if section else ""
                    descriptions.append(f"Figure {len(descriptions) + 1} of notebook {title}{where}")
    return descriptions


def _render_page(nb, title: str, nav: str) -> str:
    import logging

    from nbconvert import HTMLExporter

    exporter = HTMLExporter()
    exporter.log.setLevel(logging.ERROR)  # its missing-alt warning: the alt text is set below
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    for description in figure_descriptions(nb):
        body = body.replace(_DEFAULT_ALT, f'alt="{html.escape(description)}"', 1)
    # Links between notebooks point at .ipynb files; in the book they point at pages.
    body = re.sub(r'href="(?:\.\./notebooks/|\.\./|appendix/)?((?:\d\d|A\d)_[\w-]+)\.ipynb', r'href="\1.html', body)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, body, count=1)
    return body.replace("</body>", nav + "</body>", 1)


def render_book(notebooks: list[tuple[Path, object]], target: Path,
                times: dict[str, float] | None = None) -> Path:
    """Write one HTML page per notebook and an ``index.html`` course map into ``target``.

    ``notebooks`` is a list of ``(path, executed notebook)`` in course order.
    Each page gets a navigation bar (course map, previous, next). The map lists
    every notebook with its one-line summary and the time it took to run: from
    ``times`` when given, else as recorded in the notebook's metadata by the
    last ``python -m tools.book --inplace``.
    """
    target.mkdir(parents=True, exist_ok=True)
    pages = [(f"{path.stem}.html", notebook_title(nb)) for path, nb in notebooks]
    rows, total = [], 0.0
    for i, (path, nb) in enumerate(notebooks):
        (target / pages[i][0]).write_text(_render_page(nb, pages[i][1], _nav(pages, i)), encoding="utf-8")
        seconds = (times or {}).get(path.name, nb.metadata.get("course", {}).get("seconds"))
        total += seconds or 0.0
        when = f"{seconds:.0f} s" if seconds is not None else "not measured yet"
        rows.append(f'<tr><td><a href="{pages[i][0]}">{html.escape(pages[i][1])}</a></td>'
                    f"<td>{html.escape(notebook_summary(nb))}</td><td class='time'>{when}</td></tr>")
    index = target / "index.html"
    answer = _answer_html(target)
    index.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>How a Keras Embedding layer is trained: course map</title>"
        "<style>body{font:16px/1.5 sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
        "td{vertical-align:top;padding:6px 10px;border-bottom:1px solid #ddd}"
        ".time{white-space:nowrap;text-align:right}</style></head><body>"
        "<h1>How a Keras <code>Embedding</code> layer is trained</h1>"
        "<p>A notebook course, executed. Read the notebooks in order; each checks its claims "
        "with <code>assert</code> and ends with exercises (worked solutions in <code>solutions/</code>). "
        "Times are wall-clock seconds measured when the notebooks were last executed.</p>"
        f"{answer}"
        "<table><thead><tr><th>notebook</th><th>what it shows</th><th>time to run</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<p>Whole course: about {total / 60:.0f} min.</p></body></html>\n",
        encoding="utf-8",
    )
    return index


def _answer_html(target: Path) -> str:
    """The README's short answer and headline figure as HTML for the course map (empty if not generated yet)."""
    import shutil

    import mistune

    from .frontdoor import FIGURE, README, current_block

    try:
        block = current_block(README.read_text(encoding="utf-8"))
    except ValueError:
        return ""
    markdown = "\n".join(line for line in block.splitlines() if not line.startswith("<!--"))
    markdown = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)  # the figure is placed below, from the book's folder
    body = mistune.html(markdown)
    body = re.sub(r'href="notebooks/(?:appendix/)?((?:\d\d|A\d)_[\w-]+)\.ipynb', r'href="\1.html', body)
    figure = ""
    if FIGURE.is_file():
        shutil.copyfile(FIGURE, target / FIGURE.name)
        figure = (f'<p><img src="{FIGURE.name}" style="max-width:100%" alt="The course\'s headline result: '
                  'what a linear probe recovers from a task-trained embedding and from word2vec"></p>')
    return f'<section class="answer">{body}{figure}</section>'


def render_committed(target: Path | None = None) -> Path:
    """Render the committed (already executed) notebooks to a book, without running them."""
    import nbformat

    notebooks = [(path, nbformat.read(path, as_version=4)) for path in list_notebooks()]
    return render_book(notebooks, target or BUILD_DIR / "html")


def run_course(prefixes: list[str] | None = None, *, inplace: bool = False, jobs: int = 1) -> dict[str, float]:
    """Execute the notebooks, then render the whole book; return ``{notebook name: seconds}``.

    With ``inplace`` the executed notebooks (and their run time, in the
    notebook metadata) are written back into ``notebooks/``. ``jobs``: how
    many notebooks run at once (see :func:`execution_order`).
    """
    import nbformat

    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive int, got {jobs!r}")
    (BUILD_DIR / "executed").mkdir(parents=True, exist_ok=True)
    previous = json.loads(TIMES_FILE.read_text()) if TIMES_FILE.is_file() else {}
    times: dict[str, float] = {}

    def finished(path: Path, nb, seconds: float) -> None:
        times[path.name] = seconds
        if jobs == 1:  # a time measured beside another kernel is not the notebook's own
            nb.metadata["course"] = {"seconds": round(seconds, 1)}
        nbformat.write(nb, BUILD_DIR / "executed" / path.name)
        if inplace:
            nbformat.write(nb, path)
        print(f"{path.name:<42} {seconds:7.1f} s", flush=True)

    start = time.perf_counter()
    paths = list_notebooks(prefixes)
    if jobs == 1:
        for path in paths:
            finished(path, *execute_notebook(path))
    else:
        _execute_concurrently(paths, jobs, previous, finished)
    wall = time.perf_counter() - start
    if jobs == 1:
        TIMES_FILE.write_text(json.dumps({**previous, **times}, indent=2) + "\n")
    # Notebooks not run this time appear as committed, with the time recorded in them.
    book = [(path, nbformat.read(BUILD_DIR / "executed" / path.name if path.name in times else path,
                                 as_version=4)) for path in list_notebooks()]
    headline = next((BUILD_DIR / "executed" / name for name in times if name.startswith("06_")), None)
    if headline is not None:
        from .frontdoor import extract_headline_figure

        extract_headline_figure(headline)
    index = render_book(book, BUILD_DIR / "html", times if jobs == 1 else None)
    print(f"{'total':<42} {sum(times.values()):7.1f} s   HTML: {index.relative_to(ROOT)}")
    if jobs > 1:
        print(f"{f'wall clock, {jobs} at a time':<42} {wall:7.1f} s")
        print("(each time above includes the other kernels' load; the course map and make bench keep the "
              "times measured one at a time, JOBS=1)")
    return times


def execution_order(names: list[str], previous_seconds: dict[str, float]) -> list[str]:
    """The order notebooks are offered to free kernels: longest first (by ``previous_seconds``), course order on ties.

    Unknown times count as long, so a new notebook starts early.
    """
    return sorted(names, key=lambda n: (-previous_seconds.get(n, float("inf")), n))


def _prerequisites(name: str, names: list[str]) -> set[str]:
    return {other for other in names if other[:2] in WAITS_FOR.get(name[:2], ())}


def _execute_concurrently(paths: list[Path], jobs: int, previous: dict[str, float], finished) -> None:
    by_name = {p.name: p for p in paths}
    waiting = execution_order(list(by_name), previous)
    done: set[str] = set()
    saved: dict[str, bool] = {}

    def already_saved(prerequisite: str) -> bool:
        if prerequisite[:2] not in saved:
            check = SAVED_OUTPUTS.get(prerequisite[:2])
            try:
                saved[prerequisite[:2]] = bool(check and check())
            except Exception as error:  # noqa: BLE001 (any failure here only means: wait, as without a cache)
                print(f"could not tell whether notebook {prerequisite[:2]}'s outputs are saved ({error}); "
                      "waiting for it", flush=True)
                saved[prerequisite[:2]] = False
        return saved[prerequisite[:2]]

    def next_ready(busy: bool) -> str | None:
        for name in waiting:
            missing = _prerequisites(name, list(by_name)) - done
            # The cache check starts TensorFlow in this process (a few seconds): only while a kernel is busy.
            if not missing or (busy and all(already_saved(p) for p in missing)):
                return name
        return None

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        running: dict = {}
        while waiting or running:
            while len(running) < jobs and (name := next_ready(bool(running))) is not None:
                waiting.remove(name)
                threads = kernel_threads(name, jobs)
                running[pool.submit(execute_notebook, by_name[name], threads=threads)] = name
            if not running:
                raise RuntimeError(f"notebooks {waiting} wait for one another (see WAITS_FOR)")
            complete, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in complete:
                name = running.pop(future)
                finished(by_name[name], *future.result())
                done.add(name)


def check_notebooks(prefixes: list[str] | None = None) -> int:
    """Execute the notebooks without writing anything; print one line each; return how many failed.

    This is how the course is checked on another stack (``make test-oldest``):
    every ``assert`` in every notebook must hold there too, while the
    committed outputs stay those of the main pins.
    """
    import platform
    from importlib.metadata import version

    from nbclient.exceptions import CellExecutionError

    stack = ", ".join(f"{name} {version(name)}" for name in
                      ("tensorflow" if _installed("tensorflow") else "tensorflow-cpu", "keras", "numpy",
                       "scipy", "scikit-learn", "gensim", "matplotlib"))
    print(f"Python {platform.python_version()}: {stack}", flush=True)
    failed = 0
    for path in list_notebooks(prefixes):
        try:
            _, seconds = execute_notebook(path)
            print(f"{path.name:<42} {seconds:7.1f} s  ok", flush=True)
        except CellExecutionError as exc:
            failed += 1
            lines = [line for line in str(exc).splitlines() if line.strip()]
            print(f"{path.name:<42} FAILED: {lines[-1][:300] if lines else exc!r}", flush=True)
    print(f"notebooks: {len(list_notebooks(prefixes)) - failed} passed, {failed} failed")
    return failed


def _installed(distribution: str) -> bool:
    from importlib.metadata import PackageNotFoundError, version

    try:
        version(distribution)
    except PackageNotFoundError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", help="only notebooks whose names start so (e.g. 01)")
    parser.add_argument("--inplace", action="store_true",
                        help="write executed outputs back into notebooks/ (for committing)")
    parser.add_argument("--render-only", action="store_true",
                        help="render the committed notebooks to build/html without executing them")
    parser.add_argument("--check", action="store_true",
                        help="execute the notebooks and report each one's asserts; write nothing")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="run up to N notebooks at once, one kernel each (outputs are the same)")
    args = parser.parse_args(argv)
    if args.check:
        return 1 if check_notebooks(args.prefixes or None) else 0
    if args.render_only:
        index = render_committed()
        print(f"HTML: {index.relative_to(ROOT)}")
    else:
        run_course(args.prefixes or None, inplace=args.inplace, jobs=args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
