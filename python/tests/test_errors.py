"""Input errors raise entente.ScenarioError with every diagnostic and its place,
the same ones the CLI prints."""
import shutil

import pytest

import entente
from conftest import SCENARIO


def bad_copy(tmp_path):
    text = open(SCENARIO, encoding="utf-8").read()
    text = text.replace("time: {start: 2021, end: 2035, step: year}", "time: {start: 2021, end: 2035, step: yeer}", 1)
    text = text.replace("  sanctions_bite:\n    dist: uniform", "  sanctions_bite:\n    dist: uniformm", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copytree(SCENARIO.rsplit("/", 1)[0] + "/data", tmp_path / "data")
    return str(path)


def test_every_problem_with_its_location(cli, tmp_path):
    path = bad_copy(tmp_path)
    rc, _, err = cli("validate", path)
    assert rc == 2
    with pytest.raises(entente.ScenarioError) as info:
        entente.load(path)
    e = info.value
    cli_lines = [l for l in err.splitlines() if ": error: " in l]
    assert [str(d) for d in e.diagnostics] == cli_lines
    assert len(e.diagnostics) >= 2
    assert e.file == path and e.line > 0 and e.column > 0 and e.message
    assert (e.file, e.line, e.column, e.message) == tuple(e.diagnostics[0])
    assert str(e).splitlines() == cli_lines


def test_set_errors_name_set(cli):
    with pytest.raises(entente.ScenarioError) as info:
        entente.load(SCENARIO, set={"time.endd": 2030})
    rc, _, err = cli("validate", SCENARIO, "--set", "time.endd=2030")
    assert rc == 2
    assert [str(d) for d in info.value.diagnostics] == [l for l in err.splitlines() if ": error: " in l]


def test_unknown_policy_is_a_scenario_error():
    sc = entente.load(SCENARIO)
    with pytest.raises(entente.ScenarioError) as info:
        sc.run(runs=10, policy="no_such_policy", progress=False)
    assert "no_such_policy" in info.value.message


def test_model_function_rejects_unknown_parameters():
    f = entente.model_function(SCENARIO, ["russia_dependence_on_china"], [2035], replicates=2)
    with pytest.raises(KeyError, match="sanctions_bite"):
        f(sanctions_bitee=-1.0)
