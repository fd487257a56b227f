"""The HTML book: a course map, one page per notebook, links between them, figures present.

The book is rendered from the committed notebooks (what learners read) into a
temporary folder, then opened in a real headless Chromium served from
localhost. Without a browser the browser test is skipped, unless
``COURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run`` and the GitHub workflow), where
a missing browser is a failure.
"""

from __future__ import annotations

import html
import html.parser
import http.server
import json
import os
import queue
import re
import shutil
import subprocess
import threading
from pathlib import Path

import nbformat
import pytest

from tools import book as course

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    target = tmp_path_factory.mktemp("book")
    course.render_committed(target)
    return target


def _notebooks():
    return [(p, nbformat.read(p, as_version=4)) for p in course.list_notebooks()]


def _figure_count(nb) -> int:
    return sum("image/png" in out.get("data", {}) for c in nb.cells if c.cell_type == "code" for out in c.outputs)


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(v for k, v in attrs if k == "href" and v)


def _local_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [h for h in parser.hrefs if not h.startswith(("http:", "https:", "#", "mailto:"))]


@pytest.mark.slow
def test_index_lists_every_notebook_with_summary_and_time(book):
    index = (book / "index.html").read_text(encoding="utf-8")
    for path, nb in _notebooks():
        assert f'href="{path.stem}.html"' in index, f"{path.name} missing from the course map"
        assert course.notebook_summary(nb), f"{path.name} has no 'What this notebook shows' sentence"
        assert nb.metadata.get("course", {}).get("seconds"), (
            f"{path.name} has no recorded run time; execute it with `make notebooks`")
    assert index.count("<tr>") == len(course.list_notebooks()) + 1


@pytest.mark.slow
def test_every_local_link_in_the_book_resolves(book):
    pages = sorted(book.glob("*.html"))
    for page in pages:
        for href in _local_links(page):
            target = href.split("#")[0]
            assert (book / target).is_file(), f"{page.name} links to {href}, which the book lacks"
    first, *_, last = [p for p in pages if p.name != "index.html"]
    assert 'rel="next"' in first.read_text() and 'rel="prev"' not in first.read_text()
    assert 'rel="prev"' in last.read_text() and 'rel="next"' not in last.read_text()


# A page that walks the book in an iframe and posts what it found back to the
# test's server; the test waits for that post (in real time, not virtual time).
_CHECKER = """<!doctype html><meta charset="utf-8"><title>book check</title>
<iframe id="frame" width="1200" height="900"></iframe>
<script>
const pages = %s;
const frame = document.getElementById("frame");
function load(src) {
  return new Promise(resolve => { frame.onload = resolve; frame.src = src; });
}
async function inspect() {
  const doc = frame.contentDocument;
  // Figures are embedded as data: URLs; badges pointing at other sites cannot load offline.
  const figures = [...doc.images].filter(img => img.src.startsWith("data:image/"));
  await Promise.all(figures.map(img => img.decode().catch(() => null)));
  return {
    title: doc.title,
    h1: (doc.querySelector("h1") || {textContent: ""}).textContent.replace("\\u00b6", "").trim(),
    images: figures.length,
    decoded: figures.filter(img => img.complete && img.naturalWidth > 0).length,
    navs: doc.querySelectorAll("nav.course-nav").length,
    links: [...doc.querySelectorAll("a[href]")].map(a => a.getAttribute("href")),
  };
}
(async () => {
  const found = {};
  for (const page of pages) {
    await load(page);
    found[page] = await inspect();
  }
  await fetch("/result", {method: "POST", body: JSON.stringify(found)});
})().catch(error => fetch("/result", {method: "POST", body: JSON.stringify({error: String(error)})}));
</script>
"""


def _browser() -> str | None:
    explicit = os.environ.get("COURSE_BROWSER")
    if explicit:
        return shutil.which(explicit) or explicit
    return next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)


