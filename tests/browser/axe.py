"""axe-core, the accessibility engine, for the browser tests (issue 8, item 2).

tests/browser/vendor/axe-core-4.14.1/axe.min.js is the npm package `axe-core` 4.14.1 as published (MPL-2.0, its
LICENSE beside it). The test injects it into the page it checks; the application never serves it.
"""

from pathlib import Path

AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
SERIOUS = ("serious", "critical")


def install_axe(context):
    """Every page of the context gets axe before its own scripts (an init script is not subject to the CSP)."""
    context.add_init_script(path=str(AXE_SOURCE))


def violations(page, impacts=SERIOUS):
    """The violations axe finds on the page as it is now, one line per element: rule, impact, what, where."""
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return [
        f"{page.url} {rule['id']} ({rule['impact']}): {rule['help']} at {node['target']}"
        for rule in result["violations"]
        if rule["impact"] in impacts
        for node in rule["nodes"]
    ]
