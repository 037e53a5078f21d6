"""The one way every explorer gets its figure, and its text equivalent, to the browser.

Each explorer owns one matplotlib ``Figure`` on an Agg canvas (no pyplot, no
``%matplotlib`` backend) and shows it as a PNG in an ``ipywidgets.Image``. A control
change moves artists in place, redraws once and swaps the image bytes: an ``Image``
swap does not flicker (clearing an ``Output`` does), and it works in JupyterLab,
Notebook 7, Voila, VS Code and Colab with nothing beyond ipywidgets.

A redraw repaints only what moves (blitting). The artists an explorer changes are
marked *animated*: a full draw at build paints everything else once and keeps that
background; each control change restores the background, draws the moving artists on
it (``Axes.draw_artist``) and encodes the canvas. Layout is computed once
(constrained layout at build, then frozen), never per frame. One explorer (the
neural network's) changes a whole panel between few precomputed looks; blitting it
every time costs 47 ms of CPU a change (benchmarks/widgets.py, a loaded machine:
114 ms median against the 50 ms target), keeping one background per look 23 ms, so
it keeps them (``background_key``); the norm
explorer keys its background by its axis limits, which change only now and then.

Every change also produces the figure's **text equivalent** (``explorer.description``,
returned by the explorer's ``update``): what the figure shows, in one or two
sentences. It is shown under the image in a live region that a screen reader
announces, and it is the image's alt text. The DOM a notebook gets (ipywidgets 8)::

    div.reglab-explorer                      the VBox (explorer.widget)
      div.widget-hbox                        the controls and buttons
      img.widget-image.reglab-figure         the figure; alt = the text
      div.widget-html.reglab-description     the text equivalent
        div.widget-html-content              role="status" aria-live="polite"
                                             aria-atomic="true" (stays in the DOM)
          span.reglab-description-text       the text
      [footer widget, e.g. a table]

ipywidgets has no trait for ARIA attributes or ``alt``, and its HTML widget replaces
the *content* of ``div.widget-html-content`` on every change (the div itself stays).
So the text comes with a hidden, empty ``<img>`` whose ``onerror`` handler (an empty
data URL always fails to decode) sets the live-region attributes on that stable div,
removes itself and copies the text into the figure's ``alt``. Where inline handlers
do not run, the text is still shown right under the figure.

The same handler names the sliders. ipywidgets 8.1.9 draws a slider's handle as a
``div role="slider"`` (noUiSlider) that its description label is not tied to, so a
screen reader announces a bare number (axe-core: ``aria-input-field-name``;
ipywidgets issue 2650, open). On its first run in a box the handler starts one
``MutationObserver`` on the box that gives every handle, whenever one is rendered,
``aria-labelledby`` pointing at its slider's ``label.widget-label`` (the
``description``, which every explorer slider has). noUiSlider's ``aria-valuetext``
is its internal position (the exponent on a log slider: "-4" for alpha = 0.0001, an
index on a selection slider), so the observer also copies the slider's readout into
it whenever the readout changes (in the same task as noUiSlider's own update, before
a screen reader reads it). Checked with axe-core in JupyterLab, Notebook 7 and Voila
(tests/e2e). (The Image's ``tooltip``
trait, a ``title``, is no way out: ipywidgets 8.1.9's Image view fails to render
when it is set, since the Image has no ``description``.) Checked in JupyterLab
4.6 with headless Chromium: the live region is the same element before and after a
slider move, and the figure's ``alt`` follows the text.

Where no widget can render (nbviewer, a static HTML export), the displayed box falls
back to ``text/html``: a PNG of the state at display time with the text as its alt
and as a caption; its ``text/plain`` is the text.
"""

import base64
import html
import io
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

__all__ = ["Explorer", "ExplorerBox", "new_figure"]

#: Resolution of every explorer figure; 10 inches wide is 1000 pixels.
DPI = 100

#: Most backgrounds an explorer with a ``background_key`` keeps (~2 MB each).
MAX_BACKGROUNDS = 16

