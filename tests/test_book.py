"""The HTML book: a course map, one page per notebook, links between them, figures present.

The book is rendered from the committed notebooks (what learners read) into a
temporary folder, then opened in a real headless Chromium served from
localhost. Without a browser the browser test is skipped, unless
``COURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run`` and the GitHub workflow), where
a missing browser is a failure.
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import nbformat
import pytest

from utils import course

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


def test_index_lists_every_notebook_with_summary_and_time(book):
    index = (book / "index.html").read_text(encoding="utf-8")
    for path, nb in _notebooks():
        assert f'href="{path.stem}.html"' in index, f"{path.name} missing from the course map"
        assert course.notebook_summary(nb), f"{path.name} has no 'What this notebook shows' sentence"
        assert nb.metadata.get("course", {}).get("seconds"), (
            f"{path.name} has no recorded run time; execute it with `make notebooks`")
    assert index.count("<tr>") == len(course.list_notebooks()) + 1


def test_every_local_link_in_the_book_resolves(book):
    pages = sorted(book.glob("*.html"))
    for page in pages:
        for href in _local_links(page):
            target = href.split("#")[0]
            assert (book / target).is_file(), f"{page.name} links to {href}, which the book lacks"
    first, *_, last = [p for p in pages if p.name != "index.html"]
    assert 'rel="next"' in first.read_text() and 'rel="prev"' not in first.read_text()
    assert 'rel="prev"' in last.read_text() and 'rel="next"' not in last.read_text()


# A page that walks the book in an iframe and writes what it found into the DOM,
# which `chromium --dump-dom` then prints.
_CHECKER = """<!doctype html><meta charset="utf-8"><title>book check</title>
<pre id="result">pending</pre><iframe id="frame" width="1200" height="900"></iframe>
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
  document.getElementById("result").textContent = JSON.stringify(found);
})();
</script>
"""


def _browser() -> str | None:
    explicit = os.environ.get("COURSE_BROWSER")
    if explicit:
        return shutil.which(explicit) or explicit
    return next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)


def test_book_in_headless_chromium(book, tmp_path):
    browser = _browser()
    if browser is None:
        message = f"no headless browser found (looked for {', '.join(BROWSERS)}; set COURSE_BROWSER)"
        if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    pages = ["index.html"] + [f"{p.stem}.html" for p in course.list_notebooks()]
    (book / "check.html").write_text(_CHECKER % json.dumps(pages), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(book))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/check.html"
        out = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=600000", "--dump-dom", url],
            capture_output=True, text=True, timeout=180)
    finally:
        server.shutdown()
    start, end = out.stdout.find('<pre id="result">'), out.stdout.find("</pre>")
    assert start >= 0, f"the browser printed no page (exit {out.returncode}): {out.stderr[-500:]}"
    result = out.stdout[start + len('<pre id="result">'):end]
    assert result != "pending", "the check page did not finish inside the browser's time budget"
    found = json.loads(html.unescape(result))

    index = found["index.html"]
    assert "course map" in index["title"]
    for path, nb in _notebooks():
        assert f"{path.stem}.html" in index["links"], f"the map in the browser lacks {path.name}"
        page = found[f"{path.stem}.html"]
        title = course.notebook_title(nb)
        assert page["title"] == title and page["h1"] == title, (path.name, page["title"], page["h1"])
        assert page["navs"] == 2, f"{path.name}: navigation bars missing"
        assert page["images"] == _figure_count(nb) > 0, f"{path.name}: {page['images']} images in the page"
        missing = page["images"] - page["decoded"]
        assert missing == 0, f"{path.name}: {missing} figures did not load"
        assert "index.html" in page["links"]
