"""entente for Python: the Monte Carlo engine, results as pandas DataFrames.

    import entente
    sc = entente.load("scenarios/sino_russia_2035.yaml")
    cmp = sc.compare(["baseline", "reduce_value"], runs=2000)
    cmp.table.head()

See docs/python.md. The numbers are those of the CLI for the same arguments.
"""
from . import _core
from .errors import Diagnostic, ScenarioError

_core.init_errors(ScenarioError)

from . import analyze  # noqa: E402
from .design import design  # noqa: E402
from .model_function import model_function  # noqa: E402
from .results import Comparison, RunResult, read_run  # noqa: E402
from .scenario import Scenario, load  # noqa: E402
from .sweep_db import Sweep, read_sweep  # noqa: E402

__version__ = _core.version
__all__ = ["load", "Scenario", "ScenarioError", "Diagnostic", "RunResult", "Comparison", "Sweep", "read_run",
           "read_sweep", "model_function", "analyze", "design"]
