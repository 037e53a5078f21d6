"""Every control of every explorer, from the keyboard alone, in JupyterLab, Notebook 7
and Voila: Tab reaches it, and its key (arrows on a slider, Space on a toggle button or
a check box, Enter on a button, typing in a text box) changes the explorer's figure.

The notebook is ``_e2e/explorers.ipynb`` (conftest.py writes it: one cell per explorer
builder in reglab.widgets, each built with its defaults), so these tests follow the
explorers, not the lessons' text. In the notebook front ends, an arrow key on a
slider must also leave the active cell where it is (Notebook 7 moved to the next cell
before jupyter-settings/reglab.json). Every explorer must have a live region
(``[aria-live]``, the text equivalent) whose text changes when a slider moves, and its
figure must carry that text as alt text. A slider handle must be named by its
description and give its readout's text as its value (aria-valuetext). axe-core
checks the explorers as they first render in each front end (serious or critical
violations in cell outputs fail, as in test_notebooks_in_browser.py). The results,
per front end, go to build/e2e/keyboard-<front end>.json.
"""

import json
import time

import pytest

from .conftest import BUILD_DIR, EXPLORERS_NOTEBOOK, explorer_builders
from .test_notebooks_in_browser import (
    ALL_CELLS_DONE_JS,
    FAILING_IMPACTS,
    KERNEL_READY_JS,
    KNOWN_COURSE_VIOLATIONS,
    OPEN_JS,
    RUN_ALL_JS,
    _accessibility,
    _bump_first_number,
)

pytestmark = pytest.mark.e2e

FRONT_ENDS = ["jupyterlab", "notebook7", "voila"]
PAGE_READY_MS = 180_000  # Voila runs the whole notebook before the page is complete
CHANGE_MS = 15_000
ERROR_SELECTOR = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
)
# Notebook 7.6.5 logs this once at start: @jupyterlab/shortcuts-extension's handler for
# another plugin's settings reads its own settings before they have loaded (a start-up
# race in JupyterLab's code; the shortcuts load right after). Nothing the course does.
KNOWN_PAGE_ERRORS = {
    "notebook7": ["Cannot read properties of undefined (reading 'schema')"],
}

# One box per explorer: the top widget of each cell output (same DOM in all three).
MARK_CONTROLS_JS = """() => {
    const boxes = Array.from(document.querySelectorAll(
        '.jp-OutputArea-output > .jupyter-widgets'));
    const kinds = [
        ['slider', '.widget-slider .noUi-handle'],
        ['toggle button', '.widget-toggle-buttons button'],
        ['check box', '.widget-checkbox input[type=checkbox]'],
        ['text box', '.widget-text input'],
        ['drop-down', '.widget-dropdown select'],
        ['button', 'button.jupyter-button:not(.widget-toggle-button)'],
    ];
    const result = [];
    boxes.forEach((box, b) => {
        box.setAttribute('data-e2e-box', String(b));
        const controls = [];
        for (const [kind, selector] of kinds) {
            // The toggle button already selected goes last (pressing it would change
            // nothing); by then another of its group is selected.
            const nodes = Array.from(box.querySelectorAll(selector)).sort(
                (a, b) => a.classList.contains('mod-active')
                    - b.classList.contains('mod-active'));
            for (const node of nodes) {
                if (node.hasAttribute('data-e2e-control')) continue;
                const id = `${b}-${controls.length}`;
                node.setAttribute('data-e2e-control', id);
                const holder = node.closest('.widget-slider, .widget-checkbox, '
                    + '.widget-text, .widget-dropdown, .widget-toggle-buttons') || node;
                const label = holder.querySelector('.widget-label');
                const clean = (text) => (text || '').replace(/\u200b/g, '').trim();
                const own = clean(node.textContent);
                const group = clean(label && label.textContent);
                controls.push({id: id, kind: kind,
                    label: [group, own].filter(Boolean).join(': ')
                        || clean(holder.textContent) || '(no label)'});
            }
        }
        result.push(controls);
    });
    return result;
}"""

