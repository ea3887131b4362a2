"""axe-core checks for pages the browser tests visit: WCAG 2.2 AA, zero violations."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE_PATH = Path(__file__).resolve().parents[2] / "macpu/static/vendor/axe/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


def assert_accessible(page: Page) -> None:
    """Fail with a readable list unless axe-core finds no WCAG 2.2 AA violations."""
    # Check the page as people see it: loaded, in its own fonts. Measured in a fallback font, a wider navigation
    # wraps onto two lines whose links are closer than 24 pixels, a target-size violation that is not there.
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    # Evaluated rather than added as a <script>, which the CSP would block.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    results: dict[str, Any] = page.evaluate(
        "async (tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations: list[dict[str, Any]] = results["violations"]
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"    {', '.join(map(str, node['target']))}" for node in violation["nodes"])
        pytest.fail("\n".join(lines))
