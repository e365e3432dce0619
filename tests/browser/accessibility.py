"""axe-core in the page: the serious and critical accessibility violations it finds."""

from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


def serious_violations(page: Page) -> list[str]:
    """One line per serious or critical violation: rule, impact and the first elements."""
    # Evaluated through the DevTools protocol, so the page's CSP does not block it.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                            "best-practice"]},
        })"""
    )
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in SERIOUS
    ]