# What a change of the explorer shows: its images, their alt, its live region's text.
SNAPSHOT_JS = """(b) => {
    const box = document.querySelector(`[data-e2e-box="${b}"]`);
    const images = Array.from(box.querySelectorAll('img'))
        .filter(img => img.naturalWidth > 1);
    const live = Array.from(box.querySelectorAll('[aria-live]'));
    return {
        srcs: images.map(img => img.src),
        alts: images.map(img => img.getAttribute('alt') || ''),
        live: live.map(node => node.textContent.trim()).join(' | '),
        hasLive: live.length > 0,
    };
}"""

STATE_JS = """(id) => {
    const node = document.querySelector(`[data-e2e-control="${id}"]`);
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    const now = node.getAttribute('aria-valuenow');
    const isField = node.tagName === 'INPUT' || node.tagName === 'SELECT';
    // a slider handle's accessible name (its aria-labelledby) and its readout
    const names = (node.getAttribute('aria-labelledby') || '').split(' ')
        .map(ref => document.getElementById(ref)).filter(Boolean);
    const slider = node.closest('.widget-slider');
    const readout = slider && slider.querySelector('.widget-readout');
    return {
        name: names.map(label => label.textContent.trim()).join(' '),
        readout: readout ? readout.textContent.trim() : null,
        value: node.getAttribute('aria-valuetext') || now
            || (node.type === 'checkbox' ? String(node.checked) : null)
            || (isField ? node.value : null)
            || String(node.classList.contains('mod-active')),
        atMax: now !== null && now === node.getAttribute('aria-valuemax'),
        active: node.classList.contains('mod-active'),
        focused: document.activeElement === node,
        activeCell: panel && panel.content && 'activeCellIndex' in panel.content
            ? panel.content.activeCellIndex : null,
    };
}"""

# Focus the box itself (made focusable, not tabbable), so Tab walks into its controls.
FOCUS_BOX_JS = """(b) => {
    const box = document.querySelector(`[data-e2e-box="${b}"]`);
    box.setAttribute('tabindex', '-1');
    box.focus();
    return document.activeElement === box;
}"""

ACTIVE_CONTROL_JS = """(b) => {
    const active = document.activeElement;
    const box = document.querySelector(`[data-e2e-box="${b}"]`);
    if (!active || !box.contains(active)) return {inside: false, id: null};
    return {inside: true, id: active.getAttribute('data-e2e-control')};
}"""

NOTEBOOK7_READY_JS = """(path) => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    const context = panel && panel.sessionContext;
    return Boolean(panel && panel.context && panel.context.path === path && context
        && context.isReady && context.session && context.session.kernel
        && context.session.kernel.status === 'idle');
}"""


def _open_in_jupyterlab(lab_page, lab_server):
    page = lab_page.ensure_open()
    page.evaluate(OPEN_JS, EXPLORERS_NOTEBOOK)
    page.wait_for_function(
        KERNEL_READY_JS, arg=EXPLORERS_NOTEBOOK, timeout=PAGE_READY_MS
    )
    page.evaluate(RUN_ALL_JS)
    page.wait_for_function(ALL_CELLS_DONE_JS, timeout=PAGE_READY_MS, polling=250)
    return page, lab_page.errors


def _open_in_notebook7(context, lab_server):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(lab_server.notebook7_url(EXPLORERS_NOTEBOOK))
    page.wait_for_function(
        NOTEBOOK7_READY_JS, arg=EXPLORERS_NOTEBOOK, timeout=PAGE_READY_MS
    )
    page.evaluate(RUN_ALL_JS)
    page.wait_for_function(ALL_CELLS_DONE_JS, timeout=PAGE_READY_MS, polling=250)
    return page, errors


def _open_in_voila(context, lab_server):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(lab_server.voila_url(EXPLORERS_NOTEBOOK), timeout=PAGE_READY_MS)
    return page, errors