#: Runs once per text update in the browser (see the module docstring). The figure
#: may render after the text: then it retries (every 0.1 s, for up to 5 s). The first
#: run in a box also starts the box's observer that names its slider handles and
#: gives them the readout's value text.
_LIVE_REGION_SCRIPT = (
    "var region = this.parentNode;"
    "region.setAttribute('role', 'status');"
    "region.setAttribute('aria-live', 'polite');"
    "region.setAttribute('aria-atomic', 'true');"
    "this.remove();"
    "var text = region.textContent, tries = 0;"
    "(function mark() {"
    "var box = region.closest('.reglab-explorer');"
    "if (box && !box.reglabSliders) {"
    "box.reglabSliders = new MutationObserver(function () { describeSliders(box); });"
    "box.reglabSliders.observe(box, {childList: true, subtree: true});"
    "describeSliders(box);"
    "}"
    "var figure = box && box.querySelector('img.reglab-figure');"
    "if (figure) { figure.alt = text; }"
    "else if (tries++ < 50) { setTimeout(mark, 100); }"
    "})();"
    # a slider handle (role=slider) is named by its slider's description label, and
    # its value is read as the readout shows it
    "function describeSliders(box) {"
    "box.querySelectorAll('.widget-slider .noUi-handle').forEach(function (handle) {"
    "var slider = handle.closest('.widget-slider');"
    "var label = slider.querySelector('.widget-label');"
    "if (label && !handle.hasAttribute('aria-labelledby')) {"
    "label.id = label.id || 'reglab-label-' + Math.random().toString(36).slice(2);"
    "handle.setAttribute('aria-labelledby', label.id);"
    "}"
    "var readout = slider.querySelector('.widget-readout');"
    "var shown = readout && readout.textContent.trim();"
    "if (shown && handle.getAttribute('aria-valuetext') !== shown) {"
    "handle.setAttribute('aria-valuetext', shown);"
    "}"
    "});"
    "}"
)


