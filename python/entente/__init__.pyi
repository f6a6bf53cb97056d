# Type stubs of the package `entente` (python/entente/, docs/python.md).
from typing import Dict, Iterable, List, Mapping, NamedTuple, Optional, Protocol, Sequence, Union

import os

import pandas as pd

from . import analyze as analyze

__version__: str

class Diagnostic(NamedTuple):
    file: str
    line: int
    column: int
    message: str

class ScenarioError(ValueError):
    diagnostics: List[Diagnostic]
    file: str
    line: int
    column: int
    message: str
    def __init__(self, diagnostics: Iterable[Sequence[object]]) -> None: ...

class RunResult:
    summary: pd.DataFrame
    thresholds: pd.DataFrame
    manifest: dict
    summary_csv: str

class Comparison:
    table: pd.DataFrame
    details: dict
    manifest: dict
    compare_csv: str

class Sweep:
    path: str
    results: pd.DataFrame
    design: pd.DataFrame
    parameters: pd.DataFrame
    manifest: dict
    complete: bool
    def wide(self, outcome: str, year: float, policy: Optional[str] = ..., stat: str = ...) -> pd.DataFrame: ...

class Scenario:
    path: str
    overlays: List[str]
    sets: List[str]
    info: Dict[str, object]
    def __init__(self, path: str, overlays: Sequence[str] = ..., set: Optional[Mapping[str, object]] = ...) -> None: ...
    @property
    def policies(self) -> List[str]: ...
    @property
    def uncertainties(self) -> List[str]: ...
    @property
    def outcomes(self) -> List[str]: ...
    def validate(self, policies: Iterable[str] = ...) -> Dict[str, object]: ...
    def run(self, runs: int = ..., seed: int = ..., policy: str = ..., threads: int = ...,
            progress: bool = ...) -> RunResult: ...
    def compare(self, policies: Sequence[str] = ..., runs: int = ..., seed: int = ..., threads: int = ...,
                years: Sequence[float] = ..., progress: bool = ...) -> Comparison: ...
    def sweep(self, design: str = ..., samples: int = ..., replicates: int = ..., db: str = ...,
              params: Sequence[str] = ..., params_file: str = ..., policies: Sequence[str] = ...,
              years: Sequence[float] = ..., levels: int = ..., second_order: bool = ..., maximin: int = ...,
              resume: bool = ..., limit: int = ..., seed: int = ..., threads: int = ...,
              progress: bool = ...) -> Sweep: ...

class ModelFunction(Protocol):
    """What model_function returns: f(**params) -> {outcome or outcome_<year>: mean}."""
    parameters: List[str]  # the keywords it takes: uncertainty ids and levers.<id>
    def __call__(self, **params: float) -> Dict[str, float]: ...

def load(path: str, overlays: Sequence[str] = ..., set: Optional[Mapping[str, object]] = ...) -> Scenario: ...
def read_run(directory: str) -> Union[RunResult, Comparison]: ...
def read_sweep(path: str) -> Sweep: ...
def model_function(scenario: Union[str, Scenario], outcomes: Sequence[str], years: Sequence[float],
                   policy: Optional[str] = ..., replicates: int = ..., seed: int = ...,
                   overlays: Sequence[str] = ..., set: Optional[Mapping[str, object]] = ...
                   ) -> ModelFunction: ...
def design(kind: str, params: Union[str, "os.PathLike[str]", Mapping[str, object]], samples: Optional[int] = ...,
           levels: Optional[int] = ..., seed: int = ..., second_order: bool = ..., maximin: int = ...
           ) -> pd.DataFrame: ...
