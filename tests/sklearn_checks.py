"""scikit-learn's estimator checks as a list of pytest cases.

scikit-learn 1.8's ``parametrize_with_checks`` hands pytest a generator, which pytest
9.2 deprecates (an error here), so on the course's floor versions the estimator tests
would not even be collected. The same checks, from the public
``estimator_checks_generator``, as a list work on every version the course admits.
"""

import pytest
from sklearn.utils.estimator_checks import estimator_checks_generator


def _check_name(check):
    return getattr(check, "func", check).__name__


def estimator_check_cases(estimators, expected_failed_checks=None):
    """pytest.param(estimator, check) for every check of every estimator."""
    cases = []
    for estimator in estimators:
        expected = expected_failed_checks(estimator) if expected_failed_checks else {}
        for case in estimator_checks_generator(
            estimator, mark="xfail", expected_failed_checks=expected
        ):
            # an expected failure comes as a pytest.param carrying its xfail mark
            values, marks = (
                (case.values, case.marks) if hasattr(case, "marks") else (case, ())
            )
            instance, check = values
            cases.append(
                pytest.param(
                    instance,
                    check,
                    marks=marks,
                    id=f"{instance!r}-{_check_name(check)}",
                )
            )
    return cases
