"""The README's quick start works as written: its shell commands, run in order in one shell
against `clarus serve --demo` on a new database, succeed (every curl fails the run on an HTTP
error), and the final read-back answers what the README shows. The LICENSE is the licence
`pyproject.toml` names."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

from pypdf import PdfReader

from tests.serving import demo_server

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
DEMO_URL = "http://127.0.0.1:8000"
BLOCK_END = "::end of block::"
FENCED = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)


def section(title: str) -> str:
    text = README.read_text()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def blocks(text: str, language: str) -> list[str]:
    return [body for found_language, body in FENCED.findall(text) if found_language == language]


def quick_start_script(base_url: str, client_id: str, client_secret: str) -> str:
    """The quick start's `sh` blocks as one bash script for the server at `base_url`, each
    block's output ended by `BLOCK_END`."""
    commands = [
        block.replace("cl_...", client_id)
        .replace("cs_...", client_secret)
        .replace(DEMO_URL, base_url)
        for block in blocks(section("Quick start with curl"), "sh")
    ]
    prelude = 'set -euo pipefail\ncurl() { command curl --fail-with-body "$@"; }\n'
    return prelude + "".join(f"{command}\necho; echo '{BLOCK_END}'\n" for command in commands)


def test_the_quick_start_runs_as_written(tmp_path: Path) -> None:
    with demo_server(tmp_path) as server:
        script = quick_start_script(server.base_url, server.client_id, server.client_secret)
        assert server.base_url not in README.read_text()
        run = subprocess.run(
            ["bash", "-c", script],
            cwd=tmp_path,
            env=server.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert run.returncode == 0, (run.stdout, run.stderr)
    outputs = [output.strip() for output in run.stdout.split(BLOCK_END)[:-1]]
    shown = blocks(section("Quick start with curl"), "json")
    assert len(outputs) == len(blocks(section("Quick start with curl"), "sh")) == 7
    created = json.loads(outputs[1])["data"]
    assert (created["id"], created["attributes"]["code"]) == (2, "ACME")
    read_back = json.loads(outputs[2])["data"]["accounts"]["all"]
    assert [edge["node"]["code"] for edge in read_back["edges"]] == ["ACME"]
    final = json.loads(outputs[-1])
    final.pop("extensions")
    assert final == json.loads(shown[-1])


def test_the_shipping_example_runs_after_the_quick_start(tmp_path: Path) -> None:
    """The "Packing and shipments" commands, run after the quick start in the same shell: the
    demo server's shipping worker submits the shipment, and the label is a PDF of two pages
    with the tracking numbers and the delivery address."""
    shipping = section("Packing and shipments")
    with demo_server(tmp_path) as server:
        script = quick_start_script(server.base_url, server.client_id, server.client_secret)
        script += "".join(
            f"{block.replace(DEMO_URL, server.base_url)}\necho; echo '{BLOCK_END}'\n"
            for block in blocks(shipping, "sh")
        )
        run = subprocess.run(
            ["bash", "-c", script],
            cwd=tmp_path,
            env=server.env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    assert run.returncode == 0, (run.stdout, run.stderr)
    outputs = [output.strip() for output in run.stdout.split(BLOCK_END)[:-1]]
    assert len(outputs) == 7 + len(blocks(shipping, "sh")) == 9
    shipped = json.loads(outputs[-1])
    shipped.pop("extensions")
    assert shipped == json.loads(blocks(shipping, "json")[-1])
    pages = [page.extract_text() for page in PdfReader(tmp_path / "label.pdf").pages]
    assert len(pages) == 2
    for page, number in zip(pages, ("OWN0000000001", "OWN0000000002"), strict=True):
        assert number in page
        assert "LS1 4EF" in page


def test_the_licence_file_is_the_one_pyproject_names() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]
    licence = (ROOT / "LICENSE").read_text()
    assert declared == {"text": "Apache-2.0"}
    assert licence.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "END OF TERMS AND CONDITIONS" in licence
