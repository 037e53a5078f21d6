"""A static figure shown with its alt text.

The inline backend shows a figure as a bare PNG: screen readers announce nothing, and
nbconvert (the static site) reports an image without alternative text. `show_figure`
shows the same picture as an ``<img>`` carrying the alt text a lesson writes for it,
which JupyterLab, Notebook 7, Voila, nbconvert and screen readers all read.
"""

import base64
import html
import io


class FigureImage:
    """A rendered figure: ``<img alt=...>`` in HTML front ends, the alt text as text.

    Parameters
    ----------
    png : bytes
        The figure rendered as PNG.
    alt : str
        What the figure shows and why it matters.
    width : int
        Display width in CSS pixels.
    """

    def __init__(self, png, alt, width):
        self.png = png
        self.alt = alt
        self.width = width

    def _repr_html_(self):
        data = base64.b64encode(self.png).decode("ascii")
        return (
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" '
            f'width="{self.width}">'
        )

    def __repr__(self):
        return self.alt


def show_figure(figure, alt):
    """Show `figure` as an image with alt text, and close it.

    Use as the last line of a notebook cell that draws a figure. The figure is
    rendered as the inline backend renders it (its dpi, tight bounding box) and closed
    in pyplot, so it is not shown a second time.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure to show.
    alt : str
        Its text equivalent: what it shows and why it matters, with the numbers the
        lesson prints.

    Returns
    -------
    FigureImage
        Displays as the image with `alt` as its alternative text.
    """
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise TypeError(
            "`figure` must be a matplotlib Figure. "
            f"Got {type(figure).__name__} instead."
        )
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(
            "`alt` must be a non-empty text saying what the figure shows. "
            f"Got {alt!r} instead."
        )
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi, bbox_inches="tight")
    plt.close(figure)
    png = buffer.getvalue()
    # PNG header: the width is the big-endian 4 bytes at offset 16.
    width = int.from_bytes(png[16:20], "big")
    return FigureImage(png, alt.strip(), width)
