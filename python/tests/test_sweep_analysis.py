"""A sweep made by the CLI reads as DataFrames; Scenario.sweep writes the same
database; entente.analyze gives `entente analyze`'s indices; model_function at a
sweep point gives that point's mean (the same runs)."""
import math

import pytest

import entente
from conftest import SCENARIO

PARAMS = ["sanctions_bite", "energy_rerouting", "adjustment_speed"]
OUTCOME = "russia_dependence_on_china"


@pytest.fixture(scope="module")
def cli_sweep(cli, tmp_path_factory):
    db = tmp_path_factory.mktemp("sweep") / "sobol.sqlite"
    args = ["sweep", SCENARIO, "--design", "sobol", "--samples", 32, "--replicates", 4, "--years", "2030,2035",
            "--seed", 9, "--threads", 2, "--db", db, "--quiet"]
    for p in PARAMS:
        args += ["--param", p]
    rc, _, err = cli(*args)
    assert rc == 0, err
    return str(db)


def test_read_sweep_of_a_cli_database(cli_sweep):
    s = entente.read_sweep(cli_sweep)
    assert s.complete
    assert list(s.design.columns) == PARAMS
    assert len(s.design) == 32 * (len(PARAMS) + 2)
    n_outcomes = s.results.outcome.nunique()
    assert len(s.results) == len(s.design) * n_outcomes * 2
    assert set(s.results.year) == {2030.0, 2035.0}
    assert (s.results.n == 4).all()
    assert s.design.sanctions_bite.between(-2.0, -0.8).all()
    wide = s.wide(OUTCOME, 2035)
    assert list(wide.columns) == PARAMS + [OUTCOME] and len(wide) == len(s.design)
    # Every frame carries the manifest; whole years read back as integers.
    for frame in (s.results, s.design, s.parameters):
        assert frame.attrs["manifest"] is s.manifest
    assert s.results.year.dtype.kind == "i"


def test_python_sweep_writes_the_same_database(cli_sweep, tmp_path):
    sc = entente.load(SCENARIO)
    mine = sc.sweep(design="sobol", samples=32, replicates=4, years=[2030, 2035], seed=9, threads=1,
                    params=PARAMS, db=str(tmp_path / "py.sqlite"), progress=False)
    theirs = entente.read_sweep(cli_sweep)
    assert mine.design.equals(theirs.design)
    assert mine.results.equals(theirs.results)


def test_sobol_matches_entente_analyze(cli, cli_sweep):
    rc, out, err = cli("analyze", "sobol", "--db", cli_sweep, "--outcome", OUTCOME, "--year", 2035,
                       "--bootstrap", 200, "--format", "csv")
    assert rc == 0, err
    df = entente.analyze.sobol(cli_sweep, OUTCOME, 2035, bootstrap=200)
    assert df.attrs["csv"] == out
    s1 = df[df["index"] == "S1"].set_index("parameter").estimate
    st = df[df["index"] == "ST"].set_index("parameter").estimate
    assert list(s1.index) == PARAMS
    assert (st >= s1 - 0.1).all()  # total effects include the first-order ones (up to estimator noise)


def test_sobol_of_a_percentile_matches_entente_analyze_stat(cli, cli_sweep):
    rc, out, err = cli("analyze", "sobol", "--db", cli_sweep, "--outcome", OUTCOME, "--year", 2035,
                       "--stat", "p95", "--bootstrap", 200, "--format", "csv")
    assert rc == 0, err
    df = entente.analyze.sobol(cli_sweep, OUTCOME, 2035, bootstrap=200, stat="p95")
    assert df.attrs["csv"] == out
    # Another response than the mean's: the indices differ.
    mean = entente.analyze.sobol(cli_sweep, OUTCOME, 2035, bootstrap=200)
    assert not df.estimate.equals(mean.estimate)
    with pytest.raises(RuntimeError, match="no statistic 'p90' in a sweep"):
        entente.analyze.sobol(cli_sweep, OUTCOME, 2035, stat="p90")


def test_prim_matches_entente_analyze(cli, cli_sweep):
    # The upper third of the sweep's outcomes is of interest: a threshold
    # from the data, so a model change that moves the level keeps the test.
    s = entente.read_sweep(cli_sweep)
    y = s.results[(s.results.outcome == OUTCOME) & (s.results.year == 2035)]["mean"]
    where = f"y > {y.quantile(2 / 3):.6f}"
    rc, out, err = cli("analyze", "prim", "--db", cli_sweep, "--outcome", OUTCOME, "--year", 2035,
                       "--where", where, "--format", "csv")
    assert rc == 0, err
    df = entente.analyze.prim(cli_sweep, OUTCOME, 2035, where=where)
    assert df.attrs["csv"] == out
    assert (df.box == "chosen").sum() == 1


def test_model_function_is_a_sweep_point(cli_sweep):
    s = entente.read_sweep(cli_sweep)
    f = entente.model_function(SCENARIO, [OUTCOME], [2030, 2035], replicates=4, seed=9)
    for point in (0, 17, 101):
        x = s.design.loc[point].to_dict()
        got = f(**x)
        for year in (2030, 2035):
            want = s.results[(s.results.point == point) & (s.results.outcome == OUTCOME) & (s.results.year == year)]
            assert math.isclose(got[f"{OUTCOME}_{year}"], want["mean"].iloc[0], rel_tol=0, abs_tol=1e-12)


def test_model_function_uses_common_random_numbers():
    f = entente.model_function(SCENARIO, [OUTCOME, "russia_china_trade"], [2035], replicates=8)
    a = f(sanctions_bite=-1.5)
    assert f(sanctions_bite=-1.5) == a
    b = f(sanctions_bite=-1.0)
    assert set(a) == {OUTCOME, "russia_china_trade"}
    assert a != b  # the parameter reaches the runs
    assert "levers.tariffs_china" in f.parameters or any(p.startswith("levers.") for p in f.parameters)
