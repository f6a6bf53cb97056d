"""What Scenario.run and Scenario.compare return, and read_run for a CLI --out directory."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

import pandas as pd

from ._frames import frame


@dataclass
class RunResult:
    """An ensemble's results: ``summary`` (summary.csv of ``entente run``: one row
    per outcome and year), ``thresholds`` (thresholds.csv) and ``manifest``
    (manifest.json: scenario hash, seed, runs, versions). ``summary_csv`` is the
    CLI's ``--format csv`` text, byte for byte."""

    summary: pd.DataFrame
    thresholds: pd.DataFrame
    manifest: dict
    summary_csv: str = field(repr=False, default="")


@dataclass
class Comparison:
    """Policies over the same futures: ``table`` (compare.csv of ``entente compare``,
    tidy: one row per policy, outcome, year and statistic), ``details`` (compare.json:
    regret, ranking) and ``manifest``. ``compare_csv`` is the CLI's text."""

    table: pd.DataFrame
    details: dict
    manifest: dict
    compare_csv: str = field(repr=False, default="")


def read_run(directory: str):
    """Read the --out directory of ``entente run`` (a RunResult) or of
    ``entente compare`` (a Comparison)."""
    with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    compare_csv = os.path.join(directory, "compare.csv")
    if os.path.exists(compare_csv):
        with open(compare_csv, encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(directory, "compare.json"), encoding="utf-8") as f:
            details = json.load(f)
        return Comparison(frame(text, manifest), details, manifest, text)
    with open(os.path.join(directory, "summary.csv"), encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(directory, "thresholds.csv"), encoding="utf-8") as f:
        thresholds = f.read()
    return RunResult(frame(text, manifest), frame(thresholds, manifest), manifest, text)
