"""entente.design: an experiment design as a DataFrame, the points of
``entente design KIND --params FILE`` (same rows, same doubles)."""
from __future__ import annotations

import json
import os
import tempfile
from typing import Mapping, Optional, Union

import pandas as pd

from . import _core
from ._frames import frame


def design(kind: str, params: Union[str, os.PathLike, Mapping], samples: Optional[int] = None,
           levels: Optional[int] = None, seed: int = 1, second_order: bool = False,
           maximin: int = 0) -> pd.DataFrame:
    """The points at which to run a model: one row per point, one column per parameter.

    kind: "sobol", "lhs", "mc", "morris" or "grid" (docs/designs.md says what
    samples and levels mean for each). params: a params file (YAML, as for
    ``entente design --params``) or a mapping of the same content, e.g.
    ``{"parameters": {"x1": {"dist": "uniform", "min": -3.14, "max": 3.14}}}``.
    Input errors raise entente.ScenarioError with their file, line and column;
    a size or option the kind does not take raises ValueError.
    The design's description is in ``df.attrs`` (kind, base_samples, levels,
    second_order, seed, rows) and the CLI's CSV text in ``df.attrs["csv"]``.
    """
    if isinstance(params, Mapping):
        # JSON is YAML: the mapping is read by the params file reader itself.
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", prefix="entente_params_", delete=False) as f:
            json.dump(params, f, indent=1)
            path = f.name
        try:
            return design(kind, path, samples, levels, seed, second_order, maximin)
        finally:
            os.unlink(path)
    info = _core.design(str(kind), os.fspath(params), int(samples or 0), int(levels or 0), int(seed),
                        bool(second_order), int(maximin))
    df = frame(info["csv"])
    for key in ("kind", "base_samples", "levels", "second_order", "seed", "rows"):
        df.attrs[key] = info[key]
    df.attrs["csv"] = info["csv"]
    return df
