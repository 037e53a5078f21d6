"""Every number a notebook's prose states must be shown by one of its cells.

The root conftest.py calls `unprinted_numbers` after nbval has run a notebook's last
cell, with the notebook and the text of every output the run produced; a notebook whose
markdown states a number no cell shows fails that cell. This keeps the text and the
outputs from drifting apart: a number in the text is printed (or written) by a cell.

What counts as a stated number: one with a decimal point, an exponent or a percent sign
("0.14", "2e-4", "1.96e+04", "37%"), and both integers of "N of M" / "N out of M"
("4 of 20 data sets"). Plain integers are too often names ("notebook 04", "degree 15")
to check. Math in ``$...$`` or ``$$...$$`` is a formula and is skipped, as are link
targets. Numbers that belong to a definition or a formula written in prose are listed
per notebook in ``metadata["reglab"]["definition_numbers"]``.

A stated number matches a shown one at the precision it is stated with: "0.14" matches a
printed 0.1412, "14.2" matches 14.23, "2e-4" matches 0.000213; signs are ignored (prose
says "falls by 0.5" of a printed -0.5), and a percentage also matches its fraction.
"""

import math
import re

_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"
_HEADING_NUMBER = re.compile(r"^(#+\s*)[\d.]+", re.MULTILINE)
_STATED = re.compile(
    rf"(?<![\w.])(\d+)\s+(?:out\s+)?of\s+(\d+)(?![\w.])|(?<![\w.])({_NUMBER})(\s*%)?"
)
_SHOWN = re.compile(rf"(?<![\w.]){_NUMBER}|(?<![\w\d])\.\d+")


def _precision(text):
    """(value, decimals or None, significant digits or None) of a stated number."""
    mantissa, _, exponent = text.lower().partition("e")
    if exponent:
        digits = mantissa.replace(".", "").lstrip("0") or "0"
        return float(text), None, len(digits)
    decimals = len(mantissa.partition(".")[2])
    return float(text), decimals, None


def stated_numbers(markdown):
    """The numbers a markdown text states, as the strings it writes them with."""
    text = _HTML_TAG.sub(" ", _LINK_TARGET.sub("]", _MATH.sub(" ", markdown)))
    text = _HEADING_NUMBER.sub(r"\1", text)
    found = []
    for match in _STATED.finditer(text):
        first, second, number, percent = match.groups()
        if first is not None:
            found += [first, second]
        elif percent or "." in number or "e" in number.lower():
            found.append(number.replace(",", "") + ("%" if percent else ""))
    return found


def shown_values(texts):
    """Every number written in the given texts (cell sources and outputs), as floats."""
    values = set()
    for text in texts:
        tokens = _SHOWN.findall(text)
        values.update(abs(float(token.replace(",", ""))) for token in tokens)
    return values


def _matches(stated, shown):
    percent = stated.endswith("%")
    value, decimals, significant = _precision(stated.rstrip("%"))
    for number in shown:
        for candidate in (number, 100 * number) if percent else (number,):
            if significant is None:
                rounded = round(candidate, decimals)
            elif candidate > 0:
                rounded = float(f"{candidate:.{significant - 1}e}")
            else:
                continue
            if math.isclose(rounded, value, rel_tol=1e-9, abs_tol=1e-12):
                return True
    return False


def unprinted_numbers(notebook, output_texts):
    """Numbers the notebook's markdown states that no cell source or output shows."""
    shown = shown_values(
        [cell.source for cell in notebook.cells if cell.cell_type == "code"]
        + list(output_texts)
    )
    allowed = set(notebook.metadata.get("reglab", {}).get("definition_numbers", []))
    missing = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for number in stated_numbers(cell.source):
            if number in allowed or _matches(number, shown):
                continue
            missing.append((cell.get("id", "?"), number))
    return missing
