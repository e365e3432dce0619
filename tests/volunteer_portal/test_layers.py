"""The apps form layers and imports point down only (DESIGN.md): no app imports
`volunteer_portal`, which only configures and wires them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAY_IMPORT = {
    "users": set(),
    "audit": {"users"},
    "notifications": {"users"},
    "partners": {"users", "audit", "notifications"},
    "volunteers": {"users", "audit", "notifications"},
    "deployments": {"users", "audit", "notifications", "partners", "volunteers"},
    "knowledge": {"users", "audit", "notifications", "partners", "volunteers", "deployments"},
    "reports": {"users", "audit", "notifications", "partners", "volunteers", "deployments"},
    # Personal data reaches into every app below, and builds its files like reports do.
    "privacy": {
        "users",
        "audit",
        "notifications",
        "partners",
        "volunteers",
        "deployments",
        "reports",
    },
    # The REST API asks the same services, selectors and rules as the pages; nothing imports it.
    "api": {"users", "audit", "notifications", "partners", "volunteers", "deployments"},
}
PROJECT_MODULES = {*MAY_IMPORT, "volunteer_portal"}


def imported_apps(path: Path) -> set[str]:
    """Every project app a module imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & PROJECT_MODULES


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_an_app_imports_only_the_apps_below_it(app):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - MAY_IMPORT[app] - {app})
        for path in (ROOT / app).rglob("*.py")
        if imported_apps(path) - MAY_IMPORT[app] - {app}
    }

    assert offenders == {}
