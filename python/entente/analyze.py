"""entente.analyze: Sobol, Morris and PRIM on a sweep database, the code of
``entente analyze sobol|morris|prim --db``; results as DataFrames whose
numbers are the CLI's ``--format csv``."""
from __future__ import annotations

from typing import Optional

import pandas as pd

from . import _core
from ._frames import frame


def _run(kind, db, outcome, year, policy, versus, where, stat="mean", bootstrap=1000, seed=1, second_order=False,
         threshold=0.8, peel_alpha=0.05, paste_alpha=0.05, mass_min=0.05):
    csv = _core.analyze(kind, str(db), outcome, float(year), policy or "", versus or "", stat or "mean", where or "",
                        int(bootstrap), int(seed), bool(second_order), float(threshold), float(peel_alpha),
                        float(paste_alpha), float(mass_min))
    df = frame(csv)
    df.attrs["csv"] = csv
    return df


def sobol(db: str, outcome: str, year: float, policy: Optional[str] = None, versus: Optional[str] = None,
          where: Optional[str] = None, bootstrap: int = 1000, seed: int = 1, second_order: bool = False,
          stat: str = "mean") -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices, S2 with second_order, from a
    Saltelli sweep: columns index, parameter, parameter2, estimate, ci_lo, ci_hi.
    stat: what each point contributes, as ``--stat``: "mean" of its replicates, or
    their "sd", "p05", "p25", "p50", "p75", "p95", "min" or "max"."""
    return _run("sobol", db, outcome, year, policy, versus, where, stat, bootstrap, seed, second_order)


def morris(db: str, outcome: str, year: float, policy: Optional[str] = None, versus: Optional[str] = None,
           where: Optional[str] = None, bootstrap: int = 1000, seed: int = 1, stat: str = "mean") -> pd.DataFrame:
    """Morris elementary effects (mu, mu_star with its interval, sigma) of a Morris sweep
    (stat: as in sobol)."""
    return _run("morris", db, outcome, year, policy, versus, where, stat, bootstrap, seed)


def prim(db: str, outcome: str, year: float, where: str, policy: Optional[str] = None,
         versus: Optional[str] = None, threshold: float = 0.8, peel_alpha: float = 0.05,
         paste_alpha: float = 0.05, mass_min: float = 0.05, stat: str = "mean") -> pd.DataFrame:
    """PRIM scenario discovery: the peeling trajectory ("peel" rows) and the chosen
    box after pasting ("chosen"), with coverage, density and each parameter's limits,
    for the points where ``where`` (e.g. "y > 0.6") holds (stat: as in sobol)."""
    return _run("prim", db, outcome, year, policy, versus, where, stat, threshold=threshold, peel_alpha=peel_alpha,
                paste_alpha=paste_alpha, mass_min=mass_min)
