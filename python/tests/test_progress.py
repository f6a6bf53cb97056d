"""Progress goes to tqdm when it is installed and nowhere otherwise. tqdm is
not a dependency, so a stand-in module `tqdm.auto` records what a bar is told."""
import sys
import types

import pytest

import entente
from conftest import SCENARIO


class FakeBar:
    made = []

    def __init__(self, total=None, unit=None, leave=True):
        self.total, self.unit, self.n, self.closed, self.updates = total, unit, 0, False, []
        FakeBar.made.append(self)

    def update(self, k):
        self.n += k
        self.updates.append(k)

    def close(self):
        self.closed = True


@pytest.fixture
def fake_tqdm(monkeypatch):
    FakeBar.made = []
    tqdm = types.ModuleType("tqdm")
    auto = types.ModuleType("tqdm.auto")
    auto.tqdm = FakeBar
    tqdm.auto = auto
    monkeypatch.setitem(sys.modules, "tqdm", tqdm)
    monkeypatch.setitem(sys.modules, "tqdm.auto", auto)
    return FakeBar


def test_a_run_reports_every_run_to_tqdm_and_closes_the_bar(fake_tqdm):
    entente.load(SCENARIO).run(runs=300, threads=2)
    [bar] = fake_tqdm.made
    assert (bar.total, bar.unit) == (300, "runs")
    assert bar.n == 300 and all(k > 0 for k in bar.updates)  # increments, ending at the total
    assert bar.closed


def test_progress_false_makes_no_bar(fake_tqdm):
    entente.load(SCENARIO).run(runs=50, progress=False)
    assert fake_tqdm.made == []


def test_without_tqdm_a_run_is_silent(monkeypatch, capfd):
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm raises ImportError
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    r = entente.load(SCENARIO).run(runs=50)
    assert len(r.summary) > 0
    out, err = capfd.readouterr()
    assert out == "" and err == ""
