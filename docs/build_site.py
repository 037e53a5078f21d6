"""Build the read-only course: every notebook executed and rendered to static HTML.

    python docs/build_site.py [--output _site] [notebook.ipynb ...]     (or: make site)

Each notebook in notebooks/ (in file-name order) runs top to bottom in a fresh kernel
from this environment (cells tagged ``raises-exception`` may raise; any other error
stops the build), and is written to ``<output>/<name>.html`` with its code and all its
outputs (links between notebooks point at their pages); ``<output>/index.html`` lists
them in order.

Widgets. nbconvert's HTML shows a widget only by loading the ipywidgets HTML manager
from a CDN at view time, which fails offline and, without a kernel, could not move a
slider anyway. So the widget state the kernel left behind (stored with
``store_widget_state=True``) is rendered here into plain HTML instead: every explorer
appears as its initial figure (the PNG its ``ipywidgets.Image`` held), its controls as
their initial values, readouts as their text.

Offline. The pages load nothing from the network, so the site works in a workshop room
without wifi: formulas are typeset by the MathJax 2.7 that jupyter-server-mathjax
installs with the course (copied to ``<output>/mathjax/``), not by nbconvert's default
CDN copy, and the require.js tag nbconvert adds (only needed by a live widget manager,
which a static page does not have) is left out.
"""

import argparse
import base64
import html
import re
import shutil
import sys
import time
from pathlib import Path

import jupyter_server_mathjax
import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
CELL_TIMEOUT = 600  # seconds; every notebook runs in < 20 s under nbval
MATHJAX = Path(jupyter_server_mathjax.__file__).parent / "static"
# The one configuration jupyter-server-mathjax ships: TeX input, HTML-CSS output.
MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"

STATIC_NOTE = (
    '<div class="reglab-static-note">Interactive in JupyterLab; this read-only copy '
    "shows the widget as it first appears.</div>"
)
WIDGET_CSS = """
.reglab-static-widget { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px;
  margin: 4px 0; max-width: 100%; }
.reglab-static-note { font-size: 0.85em; color: #57606a; margin-bottom: 6px; }
.reglab-row { display: flex; flex-flow: row wrap; gap: 6px 18px; align-items: center; }
.reglab-column { display: flex; flex-flow: column; gap: 6px; }
.reglab-control { font-family: monospace; font-size: 0.9em; background: #f6f8fa;
  border: 1px solid #d0d7de; border-radius: 4px; padding: 2px 8px; }
.reglab-static-widget img { max-width: 100%; height: auto; }
"""


def _model_id(reference):
    return reference.removeprefix("IPY_MODEL_")


def _control_value(state):
    if "_options_labels" in state and "index" in state:
        index = state["index"]
        labels = state["_options_labels"]
        if isinstance(index, int) and 0 <= index < len(labels):
            return labels[index]
        if isinstance(index, list):  # SelectionRangeSlider, SelectMultiple
            return ", ".join(labels[i] for i in index)
        return ""
    value = state.get("value")
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)


def _render_outputs(outputs, models):
    parts = []
    for output in outputs:
        data = output.get("data", {})
        if WIDGET_VIEW in data:
            parts.append(_render_model(data[WIDGET_VIEW]["model_id"], models))
        elif "image/png" in data:
            parts.append(f'<img src="data:image/png;base64,{data["image/png"]}">')
        elif "text/html" in data:
            parts.append("".join(data["text/html"]))
        elif "text/plain" in data:
            parts.append(f"<pre>{html.escape(''.join(data['text/plain']))}</pre>")
        elif output.get("output_type") == "stream":
            parts.append(f"<pre>{html.escape(''.join(output.get('text', '')))}</pre>")
    return "".join(parts)


def _explorer_text(children, models):
    """The text equivalent among a box's children (a reglab explorer's
    ``reglab-description`` HTML widget), as plain text; None if there is none."""
    for child in children:
        model = models.get(_model_id(child), {})
        state = model.get("state", {})
        if "reglab-description" in state.get("_dom_classes", []):
            text = re.sub(r"<[^>]*>", "", state.get("value", ""))
            return html.unescape(text).strip()
    return None


def _render_model(model_id, models, alt=None):
    """Static HTML for one widget model and its children. ``alt``: the alt text of
    an explorer's figure (its text equivalent, found in the box around it)."""
    model = models.get(_model_id(model_id))
    if model is None:
        raise ValueError(f"widget model {model_id} has no stored state")
    name = model["model_name"]
    state = model["state"]
    if "children" in state:
        layout = (
            "reglab-row" if name in {"HBoxModel", "GridBoxModel"} else "reglab-column"
        )
        text = _explorer_text(state["children"], models)
        children = "".join(
            _render_model(child, models, alt=text) for child in state["children"]
        )
        return f'<div class="{layout}">{children}</div>'
    if name == "ImageModel":
        buffers = {tuple(b["path"]): b["data"] for b in model.get("buffers", [])}
        data = buffers.get(("value",))
        if data is None:
            return ""
        image_format = state.get("format", "png")
        if image_format == "url":  # the value is the URL (explorers send a data URL)
            src = base64.b64decode(data).decode("ascii")
        else:  # the value is the image file
            src = f"data:image/{image_format};base64,{data}"
        # an image with no known text keeps no alt, so nbconvert reports it
        if alt is None or "reglab-figure" not in state.get("_dom_classes", []):
            return f'<img src="{html.escape(src)}">'
        return f'<img src="{html.escape(src)}" alt="{html.escape(alt)}">'
    if name == "OutputModel":
        return _render_outputs(state.get("outputs", []), models)
    if name in {"HTMLModel", "HTMLMathModel"}:
        label = state.get("description", "")
        prefix = f"{html.escape(label)} " if label else ""
        return f"<div>{prefix}{state.get('value', '')}</div>"
    if name == "LabelModel":
        return f"<span>{html.escape(state.get('value', ''))}</span>"
    if name == "ButtonModel":
        return f"<button disabled>{html.escape(state.get('description', ''))}</button>"
    if "value" in state or "index" in state:
        label = state.get("description", "")
        text = f"{label}: {_control_value(state)}" if label else _control_value(state)
        return f'<span class="reglab-control">{html.escape(text)}</span>'
    return ""  # layout and style models draw nothing themselves


