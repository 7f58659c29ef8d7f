"""CI installs with `constraints/test.txt`: it pins every package `.[test]` needs, inside the
ranges `pyproject.toml` asks for, and the pre-commit hooks run the ruff it pins."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[2]


def _pins() -> dict[str, str]:
    lines = (ROOT / "constraints" / "test.txt").read_text().splitlines()
    pins = [line.split("==") for line in lines if line and not line.startswith("#")]
    return {canonicalize_name(name): version for name, version in pins}


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [
        Requirement(text)
        for text in project["dependencies"] + project["optional-dependencies"]["test"]
    ]


def test_every_direct_requirement_is_pinned_inside_its_range() -> None:
    pins = _pins()
    outside: dict[str, str | None] = {}
    for requirement in _requirements():
        version = pins.get(canonicalize_name(requirement.name))
        if version is None or version not in requirement.specifier:
            outside[str(requirement)] = version
    assert outside == {}, "run scripts/pin"


def test_pre_commit_runs_the_pinned_ruff() -> None:
    config = (ROOT / ".pre-commit-config.yaml").read_text()
    hook_versions = re.findall(r'"ruff==([^"]+)"', config)
    assert hook_versions == [_pins()["ruff"]] * 2
