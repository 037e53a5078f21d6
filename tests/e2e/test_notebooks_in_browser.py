"""Every notebook, as a learner meets it: opened in JupyterLab in a real (headless)
Chromium, all cells run, every widget rendered, one slider moved with the keyboard, and
the figure checked to have changed.

One test per notebook, all sharing one server and one browser (see conftest.py). For
each notebook it saves a screenshot of the cell whose slider it moved to
build/e2e/<notebook>.png, and the time from key press to the new figure in the page to
build/e2e/latency.json (median over notebooks included).
"""

import pytest

from .conftest import BUILD_DIR, NOTEBOOK_DIR

pytestmark = pytest.mark.e2e

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
KERNEL_READY_MS = 120_000  # opening a notebook starts a kernel; slow on a busy machine
RUN_ALL_MS = 180_000  # each notebook runs in < 20 s under nbval; leave room for load
WIDGETS_RENDERED_MS = 30_000
NEW_IMAGE_MS = 15_000
MAX_SLIDERS_TRIED = (
    5  # a slider that changes no figure (e.g. a text readout) is skipped
)

KERNEL_READY_JS = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const context = panel && panel.sessionContext;
    return Boolean(context && context.isReady && context.session
        && context.session.kernel && context.session.kernel.status === 'idle');
}"""

RUN_ALL_JS = """async () => {
    const panel = window.jupyterapp.shell.currentWidget;
    // Resolves once every cell has run (or one raised and stopped the run).
    await window.jupyterapp.commands.execute('notebook:run-all-cells');
    return panel.context.path;
}"""

ALL_CELLS_DONE_JS = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const busy = panel.content.widgets.some(
        cell => cell.model.type === 'code' && cell.model.executionState === 'running');
    return !busy && panel.sessionContext.session.kernel.status === 'idle';
}"""

