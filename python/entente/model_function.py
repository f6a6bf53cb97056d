"""entente.model_function: the engine as a plain f(**params) -> dict."""
from __future__ import annotations

from typing import Callable, Dict, Mapping, Optional, Sequence, Union

from . import _core
from .scenario import Scenario, _sets


def model_function(scenario: Union[str, Scenario], outcomes: Sequence[str], years: Sequence[float],
                   policy: Optional[str] = None, replicates: int = 100, seed: int = 1,
                   overlays: Sequence[str] = (), set: Optional[Mapping[str, object]] = None
                   ) -> Callable[..., Dict[str, float]]:
    """A callable ``f(**params) -> {name: value}`` for EMA Workbench's
    ``Model(function=f)``, SALib or any optimiser.

    ``params`` are the scenario's uncertainty ids and ``levers.<id>`` (an
    underscore form ``levers__<id>`` is accepted too, for keyword arguments);
    each given value replaces that parameter's draw, the others are drawn as
    in a run. A call runs ``replicates`` runs with run keys (seed, 0, r),
    r = 0..replicates-1: the same shocks at every call (common random
    numbers), exactly a sweep point's runs, and returns the mean over them of
    each outcome at each year, keyed ``outcome`` when one year is asked for,
    else ``outcome_<year>``.

    The runs of every call happen on one worker thread that the callable
    keeps (started by its first call, stopped when it is garbage collected),
    with the GIL released; Ctrl-C stops a call with KeyboardInterrupt within
    a second. Calls from several Python threads at once are allowed (one of
    them then runs on a thread of its own), and so is a call in a child made
    by os.fork or multiprocessing's fork start method.
    """
    if isinstance(scenario, Scenario):
        path, overlays, sets = scenario.path, scenario.overlays, scenario.sets
    else:
        path, sets = str(scenario), _sets(set)
    outcomes = list(outcomes)
    years = [float(y) for y in years]
    core = _core.PointModel(path, list(overlays), sets, policy or "", outcomes, years, int(replicates), int(seed))

    def f(**params) -> Dict[str, float]:
        values = {k.replace("levers__", "levers.", 1): float(v) for k, v in params.items()}
        means = core(values, None)
        out = {}
        for name in outcomes:
            for year, value in zip(years, means[name]):
                out[name if len(years) == 1 else f"{name}_{year:g}"] = value
        return out

    f.parameters = core.parameters()  # type: ignore[attr-defined]  # typed in __init__.pyi: ModelFunction
    f.__doc__ = f"entente model of {path}: outcomes {outcomes} in {years}, {replicates} replicates"
    return f
