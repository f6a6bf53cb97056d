"""entente.load and the Scenario it returns: validate, run, compare, sweep."""
from __future__ import annotations

import json
from typing import Dict, Iterable, Mapping, Optional, Sequence

from . import _core
from ._frames import frame
from ._progress import progress_bar
from .results import Comparison, RunResult
from .sweep_db import Sweep, read_sweep


def _sets(values: Optional[Mapping[str, object]]):
    """{path: value} as the CLI's --set PATH=VALUE strings (values as YAML scalars)."""
    out = []
    for path, value in (values or {}).items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        out.append(f"{path}={value}")
    return out


class Scenario:
    """A scenario file with its overlays and overrides, checked on load.

    Every method loads the file again, exactly as the CLI command with the
    same arguments would, so its numbers are the CLI's.
    """

    def __init__(self, path: str, overlays: Sequence[str] = (), set: Optional[Mapping[str, object]] = None):
        self.path = str(path)
        self.overlays = [str(o) for o in overlays]
        self.sets = _sets(set)
        self.info: Dict[str, object] = _core.validate(self.path, self.overlays, self.sets, [])

    def __repr__(self) -> str:
        return f"<entente.Scenario {self.info['name']!r} from {self.path}>"

    @property
    def policies(self):
        """The ids of the file's policies, in file order."""
        return list(self.info["policies"])

    @property
    def uncertainties(self):
        """The ids of the file's uncertainties, in file order (the names a
        sweep's ``params`` and a model_function's keywords take)."""
        return list(self.info["uncertainties"])

    @property
    def outcomes(self):
        """The ids of the file's outcomes, in file order."""
        return list(self.info["outcomes"])

    def validate(self, policies: Iterable[str] = ()) -> Dict[str, object]:
        """Check the file and compile it under the given policies (``entente validate``);
        raises ScenarioError with every problem. Returns name, hash, policies,
        uncertainties, outcomes, start and end."""
        return _core.validate(self.path, self.overlays, self.sets, list(policies))

    def run(self, runs: int = 1000, seed: int = 1, policy: str = "", threads: int = 0,
            progress: bool = True) -> RunResult:
        """``entente run``: ``runs`` futures under ``policy`` ("" = the file's own
        lever settings) on ``threads`` threads (0 = all cores). The results do not
        depend on ``threads``. Ctrl-C raises KeyboardInterrupt within a second."""
        with progress_bar(runs, "runs", progress) as bar:
            r = _core.run(self.path, self.overlays, self.sets, policy, int(runs), int(seed), int(threads), bar)
        manifest = json.loads(r["manifest"])
        return RunResult(frame(r["summary_csv"], manifest), frame(r["thresholds_csv"], manifest), manifest,
                         r["summary_csv"])

    def compare(self, policies: Sequence[str] = (), runs: int = 1000, seed: int = 1, threads: int = 0,
                years: Sequence[float] = (), progress: bool = True) -> Comparison:
        """``entente compare``: every policy over the same futures (common random
        numbers); the first is the reference. Empty ``policies``: all of the file's."""
        with progress_bar(runs, "runs", progress) as bar:
            r = _core.compare(self.path, self.overlays, self.sets, list(policies), int(runs), int(seed),
                              int(threads), [float(y) for y in years], bar)
        manifest = json.loads(r["manifest"])
        return Comparison(frame(r["compare_csv"], manifest), json.loads(r["compare_json"]), manifest,
                          r["compare_csv"])

    def sweep(self, design: str = "lhs", samples: int = 64, replicates: int = 8, db: str = "sweep.sqlite",
              params: Sequence[str] = (), params_file: str = "", policies: Sequence[str] = (),
              years: Sequence[float] = (), levels: int = 0, second_order: bool = False, maximin: int = 0,
              resume: bool = False, limit: int = 0, seed: int = 1, threads: int = 0,
              progress: bool = True) -> Sweep:
        """``entente sweep``: ``design`` (sobol, lhs, grid, morris, mc) over
        ``params`` (uncertainty ids or levers.<id>; default every uncertainty),
        ``replicates`` runs per point, into the database ``db``, which is returned
        read (read_sweep). ``years``: the years stored (default: those divisible
        by 5 and the last, as ``entente sweep``). An interrupted sweep keeps its committed points;
        ``resume=True`` continues it."""
        options = dict(design=design, samples=int(samples), levels=int(levels), second_order=bool(second_order),
                       maximin=int(maximin), params=list(params), params_file=str(params_file),
                       replicates=int(replicates), policies=list(policies), years=[float(y) for y in years],
                       db=str(db), resume=bool(resume), limit=int(limit), seed=int(seed), threads=int(threads))
        with progress_bar(None, "points", progress) as bar:
            _core.sweep(self.path, self.overlays, self.sets, options, bar)
        return read_sweep(str(db))


def load(path: str, overlays: Sequence[str] = (), set: Optional[Mapping[str, object]] = None) -> Scenario:
    """Load and check a scenario: ``overlays`` applied in order, then ``set``
    ({"levers.tariffs_china.intensity": 0.8}, the CLI's --set). Raises
    ScenarioError carrying file, line, column and message of every problem."""
    return Scenario(path, overlays, set)
