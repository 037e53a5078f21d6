"""The controls explorers share: the log-alpha slider and the penalty buttons."""

import ipywidgets as widgets
import numpy as np

__all__ = ["PENALTY_OPTIONS", "alpha_slider", "penalty_buttons"]

#: The penalty buttons' labels and values (the value is the l1_ratio).
PENALTY_OPTIONS = (("L1", 1.0), ("elastic net", 0.5), ("L2", 0.0))


def alpha_slider(alphas, value=None, *, extra_decades_above=0.0):
    """A log-scale alpha slider whose positions are the (log-spaced) grid ``alphas``.

    ``alphas`` may be a grid or just its two ends with ``len(alphas) == 2`` (then
    20 steps a decade). ``value`` (default: the grid's middle) snaps to the nearest
    position, so the slider shows the alpha the figure shows. The slider may reach
    ``extra_decades_above`` past the largest alpha (e.g. above alpha_max, where every
    coefficient is 0).
    """
    logs = np.log10(np.asarray(alphas, dtype=float))
    low, high = float(logs.min()), float(logs.max())
    if logs.size > 2:
        step = (high - low) / (logs.size - 1)
    else:
        step = 0.05
    n_steps = round((high + extra_decades_above - low) / step)
    high = low + n_steps * step
    if value is None:
        position = n_steps // 2
    else:
        log_value = np.log10(max(float(value), 10**low))
        position = int(np.clip(round((log_value - low) / step), 0, n_steps))
    return widgets.FloatLogSlider(
        value=10 ** (low + position * step),
        base=10,
        min=low,
        max=high,
        step=step,
        description="alpha",
        readout_format=".3g",
    )


def penalty_buttons(value=1.0):
    """Toggle buttons L1 / elastic net / L2 whose value is the l1_ratio."""
    return widgets.ToggleButtons(
        options=PENALTY_OPTIONS, value=value, description="penalty"
    )