def new_figure(figsize, **subplots_kw):
    """A figure on its own Agg canvas (not registered with pyplot) and its axes.

    Returns ``(figure, axes)``; ``subplots_kw`` goes to ``Figure.subplots``.
    """
    figure = Figure(figsize=figsize, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.subplots(**subplots_kw)


def png_bytes(figure):
    """PNG of the canvas as drawn (no redraw): 256-colour palette, zlib level 1.

    A line figure has few distinct colours, so a palette (fast octree, no dithering)
    looks the same as RGB while encoding in about two thirds of the time into under
    half the bytes (measured on the explorers: 9-12 ms and 25-32 kB against
    14-17 ms and 53-77 kB). Pillow is a dependency of matplotlib, always installed.
    """
    rgba = np.asarray(figure.canvas.buffer_rgba())
    height, width = rgba.shape[:2]
    # read as RGB straight from the RGBA buffer (the "RGBX" raw mode skips alpha):
    # one copy instead of an RGBA image and its RGB conversion
    image = Image.frombytes("RGB", (width, height), rgba, "raw", "RGBX")
    palette = image.quantize(
        256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    palette.save(out, format="png", compress_level=1)
    return out.getvalue()


def description_html(text):
    """The live region's HTML: the text, and the one-shot script that marks it."""
    return (
        '<span class="reglab-description-text" style="display: block; '
        f'line-height: 1.4">{html.escape(text)}</span>'
        f'<img src="data:," alt="" hidden onerror="{html.escape(_LIVE_REGION_SCRIPT)}">'
    )


class ExplorerBox(widgets.VBox):
    """The box a notebook displays: the explorer, plus a static fallback.

    Its mime bundle adds ``text/html`` (a PNG of the current state, the text
    equivalent as alt text and caption) and a ``text/plain`` of the text, which
    nbviewer and static HTML show where widget views cannot render.
    """

    def __init__(self, children, explorer):
        super().__init__(children)
        self.explorer = explorer

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        text = self.explorer.description
        png = base64.b64encode(self.explorer.png).decode("ascii")
        bundle["text/plain"] = text
        bundle["text/html"] = (
            '<figure class="reglab-explorer-static">'
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(text)}">'
            "<figcaption>Interactive explorer (its controls need a running kernel), "
            f"shown at this state: {html.escape(text)}</figcaption></figure>"
        )
        return bundle


class Explorer:
    """An interactive figure: controls, an image of the figure, its text, and the link.

    Parameters
    ----------
    figure : matplotlib.figure.Figure from ``new_figure``
    controls : dict name -> ipywidget with a ``value``
    update : callable ``update(values) -> str`` where ``values`` is a dict name ->
        current control value. It moves the artists and returns the text
        equivalent of what the figure now shows.
    animated : callable returning the artists ``update`` moves (redrawn on every
        change; a callable because some are replaced, e.g. a contour line)
    displays : dict name -> Display, kept for tests and notebooks to inspect
    footer : optional ipywidget shown under the text (for example a table)
    buttons : widgets without a value shown after the controls (e.g. a Button that
        moves a slider); kept in ``explorer.buttons``
    results : dict name -> what the builder computed that a notebook may read
        (``"models"``, ``"paths"``, ``"solver"``); each becomes an attribute
    background_key : callable ``background_key(values) -> hashable``, optional,
        asked after ``update``. For an explorer whose still part is one of few looks
        (a boundary image per precomputed network, the axes at their current
        limits): the key names the look, the background is drawn once
        per key and kept (at most ``MAX_BACKGROUNDS``), so a change to a seen state
        redraws only the animated artists. Everything not animated must depend on
        the key alone.
    warm_states : iterable of dicts name -> control value, optional: states whose
        backgrounds (with a ``background_key``) are drawn at build, so that no
        control change draws one (the names not given keep their start values)

    Attributes
    ----------
    widget : the ``ExplorerBox`` a notebook displays (``explorer.widget``, or just
        ``explorer`` as the last expression of a cell)
    description : str, the text equivalent of the figure as shown now
    png : bytes, the figure as shown now (PNG)
    controls, figure, displays, image (the ``ipywidgets.Image``, its value the PNG
        as a data URL), text (the ``ipywidgets.HTML`` live region), footer, buttons
    n_renders : number of images produced (one per change); last_render_seconds
    """

    def __init__(
        self,
        figure,
        controls,
        update,
        *,
        animated=list,
        displays=None,
        footer=None,
        buttons=(),
        results=None,
        background_key=None,
        warm_states=(),
    ):
        self.figure = figure
        self.controls = dict(controls)
        self.displays = dict(displays or {})
        self.buttons = list(buttons)
        self.footer = footer
        for name, value in (results or {}).items():
            setattr(self, name, value)
        self._update = update
        self._animated = animated
        self._background_key = background_key
        self._backgrounds = {}  # key -> pixels, with a background_key
        width = round(figure.get_figwidth() * figure.dpi)
        # the PNG goes to the page as a data URL (format "url"): Chromium decodes a
        # data URL in the page, a blob URL (format "png") is read back through the
        # browser process first (measured in headless Chromium 156: decode 5-7 ms
        # against 1-2 ms for a 23 kB PNG; tests/e2e, decode phase 13.1 -> 7-9 ms)
        self.image = widgets.Image(
            format="url",
            layout=widgets.Layout(width="100%", max_width=f"{width}px", height="auto"),
        )
        self.image.add_class("reglab-figure")
        self.text = widgets.HTML(layout=widgets.Layout(max_width=f"{width}px"))
        self.text.add_class("reglab-description")
        controls_row = widgets.HBox(
            [*self.controls.values(), *self.buttons],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        rows = [controls_row, self.image, self.text]
        if footer is not None:
            rows.append(footer)
        self.widget = ExplorerBox(rows, self)
        self.widget.add_class("reglab-explorer")
        self.n_renders = 0
        self.last_render_seconds = None
        self.description = self._update(self.values)
        self._draw_background()
        for state in warm_states:
            values = {**self.values, **state}
            self._update(values)
            self._current_background(values)
        if warm_states:
            self.description = self._update(self.values)
        self._render()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

    @property
    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def animated_artists(self):
        """The artists redrawn on every change (the rest is the kept background)."""
        return [a for a in self._animated() if a is not None]

    def _draw_background(self):
        # constrained layout once, with every artist drawn so the margins fit them;
        # then everything that never moves is drawn and kept
        canvas = self.figure.canvas
        for artist in self.animated_artists():
            artist.set_animated(False)
        canvas.draw()
        self.figure.set_layout_engine("none")
        self._background = self._drawn_background()

    def _drawn_background(self):
        for artist in self.animated_artists():
            artist.set_animated(True)
        self.figure.canvas.draw()
        return self.figure.canvas.copy_from_bbox(self.figure.bbox)

    def _current_background(self, values=None):
        if self._background_key is None:
            return self._background
        key = self._background_key(self.values if values is None else values)
        if key not in self._backgrounds:
            if len(self._backgrounds) >= MAX_BACKGROUNDS:
                self._backgrounds.pop(next(iter(self._backgrounds)))
            self._backgrounds[key] = self._drawn_background()
        return self._backgrounds[key]

    def _on_change(self, change):
        self.refresh()

    def refresh(self):
        """Apply the controls' values and show the result (what a change does)."""
        start = time.perf_counter()
        self.description = self._update(self.values)
        self._render()
        self.last_render_seconds = time.perf_counter() - start

    def _render(self):
        self.figure.canvas.restore_region(self._current_background())
        for artist in self.animated_artists():
            artist.set_animated(True)  # a replaced artist (a new contour) is new
            if artist.get_visible() and artist.figure is not None:
                (artist.axes or self.figure).draw_artist(artist)
        self.png = png_bytes(self.figure)
        self.image.value = b"data:image/png;base64," + base64.b64encode(self.png)
        self.text.value = description_html(self.description)
        self.n_renders += 1

    def _repr_mimebundle_(self, **kwargs):
        # the explorer itself displays as its widget when it ends a notebook cell
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self):
        names = ", ".join(self.controls)
        return f"<{type(self).__name__} with controls: {names}>"
