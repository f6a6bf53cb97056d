"""model_function runs its calls on one persistent worker thread (no thread
started per call), stops and joins it when the callable is destroyed, does
not hang or crash an interpreter that exits with it alive, and works in a
forked child (which has the object but not the parent's thread)."""
import gc
import os
import subprocess
import sys
import threading
import time

import entente
from conftest import SCENARIO

OUTCOME = "russia_dependence_on_china"


def threads_now():
    return len(os.listdir("/proc/self/task"))  # every OS thread, Python's and entente's


def test_one_worker_thread_for_all_calls_joined_when_the_callable_goes():
    gc.collect()
    before = threads_now()
    f = entente.model_function(SCENARIO, [OUTCOME], [2035], replicates=2)
    assert threads_now() == before  # started by the first call, not by construction
    first = f(sanctions_bite=-1.0)
    assert threads_now() == before + 1
    for _ in range(20):
        assert f(sanctions_bite=-1.0) == first
    assert threads_now() == before + 1  # the same thread, still there
    del f
    gc.collect()
    assert threads_now() == before


def test_concurrent_calls_from_python_threads_give_the_serial_values():
    # While one call holds the worker, another Python thread's call runs on
    # a thread of its own; both must give what a lone call gives.
    f = entente.model_function(SCENARIO, [OUTCOME], [2035], replicates=20)
    values = [-1.5, -1.0, -0.5, 0.0]
    want = [f(sanctions_bite=v) for v in values]
    got = [None] * len(values)

    def call(i):
        got[i] = f(sanctions_bite=values[i])

    ts = [threading.Thread(target=call, args=(i,)) for i in range(len(values))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert got == want


def test_interpreter_exits_cleanly_with_a_live_model_function():
    # f is alive (module global, and in a reference cycle) when the
    # interpreter shuts down, once after a finished call and once right after
    # an interrupted one: the process must end at once with status 0.
    code = f"""
import os, signal, threading, time, entente
f = entente.model_function({SCENARIO!r}, [{OUTCOME!r}], [2035], replicates=2)
f(sanctions_bite=-1.0)
g = entente.model_function({SCENARIO!r}, [{OUTCOME!r}], [2035], replicates=100_000)
cycle = [g]; cycle.append(cycle)
threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
try:
    g(sanctions_bite=-1.0)
except KeyboardInterrupt:
    print("interrupted")
"""
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "interrupted"
    assert time.monotonic() - t0 < 30


def test_a_forked_child_can_call_the_parents_model_function():
    f = entente.model_function(SCENARIO, [OUTCOME], [2035], replicates=4)
    want = f(sanctions_bite=-1.0)  # the parent's worker thread exists now
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no worker thread of its own yet
        os.close(r)
        try:
            os.write(w, repr(f(sanctions_bite=-1.0)).encode())
        finally:
            os._exit(0)
    os.close(w)
    deadline = time.monotonic() + 60
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise AssertionError("the forked child's call hung")
        time.sleep(0.05)
    with os.fdopen(r) as pipe:
        assert pipe.read() == repr(want)
    assert f(sanctions_bite=-1.0) == want  # the parent's worker still serves