# What a learner would see as broken, cell by cell. Code cells are numbered as nbval
# numbers them ("Cell N" counts code cells only), so a failure here and there match.
PROBLEMS_JS = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const problems = [];
    let codeIndex = -1;
    for (const cell of panel.content.widgets) {
        if (cell.model.type !== 'code') continue;
        codeIndex += 1;
        const where = `Cell ${codeIndex}`;
        const source = cell.model.sharedModel.getSource();
        const tags = cell.model.getMetadata('tags') || [];
        const errorExpected = tags.includes('raises-exception');
        const outputs = cell.model.outputs.toJSON();
        if (source.trim() && cell.model.executionCount === null) {
            problems.push(`${where} did not run (did an earlier cell raise? ` +
                'A cell meant to raise needs the "raises-exception" tag, ' +
                'which JupyterLab, nbconvert and nbval all honour.)');
        }
        for (const out of outputs) {
            if (out.output_type === 'error' && !errorExpected) {
                problems.push(`${where} shows an error: ${out.ename}: ${out.evalue}`);
            }
            const text = [].concat(out.text || []).join('');
            if (out.output_type === 'stream' && out.name === 'stderr'
                    && text.includes('Warning')) {
                problems.push(`${where} shows a warning: ${text.slice(0, 400)}`);
            }
        }
        const expected = outputs.filter(out => out.data
            && out.data['application/vnd.jupyter.widget-view+json']).length;
        const rendered = cell.node.querySelectorAll(
            '.jp-Cell-outputArea > .jp-OutputArea-child ' +
            '> .jp-OutputArea-output > .jupyter-widgets').length;
        if (rendered < expected) {
            problems.push(`${where}: ${rendered} of ${expected} widgets rendered`);
        }
        if (cell.node.innerText.includes('Error displaying widget')) {
            problems.push(`${where} shows "Error displaying widget"`);
        }
    }
    return problems;
}"""

# Installed on a slider handle just before the key press: records when the key went
# down, then watches the images in that cell's output and records when one differs
# from every image there before (new src, decoded, different pixels).
ARM_JS = """async (handle) => {
    const cell = handle.closest('.jp-Cell');
    document.querySelectorAll('[data-e2e-cell]').forEach(
        node => node.removeAttribute('data-e2e-cell'));
    cell.setAttribute('data-e2e-cell', 'moved');
    const pixelsHash = async (img) => {
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const context = canvas.getContext('2d');
        context.drawImage(img, 0, 0);
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        const digest = await crypto.subtle.digest('SHA-256', pixels);
        return Array.from(new Uint8Array(digest)).map(
            b => b.toString(16).padStart(2, '0')).join('');
    };
    const images = () => Array.from(cell.querySelectorAll('.jp-Cell-outputArea img'));
    for (const img of images()) { await img.decode().catch(() => null); }
    const before = images().filter(img => img.naturalWidth > 0);
    const state = {
        keyDown: null, newImage: null, beforeSrcs: before.map(img => img.src),
        beforeHashes: await Promise.all(before.map(pixelsHash)),
        changedHash: null, unchangedPixels: 0,
    };
    window.__e2e = state;
    const seen = new Set(state.beforeSrcs);
    const look = () => {
        for (const img of images()) {
            if (!img.src || seen.has(img.src)) continue;
            seen.add(img.src);
            img.decode().then(async () => {
                const decoded = performance.now();
                const hash = await pixelsHash(img);
                if (state.beforeHashes.includes(hash)) {
                    state.unchangedPixels += 1;
                } else if (state.newImage === null) {
                    state.newImage = decoded;
                    state.changedHash = hash;
                }
            }).catch(() => null);
        }
    };
    state.observer = new MutationObserver(look);
    state.observer.observe(cell, {
        subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
    document.addEventListener('keydown', () => {
        if (state.keyDown === null) state.keyDown = performance.now();
    }, {capture: true, once: true});
    const atMax = (
        handle.getAttribute('aria-valuenow') === handle.getAttribute('aria-valuemax'));
    return {nImages: before.length, atMax: atMax};
}"""

DISARM_JS = """() => {
    const state = window.__e2e;
    state.observer.disconnect();
    return {keyDown: state.keyDown, newImage: state.newImage,
            unchangedPixels: state.unchangedPixels};
}"""


def _move_a_slider(page):
    """Press an arrow key on sliders in turn until one changes a figure.

    Returns (latency in ms, description of the slider) or raises AssertionError.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    handles = page.locator(".jp-Notebook .widget-slider .noUi-handle")
    n_sliders = handles.count()
    assert n_sliders > 0, "no slider (.widget-slider) rendered in this notebook"
    tried = []
    for index in range(min(n_sliders, MAX_SLIDERS_TRIED)):
        handle = handles.nth(index)
        handle.scroll_into_view_if_needed()
        label = handle.evaluate(
            "h => (h.closest('.widget-slider').querySelector('.widget-label')"
            " || {}).textContent || '(no label)'"
        )
        armed = handle.evaluate(ARM_JS)
        if armed["nImages"] == 0:
            tried.append(f"slider {label!r}: no image in its cell")
            continue
        handle.focus()
        page.keyboard.press("ArrowLeft" if armed["atMax"] else "ArrowRight")
        try:
            page.wait_for_function(
                "() => window.__e2e.newImage !== null", timeout=NEW_IMAGE_MS
            )
        except PlaywrightTimeout:
            result = page.evaluate(DISARM_JS)
            tried.append(
                f"slider {label!r}: no changed figure within {NEW_IMAGE_MS} ms "
                f"({result['unchangedPixels']} new image(s) with unchanged pixels)"
            )
            continue
        result = page.evaluate(DISARM_JS)
        assert result["keyDown"] is not None, "the key press never reached the page"
        return result["newImage"] - result["keyDown"], label
    raise AssertionError(
        "no slider changed a figure with the keyboard:\n  " + "\n  ".join(tried)
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_in_browser(notebook, lab_server, browser, latency_report):
    context = browser.new_context(viewport={"width": 1280, "height": 1200})
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        page.goto(lab_server.notebook_url(notebook.name))
        page.wait_for_function(KERNEL_READY_JS, timeout=KERNEL_READY_MS)
        page.evaluate(RUN_ALL_JS)
        page.wait_for_function(ALL_CELLS_DONE_JS, timeout=RUN_ALL_MS, polling=250)
        # Widget views render after the kernel is idle; give them time, then judge.
        try:
            page.wait_for_function(
                f"() => ({PROBLEMS_JS})().length === 0",
                timeout=WIDGETS_RENDERED_MS,
                polling=500,
            )
        except Exception:  # the list of problems below is the useful message
            pass
        problems = page.evaluate(PROBLEMS_JS)
        if problems:
            page.screenshot(path=BUILD_DIR / f"{notebook.stem}-failed.png")
        assert not problems, f"{notebook.name} in the browser:\n  " + "\n  ".join(
            problems + [f"page error: {e}" for e in page_errors]
        )

        try:
            latency_ms, slider = _move_a_slider(page)
        except AssertionError:
            page.screenshot(path=BUILD_DIR / f"{notebook.stem}-failed.png")
            raise
        latency_report[notebook.stem] = round(latency_ms, 1)
        # The moved slider and its figure, as the learner sees them in JupyterLab.
        page.locator("[data-e2e-cell] .jp-Cell-outputArea").evaluate(
            "area => area.scrollIntoView({block: 'start'})"
        )
        page.screenshot(path=BUILD_DIR / f"{notebook.stem}.png")
        print(
            f"{notebook.stem}: slider {slider!r} -> new figure in {latency_ms:.0f} ms"
        )
    finally:
        context.close()
        # Free the kernel before the next notebook; 2 cores, one notebook at a time.
        lab_server.shutdown_all_kernels()
