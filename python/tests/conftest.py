"""Shared by the Python tests: the CLI to compare against and the scenario."""
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIO = os.path.join(ROOT, "scenarios", "sino_russia_2035.yaml")


@pytest.fixture(scope="session")
def cli():
    """Runs the entente CLI (ENTENTE_CLI, set by CTest); returns (rc, stdout, stderr)."""
    exe = os.environ.get("ENTENTE_CLI") or os.path.join(ROOT, "build", "release", "cli", "entente")

    def call(*args):
        p = subprocess.run([exe, *map(str, args)], capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr

    return call
