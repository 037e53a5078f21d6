"""The one way every explorer gets its figure to the browser.

Each explorer owns one matplotlib ``Figure`` on an Agg canvas (no pyplot, no
``%matplotlib`` backend) and shows it as a PNG in an ``ipywidgets.Image``. A control
change moves artists in place, redraws once and swaps the image bytes: an ``Image``
swap does not flicker (clearing an ``Output`` does), and it works in JupyterLab,
Notebook 7, VS Code and Colab with nothing beyond ipywidgets.

A redraw repaints only what moves. The artists an explorer changes are marked
*animated*: a full draw paints everything else once and keeps that background; each
control change restores the background, draws the moving artists on it
(``Axes.draw_artist``) and encodes the canvas. Layout is computed once (constrained
layout at build, then frozen), never per frame. An update that changes what the
background shows (axis limits, tick labels) asks for a full redraw.

Some moving artists take one of few looks: a decision-boundary image with its data
for each of 15 precomputed networks, or a title that repeats. An explorer may declare
them as *layers*, each a group of artists whose pixels in a box depend only on a key
(the state, the title's text). The first time a key is drawn its pixels are kept;
afterwards they are pasted back (a copy) instead of drawn again.
"""

import io
import time

import numpy as np

__all__ = ["Explorer", "new_figure", "title_layer", "yaxis_layer"]

#: Resolution of every explorer figure; 10 inches wide is 1000 pixels.
DPI = 100

#: Most keys whose pixels one layer keeps (a layer image is at most ~1 MB).
MAX_CACHED = 64


