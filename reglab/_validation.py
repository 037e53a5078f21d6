"""Input checks shared by every public entry point.

The function API (``solve``, ``regularization_path``, ``cv_path``, ...) and the
estimators validate data with the same functions, so a bad input gets the same answer
wherever it is passed. Each check raises ``ValueError`` or ``TypeError`` naming the
parameter, what was expected and what was got, in scikit-learn's phrasing:
"`alpha` must be >= 0. Got -1 instead."
"""

import numbers
import sys
import warnings

import numpy as np
import scipy.sparse
from sklearn.exceptions import DataConversionWarning
from sklearn.utils.multiclass import type_of_target

# the largest seed numpy.random.RandomState (and so scikit-learn's splitters) takes
MAX_RANDOM_STATE = 2**32 - 1


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
    """Return ``value`` as a float (or int) after checking its type and range.

    Any real number is accepted (``Fraction`` included) and returned as a float; a
    number too large for a float is refused by name.
    """
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, kind):
        expected = "an integer" if integer else "a real number"
        raise TypeError(
            f"`{name}` must be {expected}. Got {value!r} of type "
            f"{type(value).__name__} instead."
        )
    if integer:
        number = int(value)
    else:
        try:
            number = float(value)
        except OverflowError:
            raise ValueError(
                f"`{name}` is too large for a float (at most {sys.float_info.max:.3g})."
                f" Got {value!r} instead."
            ) from None
        if not np.isfinite(number):
            raise ValueError(f"`{name}` must be finite. Got {value!r} instead.")
    if low is not None and (number < low or (number == low and not low_inclusive)):
        op = ">=" if low_inclusive else ">"
        raise ValueError(f"`{name}` must be {op} {low}. Got {value!r} instead.")
    if high is not None and (number > high or (number == high and not high_inclusive)):
        op = "<=" if high_inclusive else "<"
        raise ValueError(f"`{name}` must be {op} {high}. Got {value!r} instead.")
    return number


def check_alpha(alpha, name="alpha"):
    """Regularization strength: a finite real number >= 0."""
    return check_scalar(alpha, name, low=0.0)


def check_l1_ratio(l1_ratio, name="l1_ratio"):
    """Mixing weight between L1 (1) and L2 (0): a real number in [0, 1]."""
    number = check_scalar(l1_ratio, name)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"`{name}` must be in [0, 1]. Got {l1_ratio!r} instead.")
    return number


def check_bool(value, name):
    """A real boolean (``True``/``False`` or ``np.bool_``), never a string or a number:
    ``bool("False")`` is True, so anything else is refused rather than converted."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"`{name}` must be True or False. Got {value!r} of type "
            f"{type(value).__name__} instead."
        )
    return bool(value)


def check_option(value, name, options):
    """One of a fixed set of strings."""
    if not isinstance(value, str) or value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"`{name}` must be one of {listed}. Got {value!r} instead.")
    return value


def check_random_state(random_state, name="random_state"):
    """None or a seed numpy's ``RandomState`` accepts: an integer in [0, 2**32 - 1]."""
    if random_state is None:
        return None
    seed = check_scalar(random_state, name, integer=True)
    if not 0 <= seed <= MAX_RANDOM_STATE:
        raise ValueError(
            f"`{name}` must be None or an integer in [0, 2**32 - 1], the seeds numpy's "
            f"RandomState takes. Got {random_state!r} instead."
        )
    return seed


# --- arrays ---


