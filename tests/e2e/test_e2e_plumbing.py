"""The browser suite's own plumbing, without a browser: the skip that says how to
install Chromium, the failure that CI asks for instead, and the text-box edit."""

import pytest

from . import conftest as e2e
from .test_notebooks_in_browser import _bump_first_number


def test_missing_chromium_skips_with_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(e2e, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.delenv("REGLAB_REQUIRE_E2E", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        e2e.require_browser()


def test_missing_chromium_fails_when_ci_requires_the_browser(monkeypatch, tmp_path):
    monkeypatch.setattr(e2e, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("REGLAB_REQUIRE_E2E", "1")
    with pytest.raises(pytest.fail.Exception, match="REGLAB_REQUIRE_E2E=1 but no"):
        e2e.require_browser()


def test_free_port_is_on_loopback_and_bindable():
    import socket

    port = e2e._free_loopback_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


@pytest.mark.parametrize(
    ("text", "bumped"),
    [("1, 0, 0, 0", "2, 0, 0, 0"), ("0.26, 0.25", "1.26, 0.25"), ("w=-3", "w=-2")],
)
def test_bump_first_number(text, bumped):
    assert _bump_first_number(text) == bumped


def test_bump_first_number_without_a_number():
    assert _bump_first_number("lasso") is None
