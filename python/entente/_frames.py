"""The CLI's CSV and JSON outputs as DataFrames, with the manifest attached."""
from __future__ import annotations

import io
import json

import pandas as pd


def frame(csv_text: str, manifest=None) -> pd.DataFrame:
    """A DataFrame of CSV text the engine wrote; values parse to the same doubles
    the CLI printed (pandas' round-trip float parser)."""
    df = pd.read_csv(io.StringIO(csv_text), float_precision="round_trip", keep_default_na=False,
                     na_values=[""])
    if manifest is not None:
        df.attrs["manifest"] = manifest
    return df


def manifest_of(text: str) -> dict:
    return json.loads(text)
