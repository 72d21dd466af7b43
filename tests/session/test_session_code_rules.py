"""The team's code rules, held for the session, analysis and live packages: functions under 80
lines, files under 400, keyword-only parameters past the third."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

VISION = Path(__file__).resolve().parents[2] / "vision"
PACKAGES = ("session", "analysis", "live")
MAX_FUNCTION_LINES = 80
MAX_FILE_LINES = 400
MAX_POSITIONAL = 3


def _files() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (VISION / pkg).rglob("*.py"))


def _functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(VISION)))
def test_short_functions_and_keyword_only_parameters(path: Path) -> None:
    assert len(path.read_text().splitlines()) <= MAX_FILE_LINES
    long, positional = [], []
    for f in _functions(path):
        if f.end_lineno - f.lineno + 1 > MAX_FUNCTION_LINES:
            long.append(f.name)
        names = [a.arg for a in f.args.posonlyargs + f.args.args if a.arg not in ("self", "cls")]
        if len(names) > MAX_POSITIONAL:
            positional.append(f.name)
    assert not long and not positional, (long, positional)


def test_the_rule_sees_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    bad = tmp_path / "bad.py"
    bad.write_text(f"def f(a, b, c, d):\n{body}\n")
    (f,) = _functions(bad)
    assert f.end_lineno - f.lineno + 1 == MAX_FUNCTION_LINES + 1 and len(f.args.args) == 4
