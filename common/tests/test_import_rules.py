"""The arrows between the packages (README, Layout), read from every module's imports."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package -> the project packages it must not import
FORBIDDEN = {
    "intake": {"clinic", "education", "config", "tools"},
    "education": {"clinic", "intake", "config", "tools"},
    "common": {"clinic", "intake", "education", "config", "tools"},
    "clinic": {"config", "tools"},
    "config": {"tools"},
}


def imported_packages(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            yield (node.module or "").split(".")[0]
        elif isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_package_imports_only_what_it_may(package):
    modules = [p for p in (ROOT / package).rglob("*.py") if "tests" not in p.parts]
    assert modules
    wrong = {
        (str(path.relative_to(ROOT)), name)
        for path in modules
        for name in imported_packages(path)
        if name in FORBIDDEN[package]
    }
    assert not wrong
