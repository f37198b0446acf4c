"""Pinned installs: every install path goes through the lock files, and the
lock files pin every dependency of pyproject.toml with hashes."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {name: ROOT / "requirements" / name for name in ("dev.lock", "site.lock")}
PIN_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for name, version in PIN_RE.findall(lock.read_text(encoding="utf-8")):
        found.setdefault(normalize(name), set()).add(version)
    return found


def requirement_names(specs: list[str]) -> set[str]:
    return {normalize(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0]) for spec in specs}


@pytest.fixture(scope="module")
def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


@pytest.mark.parametrize("name", sorted(LOCKS))
def test_every_pin_has_hashes(name: str) -> None:
    text = LOCKS[name].read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
    assert entries
    for entry in entries:
        if entry.startswith("#"):
            continue
        assert PIN_RE.match(entry), entry
        assert "--hash=sha256:" in entry, f"{name}: {entry.splitlines()[0]} has no hash"


def test_dev_lock_pins_runtime_test_and_build_dependencies(project: dict) -> None:
    locked = pins(LOCKS["dev.lock"])
    wanted = requirement_names(project["dependencies"] + project["optional-dependencies"]["test"])
    wanted |= {"setuptools", "wheel"}  # installed with --no-build-isolation
    assert wanted <= set(locked), f"missing from dev.lock: {sorted(wanted - set(locked))}"


def test_site_lock_has_the_runtime_at_the_same_versions(project: dict) -> None:
    site, dev = pins(LOCKS["site.lock"]), pins(LOCKS["dev.lock"])
    assert requirement_names(project["dependencies"]) <= set(site)
    assert "pytest" not in site
    for name, versions in site.items():
        assert versions == dev[name], f"{name}: site.lock {versions} vs dev.lock {dev[name]}"


def test_installs_go_through_the_locks() -> None:
    install = (ROOT / "scripts/install-locked.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r" in install and "--no-build-isolation" in install
    setup = (ROOT / "scripts/setup.sh").read_text(encoding="utf-8")
    assert "requirements/dev.lock" in setup and "requirements/site.lock" in setup
    assert "scripts/install-locked.sh" in setup
    assert "scripts/install-locked.sh .venv-ci requirements/site.lock" in (ROOT / "scripts/ci-env.sh").read_text()
    assert "bash scripts/test.sh" in (ROOT / ".ci/run").read_text(encoding="utf-8")
    # No other install command anywhere in the scripts or the pipeline.
    for path in [*ROOT.glob("scripts/*.sh"), ROOT / ".ci/run", ROOT / ".gitlab-ci.yml"]:
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "pip install" in line and path.name not in ("install-locked.sh", "lock.sh"):
                pytest.fail(f"{path.relative_to(ROOT)}: unpinned install: {line.strip()}")


def test_setup_refuses_an_old_python_with_a_clear_message(tmp_path: Path) -> None:
    fake = tmp_path / "python2"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    result = subprocess.run(
        ["bash", str(ROOT / "scripts/setup.sh")],
        env={"PATH": "/usr/bin:/bin", "PYTHON": str(fake)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "n'est pas un Python 3.11 ou plus récent" in result.stderr
    assert "Traceback" not in result.stderr
