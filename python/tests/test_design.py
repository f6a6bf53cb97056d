"""entente.design: the CLI's design, as a DataFrame, with the CLI's errors."""
import os

import pytest

import entente

PARAMS = {"parameters": {
    "x1": {"dist": "uniform", "min": -3.14159265, "max": 3.14159265},
    "x2": {"dist": "normal", "mean": 1, "sd": 0.5},
    "x3": {"dist": "triangular", "min": 0, "mode": 0.2, "max": 1},
}}


@pytest.fixture()
def params_file(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text("parameters:\n"
                    "  x1: {dist: uniform, min: -3.14159265, max: 3.14159265}\n"
                    "  x2: {dist: normal, mean: 1, sd: 0.5}\n"
                    "  x3: {dist: triangular, min: 0, mode: 0.2, max: 1}\n")
    return path


@pytest.mark.parametrize("args", [
    ("sobol", {"samples": 16}), ("sobol", {"samples": 8, "second_order": True}), ("lhs", {"samples": 20, "seed": 3}),
    ("lhs", {"samples": 10, "seed": 3, "maximin": 5}), ("mc", {"samples": 7, "seed": 2}),
    ("morris", {"samples": 4, "levels": 4, "seed": 7}), ("grid", {"levels": 3})])
def test_same_points_as_the_cli(cli, params_file, args):
    kind, kw = args
    flags = []
    for k, v in kw.items():
        flag = "--" + k.replace("_", "-")
        flags += [flag] if v is True else [flag, v]
    rc, out, err = cli("design", kind, "--params", params_file, "--quiet", *flags)
    assert rc == 0, err
    df = entente.design(kind, params_file, **kw)
    assert df.attrs["csv"] == out
    assert list(df.columns) == ["x1", "x2", "x3"]
    assert len(df) == df.attrs["rows"] == len(out.splitlines()) - 1
    assert df.attrs["kind"] == kind


def test_a_mapping_gives_the_file_design(params_file):
    from_file = entente.design("lhs", params_file, samples=12, seed=5)
    from_map = entente.design("lhs", PARAMS, samples=12, seed=5)
    assert from_map.equals(from_file)


def test_errors_carry_their_location_or_reason(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("parameters:\n  x1: {dist: uniform, min: 2, max: 1}\n")
    with pytest.raises(entente.ScenarioError) as e:
        entente.design("lhs", bad, samples=4)
    d = e.value.diagnostics[0]
    assert d.file == os.fspath(bad) and d.line == 2
    with pytest.raises(ValueError):
        entente.design("grid", PARAMS, samples=4)  # a grid takes levels
    with pytest.raises(ValueError):
        entente.design("banana", PARAMS, samples=4)
