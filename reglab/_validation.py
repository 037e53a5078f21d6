"""Input checks shared by every public entry point.

Each check raises ``ValueError`` or ``TypeError`` naming the parameter, what was
expected and what was got, in scikit-learn's phrasing:
"`alpha` must be >= 0. Got -1 instead."
"""

import numbers

import numpy as np


def check_scalar(
    value,
    name,
    *,
    low=None,
    high=None,
    low_inclusive=True,
    high_inclusive=True,
    integer=False,
):
    """Return ``value`` as a float (or int) after checking its type and range."""
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        expected = "an integer" if integer else "a real number"
        raise TypeError(
            f"`{name}` must be {expected}. Got {value!r} of type "
            f"{type(value).__name__} instead."
        )
    if not integer and not np.isfinite(value):
        raise ValueError(f"`{name}` must be finite. Got {value!r} instead.")
    if low is not None and (value < low or (value == low and not low_inclusive)):
        op = ">=" if low_inclusive else ">"
        raise ValueError(f"`{name}` must be {op} {low}. Got {value!r} instead.")
    if high is not None and (value > high or (value == high and not high_inclusive)):
        op = "<=" if high_inclusive else "<"
        raise ValueError(f"`{name}` must be {op} {high}. Got {value!r} instead.")
    return int(value) if integer else float(value)


def check_alpha(alpha, name="alpha"):
    """Regularization strength: a finite real number >= 0."""
    return check_scalar(alpha, name, low=0.0)


def check_l1_ratio(l1_ratio, name="l1_ratio"):
    """Mixing weight between L1 (1) and L2 (0): a real number in [0, 1]."""
    if isinstance(l1_ratio, numbers.Real) and not isinstance(l1_ratio, bool):
        if np.isfinite(l1_ratio) and not 0.0 <= l1_ratio <= 1.0:
            raise ValueError(f"`{name}` must be in [0, 1]. Got {l1_ratio!r} instead.")
    return check_scalar(l1_ratio, name, low=0.0, high=1.0)


def check_option(value, name, options):
    """One of a fixed set of strings."""
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"`{name}` must be one of {listed}. Got {value!r} instead.")
    return value


def check_array(a, name, *, ndim):
    """A finite, non-empty float array with ``ndim`` dimensions."""
    if isinstance(a, str):
        raise TypeError(f"`{name}` must be an array of numbers. Got a string instead.")
    try:
        arr = np.asarray(a, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"`{name}` must contain only numbers. Got data of type "
            f"{np.asarray(a).dtype} that cannot be converted to float ({exc})."
        ) from None
    if arr.ndim != ndim:
        shape = "a 2-D array (n_samples, n_features)" if ndim == 2 else "a 1-D array"
        hint = (
            " Reshape 1-D data with X.reshape(-1, 1)."
            if ndim == 2 and arr.ndim == 1
            else ""
        )
        got = f"Got an array of shape {arr.shape} instead."
        raise ValueError(f"`{name}` must be {shape}. {got}{hint}")
    if arr.size == 0:
        raise ValueError(f"`{name}` is empty. Got an array of shape {arr.shape}.")
    if not np.all(np.isfinite(arr)):
        bad = "NaN" if np.isnan(arr).any() else "inf"
        raise ValueError(
            f"`{name}` contains {bad}. Remove or impute those entries first."
        )
    return arr


def check_X_y(X, y, *, classification=False):
    """Check a design matrix and its targets together.

    Returns float arrays ``X`` (n, p) and ``y`` (n,). With ``classification=True``
    ``y`` keeps its labels (any dtype) and must hold exactly two classes.
    """
    X = check_array(X, "X", ndim=2)
    if classification:
        y = np.asarray(y)
        if y.ndim != 1:
            raise ValueError(f"`y` must be a 1-D array. Got shape {y.shape} instead.")
        if y.size == 0:
            raise ValueError("`y` is empty. Got an array of shape (0,).")
        n_classes = np.unique(y).size
        if n_classes != 2:
            raise ValueError(
                f"`y` must contain exactly 2 classes. Got {n_classes} instead."
            )
    else:
        y = check_array(y, "y", ndim=1)
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"`X` and `y` must have the same number of samples. Got {X.shape[0]} rows "
            f"in X and {y.shape[0]} entries in y instead."
        )
    return X, y
