"""Ctrl-C (SIGINT) stops a run within a second with KeyboardInterrupt, and the
module stays usable afterwards."""
import os
import signal
import threading
import time

import pytest

import entente
from conftest import SCENARIO


def interrupt_after(delay, sent):
    def fire():
        time.sleep(delay)
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    t = threading.Thread(target=fire, daemon=True)
    t.start()
    return t


@pytest.mark.parametrize("what", ["run", "sweep", "model_function"])
def test_sigint_raises_keyboard_interrupt_within_a_second(what, tmp_path):
    sc = entente.load(SCENARIO)
    sent = []
    t = interrupt_after(1.0, sent)
    with pytest.raises(KeyboardInterrupt):
        if what == "run":
            sc.run(runs=50_000_000, threads=2, progress=False)  # hours if not stopped
        else:
            sc.sweep(design="lhs", samples=20_000, replicates=64, threads=2, db=str(tmp_path / "s.sqlite"),
                     progress=False)
    stopped = time.monotonic()
    t.join()
    assert sent and stopped - sent[0] < 1.0
    # The engine is usable after the interruption.
    assert len(sc.run(runs=20, progress=False).summary) > 0


def test_sigint_stops_a_model_function_call_and_its_worker_serves_the_next():
    # About a minute a call if not stopped; each call runs on f's one
    # persistent worker thread, which must be free again after a stop.
    f = entente.model_function(SCENARIO, ["russia_dependence_on_china"], [2035], replicates=100_000)
    for attempt in range(2):
        sent = []
        t = interrupt_after(1.0, sent)
        with pytest.raises(KeyboardInterrupt):
            f(sanctions_bite=-1.5)
        stopped = time.monotonic()
        t.join()
        assert sent and stopped - sent[0] < 1.0, attempt
