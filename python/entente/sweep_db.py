"""read_sweep: a sweep database (``entente sweep`` or Scenario.sweep) as DataFrames."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pandas as pd


@dataclass
class Sweep:
    """A sweep database, read-only.

    ``results``: tidy, one row per point, policy, outcome and year with the
    mean, sd and quantiles over the point's replicates (the ``results`` table);
    ``design``: one row per point, one column per parameter (its value);
    ``parameters``: name, kind (uncertainty or lever) and distribution;
    ``manifest``: the sweep's key and settings; ``complete``: every point done.
    """

    path: str
    results: pd.DataFrame
    design: pd.DataFrame
    parameters: pd.DataFrame
    manifest: dict
    complete: bool

    def wide(self, outcome: str, year: float, policy: str | None = None, stat: str = "mean") -> pd.DataFrame:
        """The design with one response column (``outcome``), the table PRIM or
        any regression takes: one row per point."""
        r = self.results[(self.results.outcome == outcome) & (self.results.year == year)]
        if policy is not None:
            r = r[r.policy == policy]
        elif r.policy.nunique() > 1:
            raise ValueError(f"the sweep ran policies {sorted(r.policy.unique())}; name one with policy=")
        if r.empty:
            raise ValueError(f"no results for outcome {outcome!r} in year {year}")
        y = r.set_index("point")[stat].rename(outcome)
        return self.design.join(y, how="inner")


def read_sweep(path: str) -> Sweep:
    """Read a sweep database written by ``entente sweep`` (or Scenario.sweep)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        if not {"manifest", "parameters", "design", "points", "results"} <= tables:
            raise ValueError(f"{path}: not a sweep database written by entente sweep")
        manifest = dict(con.execute("SELECT key, value FROM manifest").fetchall())
        parameters = pd.read_sql_query("SELECT idx, name, kind, distribution FROM parameters ORDER BY idx", con)
        long = pd.read_sql_query("SELECT point, param, value FROM design ORDER BY point, param", con)
        design = long.pivot(index="point", columns="param", values="value")
        design.columns = [parameters.name[parameters.idx == c].iloc[0] for c in design.columns]
        design.columns.name = None
        results = pd.read_sql_query(
            "SELECT point, policy, outcome, year, n, mean, sd, p05, p25, p50, p75, p95, min, max "
            "FROM results ORDER BY point, policy, outcome, year", con)
        n_points = len(design)
        done = con.execute("SELECT count(*) FROM points WHERE status = 'done'").fetchone()[0]
    finally:
        con.close()
    # Every frame carries the sweep's manifest, as run and compare frames do.
    for frame in (results, design, parameters):
        frame.attrs["manifest"] = manifest
    return Sweep(path, results, design, parameters, manifest, done == n_points)
