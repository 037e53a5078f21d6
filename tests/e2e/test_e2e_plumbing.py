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


@pytest.fixture
def npm_dir(monkeypatch, tmp_path):
    """An empty build/e2e/npm for the axe-core checks."""
    monkeypatch.setattr(e2e, "NPM_DIR", tmp_path)
    monkeypatch.setattr(e2e, "AXE_JS", tmp_path / "node_modules/axe-core/axe.min.js")
    return tmp_path


def test_missing_axe_core_skips_with_the_make_target(monkeypatch, npm_dir):
    monkeypatch.delenv("REGLAB_REQUIRE_E2E", raising=False)
    with pytest.raises(pytest.skip.Exception, match="`make e2e-axe` installs it"):
        e2e.axe_script()


def test_missing_axe_core_fails_when_ci_requires_the_browser(monkeypatch, npm_dir):
    monkeypatch.setenv("REGLAB_REQUIRE_E2E", "1")
    with pytest.raises(pytest.fail.Exception, match="`make e2e-axe` installs it"):
        e2e.axe_script()


def test_axe_core_installed_from_another_lock_file_is_stale(monkeypatch, npm_dir):
    monkeypatch.delenv("REGLAB_REQUIRE_E2E", raising=False)
    e2e.AXE_JS.parent.mkdir(parents=True)
    e2e.AXE_JS.write_text("window.axe = {};")
    (npm_dir / "package-lock.json").write_text("{}")
    with pytest.raises(pytest.skip.Exception, match="older than"):
        e2e.axe_script()
    lock = (e2e.E2E_DIR / "package-lock.json").read_text()
    (npm_dir / "package-lock.json").write_text(lock)
    assert e2e.axe_script() == "window.axe = {};"


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


def test_explorer_builders_are_the_public_builders():
    import reglab.widgets

    names = e2e.explorer_builders()
    assert "ridge_explorer" in names
    assert all(callable(getattr(reglab.widgets, name)) for name in names)
    assert not any(name.startswith("_") for name in names)


def test_latency_phases_add_up_to_the_key_press_time():
    from .test_notebooks_in_browser import _latency_phases

    origin = 1_000_000.0  # the page's performance.timeOrigin, wall-clock ms
    result = {
        "timeOrigin": origin,
        "keyDown": 10.0,
        "srcSet": 70.0,
        "newImage": 75.0,
        "messages": [
            {"direction": "send", "type": "comm_msg", "wall": origin + 12.0,
             "id": "a", "parent": None, "executionState": None, "method": None,
             "buffers": 0},
            {"direction": "recv", "type": "status", "wall": origin + 20.0,
             "date": origin + 15.0, "id": "b", "parent": "a",
             "executionState": "busy", "method": None, "buffers": 0},
            {"direction": "recv", "type": "comm_msg", "wall": origin + 62.0,
             "date": origin + 55.0, "id": "c", "parent": "a",
             "executionState": None, "method": "update", "buffers": 1},
        ],
    }  # fmt: skip
    phases = _latency_phases(result)
    assert phases == {
        "browser_send": 2.0,
        "to_kernel": 3.0,
        "kernel": 40.0,
        "to_page": 7.0,
        "page_update": 8.0,
        "decode": 5.0,
    }
    assert sum(phases.values()) == result["newImage"] - result["keyDown"]


def test_latency_phases_without_the_image_message_is_none():
    from .test_notebooks_in_browser import _latency_phases

    result = {"timeOrigin": 0.0, "keyDown": 1.0, "srcSet": None, "newImage": 9.0,
              "messages": []}  # fmt: skip
    assert _latency_phases(result) is None
