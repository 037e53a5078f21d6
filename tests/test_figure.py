"""show_figure: a static figure shown as an <img> with its alt text."""

import base64
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from reglab.plots import FigureImage, show_figure


def test_the_image_carries_the_alt_text_and_the_pixels():
    figure, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    shown = show_figure(figure, alt='Ridge path: all 10 lines reach 0 "smoothly" & <')
    assert isinstance(shown, FigureImage)
    page = shown._repr_html_()
    escaped = "Ridge path: all 10 lines reach 0 &quot;smoothly&quot; &amp; &lt;"
    assert f'alt="{escaped}"' in page
    data = re.search(r'src="data:image/png;base64,([^"]+)"', page).group(1)
    assert base64.b64decode(data) == shown.png
    assert shown.png.startswith(b"\x89PNG")
    # Rendered at the figure's dpi: about 4 inches wide (tight bbox trims a little).
    assert 0.8 * 4 * figure.dpi <= shown.width <= 4 * figure.dpi
    assert f'width="{shown.width}"' in page
    assert repr(shown) == 'Ridge path: all 10 lines reach 0 "smoothly" & <'


def test_the_figure_is_closed_so_the_inline_backend_does_not_show_it_twice():
    figure, _ = plt.subplots(figsize=(2, 2))
    number = figure.number
    show_figure(figure, alt="An empty axes.")
    assert number not in plt.get_fignums()


@pytest.mark.parametrize("alt", ["", "   ", None, 3])
def test_alt_text_is_required(alt):
    figure, _ = plt.subplots(figsize=(2, 2))
    with pytest.raises(ValueError, match="`alt` must be a non-empty text"):
        show_figure(figure, alt=alt)
    plt.close(figure)


def test_a_non_figure_is_refused():
    with pytest.raises(TypeError, match="`figure` must be a matplotlib Figure"):
        show_figure("figure.png", alt="A picture.")
