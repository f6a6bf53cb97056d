"""Scenario.run and Scenario.compare give the CLI's numbers, byte for byte."""
import entente
from conftest import SCENARIO


def test_run_summary_is_the_cli_csv(cli):
    rc, out, err = cli("run", SCENARIO, "--runs", 300, "--seed", 7, "--threads", 2, "--format", "csv")
    assert rc == 0, err
    r = entente.load(SCENARIO).run(runs=300, seed=7, threads=2, progress=False)
    assert r.summary_csv == out
    assert r.manifest["seed"] == 7 or r.manifest.get("settings", {}).get("seed") == 7
    # The DataFrame holds the same doubles the CLI printed.
    assert len(r.summary) == out.count("\n") - 1
    assert r.summary.attrs["manifest"] is r.manifest


def test_run_does_not_depend_on_threads():
    sc = entente.load(SCENARIO)
    one = sc.run(runs=200, seed=3, threads=1, policy="reduce_value", progress=False)
    four = sc.run(runs=200, seed=3, threads=4, policy="reduce_value", progress=False)
    assert one.summary_csv == four.summary_csv


def test_set_and_policy_reach_the_engine(cli):
    rc, out, err = cli("run", SCENARIO, "--runs", 100, "--policy", "deter_taiwan", "--set", "time.end=2030",
                       "--format", "csv")
    assert rc == 0, err
    r = entente.load(SCENARIO, set={"time.end": 2030}).run(runs=100, policy="deter_taiwan", progress=False)
    assert r.summary_csv == out
    assert r.summary.year.max() == 2030


def test_compare_is_the_cli_csv(cli):
    rc, out, err = cli("compare", SCENARIO, "--policy", "baseline", "--policy", "reduce_value", "--runs", 200,
                       "--seed", 11, "--format", "csv")
    assert rc == 0, err
    # Both thread counts: the result is moved off the worker thread, which once
    # left compare.json's scenario pointer dangling (std::bad_alloc under load).
    for threads in (1, 2):
        c = entente.load(SCENARIO).compare(["baseline", "reduce_value"], runs=200, seed=11, threads=threads,
                                           progress=False)
        assert c.compare_csv == out
        assert c.details["scenario"]["name"] == c.manifest["scenario"]["name"]
        assert set(c.table.columns) >= {"outcome", "year"}


def test_read_run_reads_a_cli_out_directory(cli, tmp_path):
    rc, _, err = cli("run", SCENARIO, "--runs", 100, "--seed", 5, "--out", tmp_path / "run", "--quiet")
    assert rc == 0, err
    on_disk = entente.read_run(str(tmp_path / "run"))
    here = entente.load(SCENARIO).run(runs=100, seed=5, progress=False)
    assert on_disk.summary_csv == here.summary_csv
    assert on_disk.summary.equals(here.summary)
