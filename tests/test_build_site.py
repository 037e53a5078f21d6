"""make site (docs/build_site.py): a notebook with a widget becomes static HTML in
which the widget shows its initial figure and control values, with no widget manager
to fetch from a CDN."""

import base64
import html
import importlib.util
import io
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def build_site():
    spec = importlib.util.spec_from_file_location(
        "build_site", ROOT / "docs" / "build_site.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png_of_one_red_pixel():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), (255, 0, 0)).save(buffer, format="png")
    return buffer.getvalue()


def _widget_output(build_site, model_id):
    return nbformat.v4.new_output(
        "display_data",
        data={
            "text/plain": "VBox()",
            build_site.WIDGET_VIEW: {"model_id": model_id, "version_major": 2},
        },
    )


def _static_page(build_site, model_id, models):
    """What ``render_widgets_statically`` makes of one widget output."""
    notebook = new_notebook()
    notebook.cells = [new_code_cell("explorer")]
    notebook.cells[0].outputs = [_widget_output(build_site, model_id)]
    notebook.metadata["widgets"] = {
        build_site.WIDGET_STATE: {
            "state": models,
            "version_major": 2,
            "version_minor": 0,
        }
    }
    assert build_site.render_widgets_statically(notebook) == 1
    return notebook.cells[0].outputs[0]["data"]["text/html"]


WIDGET_CELL = """import ipywidgets as widgets

image = widgets.Image(value=PNG, format="png")
slider = widgets.FloatSlider(value=0.25, min=0, max=1, description="alpha")
choice = widgets.Dropdown(
    options=["lasso", "ridge"], value="ridge", description="penalty"
)
readout = widgets.HTML("<b>3 nonzero</b>")
widgets.VBox([widgets.HBox([slider, choice]), image, readout])"""


def test_widget_becomes_its_initial_figure_and_controls(build_site, tmp_path):
    png = _png_of_one_red_pixel()
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "Python 3 (ipykernel)",
    }
    notebook.cells = [
        new_markdown_cell(
            "# 07 · A lesson from $\\alpha = 0$ to $\\infty$\n\n"
            "Back to [this lesson](07_lesson.ipynb#top), on to [08](08_next.ipynb)."
        ),
        new_code_cell(f"PNG = {png!r}"),
        new_code_cell(WIDGET_CELL),
        new_code_cell("print(1 + 1)"),
    ]
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
    source = tmp_path / "07_lesson.ipynb"
    nbformat.write(notebook, source)

    build_site.build_site([source], tmp_path / "site")

    page = (tmp_path / "site" / "07_lesson.html").read_text()
    assert f"data:image/png;base64,{base64.b64encode(png).decode()}" in page
    assert "alpha: 0.25" in page
    assert "penalty: ridge" in page
    assert "<b>3 nonzero</b>" in page
    assert "this read-only copy shows the widget as it first appears" in page
    assert "html-manager" not in page and "embed-amd" not in page
    assert "application/vnd.jupyter.widget-view+json" not in page
    assert 'href="07_lesson.html#top"' in page  # a built notebook: its page
    assert 'href="08_next.ipynb"' in page  # not built here: left alone
    index = (tmp_path / "site" / "index.html").read_text()
    title = "07 · A lesson from \N{GREEK SMALL LETTER ALPHA} = 0 to \N{INFINITY}"
    assert f'<a href="07_lesson.html">{title}</a>' in index


def test_missing_widget_state_is_an_error_not_a_blank(build_site):
    notebook = new_notebook()
    notebook.cells = [new_code_cell("w")]
    notebook.cells[0].outputs = [_widget_output(build_site, "abc")]
    with pytest.raises(ValueError, match="widget model abc has no stored state"):
        build_site.render_widgets_statically(notebook)


def test_an_explorer_becomes_its_figure_with_its_text_equivalent_as_alt(build_site):
    from ipywidgets.embed import dependency_state

    from reglab.widgets import ridge_explorer

    # the widget state a notebook stores for a real explorer (its image, controls
    # and description widget, in the format the explorer sends them)
    explorer = ridge_explorer()
    models = dependency_state(explorer.widget)
    page = _static_page(build_site, explorer.widget.model_id, models)
    png = base64.b64encode(explorer.png).decode("ascii")
    assert f'<img src="data:image/png;base64,{png}" alt="' in page
    assert f'alt="{html.escape(explorer.description)}"' in page
    # an image nothing describes keeps no alt, so nbconvert reports it
    assert "alt=" not in _static_page(build_site, explorer.image.model_id, models)
