"""Dependencies run one way: drafter_core ← guardrails ← drafter ← api, never back up, never in a circle.

Read from the source with `ast` (every import, also those inside functions), so a lazy import that
runs back up is caught as surely as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("drafter_core", "guardrails", "drafter", "api")
# What each package may import (besides itself): the ground floor first.
ALLOWED = {
    "drafter_core": set(),
    "guardrails": {"drafter_core"},
    "drafter": {"drafter_core", "guardrails"},
    "api": {"drafter_core", "guardrails", "drafter"},
}


def imported_packages(package: str) -> dict[str, set[str]]:
    """For each of our packages that `package` imports: the files that import it."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            for name in names:
                top = name.split(".")[0]
                if top in PACKAGES and top != package:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_each_package_imports_only_the_floors_below_it() -> None:
    for package in PACKAGES:
        wrong = {other: sorted(files) for other, files in imported_packages(package).items()
                 if other not in ALLOWED[package]}
        assert not wrong, f"{package} imports {wrong}"


def test_the_pipeline_never_imports_the_stub_model() -> None:
    importers = set()
    for path in (ROOT / "drafter").rglob("*.py"):
        if "stub_model" in path.read_text(encoding="utf-8") and path.parent.name != "replay":
            importers.add(str(path.relative_to(ROOT)))
    assert not importers