def _is_missing(value):
    """None, NaN or pandas' ``pd.NA`` (looked up only if pandas is imported)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return True
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def _as_numpy(a, name):
    """``a`` as a numpy array of its own dtype, refusing what numpy would misread."""
    if a is None:
        raise TypeError(f"`{name}` must be an array of numbers. Got None instead.")
    if isinstance(a, (str, bytes)):
        raise TypeError(f"`{name}` must be an array of numbers. Got a string instead.")
    if scipy.sparse.issparse(a):
        raise TypeError(
            f"`{name}` is a sparse matrix: sparse `{name}` is not supported, reglab "
            f"needs dense data. Convert it with {name}.toarray()."
        )
    if np.ma.isMaskedArray(a):
        n_masked = int(np.ma.getmaskarray(a).sum())
        if n_masked:
            raise ValueError(
                f"`{name}` is a masked array with {n_masked} masked entries; reglab "
                f"does not read masks. Fill them ({name}.filled(value)) or drop those "
                "rows first."
            )
        a = np.ma.getdata(a)
    try:
        return np.asarray(a)
    except ValueError:
        # numpy's "setting an array element with a sequence": rows of unequal length
        raise ValueError(
            f"`{name}` must be a rectangular array, but its rows have different "
            "lengths (a ragged list). Give every row the same number of entries."
        ) from None


def _complex_error(name):
    # scikit-learn's estimator checks look for "Complex data not supported"
    return ValueError(
        f"`{name}` contains complex numbers. Complex data not supported; pass real "
        "numbers."
    )


def _refuse_complex_and_dates(arr, name):
    """numpy casts complex numbers to float by dropping the imaginary part, and dates
    to float as counts of days or seconds: refuse both."""
    kind = arr.dtype.kind
    if kind == "c":
        raise _complex_error(name)
    if kind in "mM":
        raise TypeError(
            f"`{name}` holds dates or times ({arr.dtype}). Convert them to numbers "
            "first, such as days since a start date."
        )


def _refuse_non_numbers(arr, name):
    """Refuse complex numbers, dates, strings and missing values, which numpy would
    otherwise cast to float silently or with a message naming no parameter."""
    _refuse_complex_and_dates(arr, name)
    kind = arr.dtype.kind
    if kind in "USV":
        raise TypeError(
            f"`{name}` must contain only numbers. Got data of type {arr.dtype}; "
            f"convert text to numbers yourself (for example {name}.astype(float)) "
            "so that nothing is read by accident."
        )
    if kind == "O":
        for value in arr.flat:
            if _is_missing(value):
                raise ValueError(
                    f"`{name}` contains missing values (None, NaN or pd.NA). Remove "
                    "or impute those entries first."
                )
            if isinstance(value, (str, bytes)):
                raise TypeError(
                    f"`{name}` must contain only numbers. Got the string {value!r}; "
                    "convert text to numbers yourself so that nothing is read by "
                    "accident."
                )
            if isinstance(value, complex):
                raise _complex_error(name)


def _shape_message(name, arr, ndim):
    if ndim == 1:
        return (
            f"`{name}` must be a 1-D array. Got an array of shape {arr.shape} instead."
        )
    got = (
        f"a 1-D array of shape {arr.shape}"
        if arr.ndim == 1
        else f"an array of shape {arr.shape}"
    )
    hint = (
        f" Reshape your data with {name}.reshape(-1, 1) if it has a single feature "
        f"or {name}.reshape(1, -1) if it is a single sample."
        if arr.ndim == 1
        else ""
    )
    expected = "a 2-D array (n_samples, n_features)"
    return f"`{name}` must be {expected}. Got {got} instead.{hint}"


def check_array(a, name, *, ndim):
    """A finite, non-empty float array with ``ndim`` dimensions.

    Refused with a message naming ``name``: sparse matrices, masked arrays with
    masked entries, ragged lists, complex numbers, dates, strings (numeric strings
    too), missing values (None, NaN, ``pd.NA``), inf, numbers beyond the float range,
    the wrong number of dimensions and empty arrays.
    """
    arr = _as_numpy(a, name)
    _refuse_non_numbers(arr, name)
    try:
        arr = arr.astype(float)
    except OverflowError:
        raise ValueError(
            f"`{name}` holds a number too large for a float (at most "
            f"{sys.float_info.max:.3g})."
        ) from None
    except (TypeError, ValueError) as exc:
        # the numpy message ("float() argument must be a string or a real number,
        # not 'dict'") says which element is wrong
        raise TypeError(
            f"`{name}` must contain only numbers. Got data of type {arr.dtype} that "
            f"cannot be converted to float ({exc})."
        ) from None
    if arr.ndim != ndim:
        raise ValueError(_shape_message(name, arr, ndim))
    if arr.shape[0] == 0:
        raise ValueError(
            f"`{name}` is empty: found an array with 0 sample(s) (shape={arr.shape}) "
            "while a minimum of 1 is required."
        )
    if ndim == 2 and arr.shape[1] == 0:
        raise ValueError(
            f"`{name}` has 0 feature(s) (shape={arr.shape}) while a minimum of 1 is "
            "required."
        )
    if not np.all(np.isfinite(arr)):
        bad = "NaN" if np.isnan(arr).any() else "inf"
        raise ValueError(
            f"`{name}` contains {bad}. Remove or impute those entries first."
        )
    return arr


def column_or_1d(y, name="y"):
    """Accept a column vector of shape (n, 1) for a 1-D ``y``, with scikit-learn's
    ``DataConversionWarning``; any other input is returned as it is."""
    if scipy.sparse.issparse(y) or isinstance(y, (str, bytes)):
        return y
    try:
        array = np.asarray(y)
    except ValueError:
        return y  # ragged: check_array or check_labels says so
    if array.ndim == 2 and array.shape[1] == 1:
        warnings.warn(
            f"A column-vector {name} was passed when a 1d array was expected. Please "
            f"change the shape of {name} to (n_samples,), for example using ravel().",
            DataConversionWarning,
            stacklevel=3,
        )
        return array.ravel()
    return y


def check_labels(y, name="y", *, min_classes=2, max_classes=None):
    """Class labels: a 1-D array of integers, strings or booleans, and its classes.

    Returns ``(y, classes)`` with ``classes`` sorted. At least ``min_classes`` are
    needed (two to fit a classifier), and at most ``max_classes`` when it is given.
    """
    labels = _as_numpy(y, name)
    if isinstance(y, (list, tuple)) and labels.dtype.kind == "U" and labels.ndim == 1:
        # numpy turns a list such as ["a", 1] into strings: the label 1 became "1"
        labels = _object_labels(np.array(y, dtype=object), name)
    if labels.ndim != 1:
        raise ValueError(_shape_message(name, labels, 1))
    if labels.size == 0:
        raise ValueError(f"`{name}` is empty. Got an array of shape {labels.shape}.")
    _refuse_complex_and_dates(labels, name)
    kind = labels.dtype.kind
    if kind == "f" and not np.all(np.isfinite(labels)):
        bad = "NaN" if np.isnan(labels).any() else "inf"
        raise ValueError(
            f"`{name}` contains {bad}. A label must be a class; remove those samples "
            "first."
        )
    if kind == "O":
        labels = _object_labels(labels, name)
    target_type = type_of_target(labels, input_name=name)
    if target_type not in ("binary", "multiclass"):
        raise ValueError(
            f"Unknown label type: {target_type}. `{name}` must hold class labels "
            "(integers or strings); for continuous targets use a regressor."
        )
    classes = np.unique(labels)
    too_many = max_classes is not None and classes.size > max_classes
    if classes.size < min_classes or too_many:
        if max_classes == min_classes:
            needed = f"exactly {min_classes}"
        elif too_many:
            needed = f"at most {max_classes}"
        else:
            needed = f"at least {min_classes}"
        shown = ", ".join(repr(c) for c in classes[:5].tolist())
        got = f"{classes.size} class{'es' if classes.size > 1 else ''} ({shown}"
        raise ValueError(
            f"`{name}` must contain {needed} classes. Got {got}"
            f"{', ...' if classes.size > 5 else ''}) instead."
        )
    return labels, classes


def _object_labels(labels, name):
    """Labels stored as Python objects (a pandas column, a list of mixed values): all
    strings stay as they are, all numbers become a numeric array; missing values and
    a mix of strings and numbers are refused by name."""
    kinds = set()
    for value in labels:
        if _is_missing(value):
            raise ValueError(
                f"`{name}` contains missing values (None, NaN or pd.NA). A label "
                "must be a class; remove those samples first."
            )
        if isinstance(value, str):
            kinds.add("str")
        elif isinstance(value, (numbers.Real, np.bool_)) and not isinstance(
            value, complex
        ):
            kinds.add("number")
        else:
            raise TypeError(
                f"`{name}` must hold class labels (integers or strings). Got "
                f"{value!r} of type {type(value).__name__}."
            )
    if kinds == {"str", "number"}:
        raise TypeError(
            f"`{name}` mixes strings and numbers as labels. Use one type for every "
            f"label, for example {name}.astype(str)."
        )
    if kinds == {"number"}:
        numeric = np.array(labels.tolist())
        if numeric.dtype.kind == "f" and not np.all(np.isfinite(numeric)):
            raise ValueError(f"`{name}` contains inf. A label must be a class.")
        return numeric
    return labels


def check_sample_weight(sample_weight, n_samples):
    """Weights ``>= 0``, one per sample, not all zero; returned rescaled to mean 1."""
    weights = check_array(sample_weight, "sample_weight", ndim=1)
    if weights.shape[0] != n_samples:
        raise ValueError(
            f"`sample_weight` must have one weight per sample. Got {weights.shape[0]} "
            f"weights for {n_samples} samples instead."
        )
    if np.any(weights < 0):
        raise ValueError(
            f"`sample_weight` must be >= 0. Got {weights.min()!r} instead."
        )
    largest = weights.max()
    if largest == 0:
        raise ValueError("`sample_weight` must not be all zero.")
    weights = weights / largest  # first, so that the sum cannot overflow
    return weights * (n_samples / weights.sum())


def check_y_given(estimator, y):
    """scikit-learn's message for a supervised estimator fitted without ``y``."""
    if y is None:
        raise ValueError(
            f"{type(estimator).__name__} requires y to be passed, but the target y is "
            "None."
        )


def check_X_y(X, y, *, classification=False, max_classes=2):
    """Check a design matrix and its targets together.

    Returns float arrays ``X`` (n, p) and ``y`` (n,). With ``classification=True``
    ``y`` keeps its labels (see :func:`check_labels`) and must hold at least two
    classes and at most ``max_classes`` (``None``: any number).
    """
    X = check_array(X, "X", ndim=2)
    if classification:
        y, _ = check_labels(y, "y", max_classes=max_classes)
    else:
        y = check_array(y, "y", ndim=1)
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"`X` and `y` must have the same number of samples. Got {X.shape[0]} rows "
            f"in X and {y.shape[0]} entries in y instead."
        )
    return X, y