def _wait_for_explorers(page, n_explorers):
    """Wait until every explorer shows an image, or a cell shows an error."""
    page.wait_for_function(
        """(n) => document.querySelectorAll(
            '.jp-OutputArea-output > .jupyter-widgets img').length >= n
            || document.querySelector(ERROR_SELECTOR) !== null""".replace(
            "ERROR_SELECTOR", repr(ERROR_SELECTOR)
        ),
        arg=n_explorers,
        timeout=PAGE_READY_MS,
        polling=500,
    )
    errors = page.locator(ERROR_SELECTOR).all_inner_texts()
    assert not errors, "a cell of the explorers notebook failed:\n" + "\n".join(errors)
    time.sleep(1)  # the last views finish rendering their children


def _tab_order(page, box, n_controls):
    """The controls Tab visits, in order, from the start of the box to its end."""
    assert page.evaluate(FOCUS_BOX_JS, box), "could not focus the explorer's box"
    visited = []
    for _ in range(3 * n_controls + 10):  # readouts are tabbable too
        page.keyboard.press("Tab")
        where = page.evaluate(ACTIVE_CONTROL_JS, box)
        if not where["inside"]:
            break
        if where["id"] is not None:
            visited.append(where["id"])
    return visited


def _changed(page, box, before, timeout=CHANGE_MS):
    """Wait until the explorer's figure changes; return the new snapshot or None."""
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        after = page.evaluate(SNAPSHOT_JS, box)
        if after["srcs"] != before["srcs"] and all(after["srcs"]):
            return after
        time.sleep(0.05)
    return None


def _live_settled(page, box, before, snapshot, timeout=3.0):
    """The snapshot once the live region's text differs from ``before``'s (the text
    arrives in its own message, just after or before the image), or the last one
    after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while snapshot["live"] == before["live"] and time.monotonic() < deadline:
        time.sleep(0.05)
        snapshot = page.evaluate(SNAPSHOT_JS, box)
    return snapshot


def _alt_settled(page, box, snapshot, timeout=2.0):
    """The snapshot once the figure's alt has caught up with the live region's text
    (the page copies it when the text arrives), or the last one after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(alt.strip() == snapshot["live"] for alt in snapshot["alts"]):
            return snapshot
        time.sleep(0.05)
        snapshot = page.evaluate(SNAPSHOT_JS, box)
    return snapshot


