"""`make site` pages work offline: formulas typeset by the MathJax shipped with the
course, and no request leaves the machine (Chromium with every non-local request
refused, as in a workshop room without wifi)."""

import functools
import http.server
import importlib.util
import re
import threading

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from . import conftest as e2e

pytestmark = pytest.mark.e2e

FORMULAS = [
    r"The lasso adds $\alpha \|w\|_1$ to the loss.",
    r"$$\min_w \frac{1}{2n}\|y - Xw\|_2^2 + \alpha \|w\|_1$$",
    r"Ridge shrinks each direction by $\frac{s_j^2}{s_j^2 + n\alpha}$.",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    spec = importlib.util.spec_from_file_location(
        "build_site", e2e.ROOT / "docs" / "build_site.py"
    )
    build_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_site)
    folder = tmp_path_factory.mktemp("offline_site")
    markdown = new_markdown_cell("# Formulas\n\n" + "\n\n".join(FORMULAS))
    notebook = new_notebook(cells=[markdown, new_code_cell("print(1 + 1)")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = folder / "formulas.ipynb"
    nbformat.write(notebook, path)
    output = folder / "_site"
    build_site.build_site([path], output)
    return output


def test_pages_load_no_remote_script(site):
    # (nbconvert's mermaid loader imports from a CDN only when a page has a diagram.)
    page = (site / "formulas.html").read_text()
    assert not re.search(r"<script[^>]*\ssrc=\"(https?:)?//", page)
    assert "require.js" not in page
    assert '<script src="mathjax/MathJax.js' in page
    assert (site / "mathjax" / "MathJax.js").is_file()


def test_formulas_typeset_with_the_network_blocked(site, browser):
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(site)
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = f"http://127.0.0.1:{server.server_address[1]}/"
    refused = []

    def only_local(route):
        if route.request.url.startswith(local):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context = browser.new_context()  # the session's Chromium, a fresh profile
    try:
        page = context.new_page()
        page.route("**/*", only_local)
        page.goto(local + "formulas.html")
        page.wait_for_function(
            "() => window.MathJax && MathJax.Hub && MathJax.Hub.queue"
            " && MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running"
            " && document.querySelectorAll('script[type^=\"math/tex\"]').length",
            timeout=60_000,
        )
        typeset = page.evaluate(
            "() => document.querySelectorAll('script[type^=\"math/tex\"]').length"
        )
        raw_dollars = page.evaluate(
            "() => [...document.querySelectorAll('.jp-RenderedMarkdown')]"
            ".map(e => e.innerText).join('').split('$').length - 1"
        )
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert refused == []
    assert typeset == len(FORMULAS)
    assert raw_dollars == 0