def new_figure(figsize, **subplots_kw):
    """A figure on its own Agg canvas (not registered with pyplot) and its axes.

    Returns ``(figure, axes)``; ``subplots_kw`` goes to ``Figure.subplots``.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=figsize, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(**subplots_kw) if subplots_kw is not None else None
    return figure, axes


def png_bytes(figure):
    """PNG of the canvas as drawn (no redraw): 256-colour palette, zlib level 1.

    A line figure has few distinct colours, so a palette (fast octree, no dithering)
    looks the same as RGB while encoding in about two thirds of the time into under
    half the bytes (measured on the explorers: 9-12 ms and 25-32 kB against
    14-17 ms and 53-77 kB). Pillow is a dependency of matplotlib, always installed.
    """
    from PIL import Image

    rgba = np.asarray(figure.canvas.buffer_rgba())
    height, width = rgba.shape[:2]
    image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1)
    palette = image.convert("RGB").quantize(
        256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    palette.save(out, format="png", compress_level=1)
    return out.getvalue()


def _padded(bbox, limits, pad=2):
    """``bbox`` grown by ``pad`` pixels (antialiasing spills over) within ``limits``."""
    from matplotlib.transforms import Bbox

    grown = bbox.padded(pad)
    return Bbox.intersection(grown, limits) or limits


def title_layer(ax):
    """An Explorer layer for an axes title: its pixels depend only on its text."""
    return ax.get_title(), [ax.title], ax.title.get_window_extent


def yaxis_layer(ax):
    """An Explorer layer for an axes' y axis (ticks, labels, offset): set by its limits.

    Animating the y axis lets an update change the limits without a full redraw.
    Its box runs from the tick labels to the left spine (the tick marks between
    them are outside the axis' tight box).
    """
    from matplotlib.transforms import Bbox

    def bbox():
        labels = ax.yaxis.get_tightbbox(ax.figure.canvas.get_renderer())
        spine_strip = Bbox.from_extents(
            ax.bbox.x0 - 12, ax.bbox.y0 - 4, ax.bbox.x0 + 2, ax.bbox.y1 + 4
        )
        return Bbox.union([b for b in (labels, spine_strip) if b is not None])

    return ax.get_ylim(), [ax.yaxis], bbox


class Explorer:
    """An interactive figure: controls, an image of the figure, and how they connect.

    Parameters
    ----------
    figure : matplotlib.figure.Figure from ``new_figure``
    controls : dict name -> ipywidget with a ``value``
    update : callable ``update(values) -> bool | None`` where ``values`` is a dict
        name -> current control value. It moves the artists and returns True when the
        background must be redrawn too (for example after axis limits changed).
    animated : callable returning the artists ``update`` moves (redrawn on every
        change; a callable because some are replaced, e.g. a contour line)
    displays : dict name -> Display, kept for tests and notebooks to inspect
    footer : optional ipywidget shown under the image (a readout)
    description : optional HTML shown above the controls
    buttons : widgets without a value shown after the controls (e.g. a Button that
        moves a slider); kept in ``explorer.buttons``
    layers : callable returning a list of ``(key, artists, bbox)``, optional. Each
        layer's ``artists`` (animated too) look the same inside ``bbox`` (a callable
        returning a display-space ``Bbox``, asked after they are drawn) whenever
        ``key`` is the same, and nothing drawn before them overlaps it. Layers are
        drawn first; their pixels are cached per key (at most ``MAX_CACHED`` keys a
        layer) until the next full redraw.

    Attributes
    ----------
    widget : the ipywidgets box a notebook displays (``explorer.widget``, or just
        ``explorer`` as the last expression of a cell)
    controls, figure, displays, image (the ``ipywidgets.Image``)
    n_renders : number of images produced; last_render_seconds: time of the last one
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
        description=None,
        buttons=(),
        layers=list,
    ):
        import ipywidgets as widgets

        self.figure = figure
        self.controls = dict(controls)
        self.displays = dict(displays or {})
        self._update = update
        self._animated = animated
        self._layers = layers
        self._layer_pixels = {}  # (layer index, key) -> pixels from copy_from_bbox
        width = round(figure.get_figwidth() * figure.dpi)
        self.image = widgets.Image(
            format="png",
            layout=widgets.Layout(width="100%", max_width=f"{width}px", height="auto"),
        )
        rows = []
        if description:
            rows.append(widgets.HTML(description))
        rows.append(
            widgets.HBox(
                [*self.controls.values(), *buttons],
                layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
            )
        )
        rows.append(self.image)
        if footer is not None:
            rows.append(footer)
        self.footer = footer
        self.buttons = list(buttons)
        self.widget = widgets.VBox(rows)
        self.n_renders = 0
        self.last_render_seconds = None
        self._background = None
        self._update(self.values)
        self._freeze_layout()
        self._render(full=True)
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

    @property
    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def animated_artists(self):
        """The artists redrawn on every change (the rest is the cached background)."""
        layered = [a for _, artists, _ in self._layers() for a in artists]
        return [a for a in [*layered, *self._animated()] if a is not None]

    def _freeze_layout(self):
        # constrained layout once, with every artist drawn so the margins fit them
        for artist in self.animated_artists():
            artist.set_animated(False)
        self.figure.canvas.draw()
        self.figure.set_layout_engine("none")

    def _on_change(self, change):
        self.refresh()

    def refresh(self):
        """Apply the controls' values and show the result (what a change does)."""
        start = time.perf_counter()
        full = bool(self._update(self.values))
        self._render(full=full)
        self.last_render_seconds = time.perf_counter() - start

    def prerender(self, states):
        """Draw each state once so its layers' pixels are cached, then come back.

        ``states`` is an iterable of dicts name -> control value (the names not
        given keep their current values). The image shown does not change.
        """
        for state in states:
            self._update({**self.values, **state})
            self._draw_frame(full=False)
        self._update(self.values)
        self._render(full=False)

    def _render(self, *, full):
        self._draw_frame(full=full)
        self.image.value = png_bytes(self.figure)
        self.n_renders += 1

    def _draw_frame(self, *, full):
        canvas = self.figure.canvas
        moving = self.animated_artists()
        for artist in moving:
            artist.set_animated(True)
        if full or self._background is None:
            canvas.draw()  # everything not animated
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._layer_pixels.clear()  # they contain the old background
        else:
            canvas.restore_region(self._background)
        done = set()
        for index, (key, artists, bbox) in enumerate(self._layers()):
            pixels = self._layer_pixels.get((index, key))
            if pixels is None:
                self._draw(artists)
                pixels = canvas.copy_from_bbox(_padded(bbox(), self.figure.bbox))
                if sum(i == index for i, _ in self._layer_pixels) < MAX_CACHED:
                    self._layer_pixels[index, key] = pixels
            else:
                canvas.restore_region(pixels)
            done.update(id(a) for a in artists)
        self._draw([a for a in moving if id(a) not in done])

    def _draw(self, artists):
        for artist in artists:
            if (
                artist is not None
                and artist.get_visible()
                and artist.figure is not None
            ):
                (artist.axes or self.figure).draw_artist(artist)

    def _repr_mimebundle_(self, **kwargs):
        # the explorer itself displays as its widget when it ends a notebook cell
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self):
        names = ", ".join(self.controls)
        return f"<{type(self).__name__} with controls: {names}>"