def _operate(page, control):
    """Focus the control and press its own key(s).

    Returns (what was pressed, the control's state once focused, before the key).
    """
    locator = page.locator(f'[data-e2e-control="{control["id"]}"]')
    locator.scroll_into_view_if_needed()
    locator.focus()
    state = page.evaluate(STATE_JS, control["id"])
    kind = control["kind"]
    if kind == "slider":
        keys = ["ArrowLeft" if state["atMax"] else "ArrowRight"]
    elif kind in ("toggle button", "check box"):
        keys = ["Space"]
    elif kind == "button":
        keys = ["Enter"]
    elif kind == "drop-down":
        keys = ["ArrowDown"]
    elif kind == "text box":
        new_text = _bump_first_number(locator.input_value())
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(new_text)
        keys = ["Enter"]
    else:
        raise AssertionError(f"no key known for a {kind}")
    for key in keys:
        page.keyboard.press(key)
    if kind == "text box":
        return f"typed {new_text!r}, Enter", state
    return keys[0], state


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_every_control_works_from_the_keyboard(
    front_end, browser, lab_server, lab_page, axe_source
):
    n_explorers = len(explorer_builders())
    context = None
    if front_end == "jupyterlab":
        page, errors = _open_in_jupyterlab(lab_page, lab_server)
    else:
        context = browser.new_context(viewport={"width": 1280, "height": 1200})
        opener = _open_in_notebook7 if front_end == "notebook7" else _open_in_voila
        page, errors = opener(context, lab_server)
    problems, results, accessibility = [], [], None
    try:
        _wait_for_explorers(page, n_explorers)
        accessibility = _accessibility(page, axe_source)
        problems += [
            f"axe-core: {v['impact']}: {v['id']} ({v['help']}) on "
            f"{len(v['nodes'])} element(s), e.g. {v['nodes'][0]['html'][:160]}"
            for v in accessibility["course"]
            if v["impact"] in FAILING_IMPACTS and v["id"] not in KNOWN_COURSE_VIOLATIONS
        ]
        boxes = page.evaluate(MARK_CONTROLS_JS)
        assert len(boxes) == n_explorers, (
            f"{front_end}: {len(boxes)} explorers rendered, {n_explorers} built"
        )
        for box, controls in enumerate(boxes):
            name = explorer_builders()[box]
            if not controls:
                problems.append(f"{name}: no control found")
                continue
            start = page.evaluate(SNAPSHOT_JS, box)
            if not start["hasLive"]:
                problems.append(f"{name}: no live region ([aria-live]) in the explorer")
            if not start["alts"] or not all(alt.strip() for alt in start["alts"]):
                problems.append(f"{name}: a figure without alt text ({start['alts']})")
            visited = _tab_order(page, box, len(controls))
            for control in controls:
                what = f"{name}: {control['kind']} {control['label']!r}"
                entry = {"explorer": name, **control}
                results.append(entry)
                entry["reached_by_tab"] = control["id"] in visited
                if not entry["reached_by_tab"]:
                    problems.append(f"{what}: Tab never reaches it")
                before = page.evaluate(SNAPSHOT_JS, box)
                entry["key"], state = _operate(page, control)
                after = _changed(page, box, before)
                now = page.evaluate(STATE_JS, control["id"])
                entry["figure_changed"] = after is not None
                if after is None:
                    problems.append(
                        f"{what}: {entry['key']} changed no figure within "
                        f"{CHANGE_MS / 1000:.0f} s (value {state['value']} -> "
                        f"{now['value']})"
                    )
                    continue
                if control["kind"] == "slider":
                    # what a screen reader announces: the description, the readout
                    if not now["name"] or now["value"] != now["readout"]:
                        problems.append(
                            f"{what}: announced as {now['name']!r}, value "
                            f"{now['value']!r}, while its readout shows "
                            f"{now['readout']!r}"
                        )
                    if now["activeCell"] != state["activeCell"] or not now["focused"]:
                        problems.append(
                            f"{what}: {entry['key']} moved the notebook's cursor "
                            f"(active cell {state['activeCell']} -> "
                            f"{now['activeCell']}, focus kept: {now['focused']})"
                        )
                    after = _live_settled(page, box, before, after)
                    if after["live"] == before["live"]:
                        problems.append(
                            f"{what}: the live region's text stayed "
                            f"{before['live'][:80]!r}"
                        )
                    after = _alt_settled(page, box, after)
                    if [alt.strip() for alt in after["alts"]] != [after["live"]] * len(
                        after["alts"]
                    ):
                        problems.append(
                            f"{what}: the figure's alt text {after['alts']} is not "
                            f"the live region's text {after['live'][:80]!r}"
                        )
                entry["live_region"] = after["hasLive"]
                entry["live_text_changed"] = after["live"] != before["live"]
                missing_alt = sum(1 for alt in after["alts"] if not alt.strip())
                entry["images_without_alt"] = missing_alt
        unexpected = [
            error
            for error in errors
            if not any(known in error for known in KNOWN_PAGE_ERRORS.get(front_end, []))
        ]
        problems += [f"page error: {error}" for error in unexpected]
    except Exception:
        page.screenshot(path=BUILD_DIR / f"keyboard-{front_end}-failed.png")
        raise
    finally:
        BUILD_DIR.mkdir(parents=True, exist_ok=True)
        if problems and not page.is_closed():
            page.screenshot(path=BUILD_DIR / f"keyboard-{front_end}-failed.png")
        (BUILD_DIR / f"keyboard-{front_end}.json").write_text(
            json.dumps(
                {"controls": results, "page_errors": errors, "axe": accessibility},
                indent=2,
            )
            + "\n"
        )
        if context is not None:
            context.close()
        else:
            lab_page.close_documents()
        lab_server.shutdown_all_kernels()
    assert not problems, f"{front_end}:\n  " + "\n  ".join(problems)
    print(
        f"\n{front_end}: {len(results)} controls in {n_explorers} explorers work "
        "from the keyboard"
    )