def render_widgets_statically(notebook):
    """Replace each widget output by static HTML built from the stored widget state."""
    widget_state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    models = widget_state.get("state", {})
    n_widgets = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW not in data:
                continue
            body = _render_model(data[WIDGET_VIEW]["model_id"], models)
            static = f'<div class="reglab-static-widget">{STATIC_NOTE}{body}</div>'
            output["data"] = {
                "text/html": static,
                "text/plain": data.get("text/plain", ""),
            }
            n_widgets += 1
    # Without widget state the exporter does not add the CDN widget manager script.
    notebook.metadata.pop("widgets", None)
    return n_widgets


#: TeX in a title, as plain text for the index and the browser tab.
TEX_SYMBOLS = {r"\alpha": "\N{GREEK SMALL LETTER ALPHA}",
               r"\lambda": "\N{GREEK SMALL LETTER LAMDA}",
               r"\infty": "\N{INFINITY}"}  # fmt: skip


def title_of(notebook, fallback):
    """The notebook's first level-1 heading, with inline TeX made plain."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if match:
                title = match.group(1).strip()
                for command, symbol in TEX_SYMBOLS.items():
                    title = title.replace(command, symbol)
                return title.replace("$", "")
    return fallback


def build_notebook(path, output_dir):
    notebook = nbformat.read(path, as_version=4)
    executor = ExecutePreprocessor(
        timeout=CELL_TIMEOUT, kernel_name="python3", store_widget_state=True
    )
    executor.preprocess(notebook, {"metadata": {"path": str(path.parent)}})
    n_widgets = render_widgets_statically(notebook)
    exporter = HTMLExporter(template_name="lab", mathjax_url=MATHJAX_URL)
    body, _ = exporter.from_notebook_node(
        notebook, resources={"metadata": {"name": title_of(notebook, path.stem)}}
    )
    body = body.replace(f'<script src="{exporter.require_js_url}"></script>', "", 1)
    body = body.replace("</head>", f"<style>{WIDGET_CSS}</style>\n</head>", 1)
    (output_dir / f"{path.stem}.html").write_text(body, encoding="utf-8")
    return title_of(notebook, path.stem), n_widgets


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>reglab: L1, L2 and elastic-net regularization</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 46em; margin: 3em auto;
  padding: 0 1em; line-height: 1.5; color: #1f2328; }}
li {{ margin: 0.4em 0; }} .n {{ color: #57606a; font-size: 0.9em; }}
</style></head>
<body>
<h1>reglab: L1, L2 and elastic-net regularization</h1>
<p>A read-only copy of the course: every notebook with all its outputs, executed
when this page was built. Widgets show their initial figure; to move the sliders, run
the course in JupyterLab (see the README).</p>
<ol start="0">
{items}
</ol>
</body></html>
"""


def link_pages(output_dir, stems):
    """Point links between notebooks (``01_overfitting.ipynb#...``) at their pages."""
    pattern = re.compile(r'href="(' + "|".join(map(re.escape, stems)) + r")\.ipynb")
    for stem in stems:
        page = output_dir / f"{stem}.html"
        page.write_text(pattern.sub(r'href="\1.html', page.read_text(encoding="utf-8")),
                        encoding="utf-8")  # fmt: skip


def build_site(notebooks, output_dir):
    output_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(MATHJAX, output_dir / "mathjax", dirs_exist_ok=True)
    items = []
    for path in notebooks:
        start = time.perf_counter()
        title, n_widgets = build_notebook(path, output_dir)
        seconds = time.perf_counter() - start
        print(f"{path.name}: {n_widgets} widgets rendered statically, {seconds:.1f} s")
        items.append(
            f'<li><a href="{html.escape(path.stem)}.html">{html.escape(title)}</a> '
            f'<span class="n">({html.escape(path.name)})</span></li>'
        )
    (output_dir / "index.html").write_text(
        INDEX_TEMPLATE.format(items="\n".join(items)), encoding="utf-8"
    )
    link_pages(output_dir, [path.stem for path in notebooks])
    print(f"wrote {len(items)} notebooks and index.html to {output_dir}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "_site")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        print("no notebooks to build", file=sys.stderr)
        return 1
    build_site([path.resolve() for path in notebooks], args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