@pytest.mark.slow
def test_book_in_headless_chromium(book, tmp_path):
    browser = _browser()
    if browser is None:
        message = f"no headless browser found (looked for {', '.join(BROWSERS)}; set COURSE_BROWSER)"
        if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    pages = ["index.html"] + [f"{p.stem}.html" for p in course.list_notebooks()]
    (book / "check.html").write_text(_CHECKER % json.dumps(pages), encoding="utf-8")
    results: queue.Queue = queue.Queue()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(book), **kwargs)

        def do_POST(self):  # the check page reports here
            results.put(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/check.html"
    browser_process = subprocess.Popen(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        report = results.get(timeout=180)
    except queue.Empty:
        report = None
    finally:
        browser_process.kill()
        _, stderr = browser_process.communicate()
        server.shutdown()
    assert report is not None, f"the browser reported nothing within 3 minutes: {stderr[-500:]}"
    found = json.loads(report)
    assert "error" not in found, f"the check page failed in the browser: {found.get('error')}"

    index = found["index.html"]
    assert "course map" in index["title"]
    figures = 0
    for path, nb in _notebooks():
        assert f"{path.stem}.html" in index["links"], f"the map in the browser lacks {path.name}"
        page = found[f"{path.stem}.html"]
        title = course.notebook_title(nb)
        assert page["title"] == title and page["h1"] == title, (path.name, page["title"], page["h1"])
        assert page["navs"] == 2, f"{path.name}: navigation bars missing"
        expected = _figure_count(nb)
        assert page["images"] == expected, f"{path.name}: {page['images']} figures shown, {expected} in the notebook"
        figures += expected
        missing = page["images"] - page["decoded"]
        assert missing == 0, f"{path.name}: {missing} figures did not load"
        assert "index.html" in page["links"]
    assert figures >= 10, f"only {figures} figures in the whole book"


@pytest.mark.slow
def test_every_figure_has_a_description(book):
    for path, nb in _notebooks():
        page = (book / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "No description has been provided" not in page, f"{path.name}: a figure without alt text"
        for description in course.figure_descriptions(nb):
            assert f'alt="{html.escape(description)}"' in page


def test_notebooks_that_reuse_notebook_04s_vectors_wait_for_it():
    # utils.wiki_word2vec (the Keras skip-gram notebook 04 saves) and newsgroups_transfer_data (which loads
    # it), not wiki_gensim_word2vec (a gensim model that whichever notebook runs first trains and caches,
    # with the same result).
    reusing = {p.name[:2] for p, nb in _notebooks() if p.name[:2] != "04" and any(
        re.search(r"(?<!gensim_)wiki_word2vec\(|newsgroups_transfer_data\(", c.source)
        for c in nb.cells if c.cell_type == "code")}
    assert reusing, "some notebook reuses notebook 04's vectors"
    assert {n for n, before in course.WAITS_FOR.items() if "04" in before} == reusing


def test_execution_order_puts_long_and_unknown_notebooks_first():
    order = course.execution_order(["01_a", "02_b", "03_c", "04_d"], {"01_a": 5, "02_b": 50, "03_c": 5})
    assert order == ["04_d", "02_b", "01_a", "03_c"]


def test_concurrent_run_starts_a_notebook_only_after_those_it_waits_for(monkeypatch):
    events: list[tuple[str, str]] = []
    lock = threading.Lock()

    def fake_execute(path, threads=None):
        with lock:
            events.append(("start", path.name))
        with lock:
            events.append(("end", path.name))
        return nbformat.v4.new_notebook(), 0.0

    monkeypatch.setattr(course, "execute_notebook", fake_execute)
    monkeypatch.setattr(course, "SAVED_OUTPUTS", {"04": lambda: False})
    paths = [Path(f"{n}_x.ipynb") for n in ("01", "04", "06", "08")]
    finished = []
    course._execute_concurrently(paths, 2, {"06_x.ipynb": 99, "08_x.ipynb": 98},
                                 lambda path, nb, seconds: finished.append(path.name))
    assert sorted(finished) == sorted(p.name for p in paths)
    end_04 = events.index(("end", "04_x.ipynb"))
    assert events.index(("start", "06_x.ipynb")) > end_04 and events.index(("start", "08_x.ipynb")) > end_04


def test_concurrent_run_does_not_wait_for_vectors_already_saved(monkeypatch):
    # Notebook 04 is held until notebook 08 has started: that only ends if 07 did not wait for it.
    started_07 = threading.Event()
    checks = []

    def fake_execute(path, threads=None):
        if path.name.startswith("08"):
            started_07.set()
        elif path.name.startswith("04"):
            assert started_07.wait(timeout=10), "notebook 08 waited for 04 although its vectors were saved"
        return nbformat.v4.new_notebook(), 0.0

    monkeypatch.setattr(course, "execute_notebook", fake_execute)
    monkeypatch.setattr(course, "SAVED_OUTPUTS", {"04": lambda: checks.append("04") or True})
    paths = [Path(f"{n}_x.ipynb") for n in ("04", "08")]
    finished = []
    course._execute_concurrently(paths, 2, {"08_x.ipynb": 99, "04_x.ipynb": 50},
                                 lambda path, nb, seconds: finished.append(path.name))
    assert sorted(finished) == ["04_x.ipynb", "08_x.ipynb"]
    assert checks == ["04"], "the cache is checked once, and only for a notebook that would wait"


def test_saved_output_checks_are_for_notebooks_waited_for_and_every_name_is_a_notebook():
    waited_for = {p for before in course.WAITS_FOR.values() for p in before}
    assert set(course.SAVED_OUTPUTS) <= waited_for
    names = {p.name[:2] for p in course.list_notebooks()}
    assert waited_for | set(course.WAITS_FOR) <= names


def test_side_by_side_kernels_share_the_cores_except_notebooks_that_keep_the_default():
    assert course.kernel_threads("04_x.ipynb", 1, cpus=2) is None, "one at a time: TensorFlow's default"
    assert course.kernel_threads("04_x.ipynb", 2, cpus=2) == 1
    assert course.kernel_threads("04_x.ipynb", 2, cpus=8) == 4
    assert course.kernel_threads("04_x.ipynb", 3, cpus=2) == 1, "never fewer than one thread"
    for prefix in course.KEEP_DEFAULT_THREADS:
        assert course.kernel_threads(f"{prefix}_x.ipynb", 2, cpus=2) is None


def test_concurrent_run_passes_each_kernel_its_thread_count(monkeypatch):
    seen = {}

    def fake_execute(path, threads=None):
        seen[path.name] = threads
        return nbformat.v4.new_notebook(), 0.0

    monkeypatch.setattr(course, "execute_notebook", fake_execute)
    paths = [Path(f"{n}_x.ipynb") for n in ("01", "07")]
    course._execute_concurrently(paths, 2, {}, lambda path, nb, seconds: None)
    assert seen["07_x.ipynb"] is None
    assert seen["01_x.ipynb"] == course.kernel_threads("01_x.ipynb", 2)


@pytest.mark.slow
def test_a_kernel_gets_the_thread_count_it_is_given_or_the_default(tmp_path, monkeypatch):
    for name in course.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import os; print(os.environ.get('TF_NUM_INTRAOP_THREADS'), os.environ.get('OMP_NUM_THREADS'))")])
    path = tmp_path / "01_threads.ipynb"
    nbformat.write(nb, path)
    for threads, printed in ((1, "1 1"), (None, "None None")):
        executed, _ = course.execute_notebook(path, threads=threads)
        assert executed.cells[0].outputs[0]["text"].strip() == printed, threads
