"""The fixed cost of one entente.model_function call: N calls of ONE replicate
each at the same point, so the engine's share is as small as it gets and the
per-call machinery (argument conversion, handing the work to the worker
thread and back, the dict returned) shows. Prints wall and CPU microseconds
per call (CPU: all the process's threads).

    PYTHONPATH=build/release/python python3 python/bench/model_function_call_cost.py \
        scenarios/sino_russia_2035.yaml 2000
"""
import sys
import time

import entente

scenario = sys.argv[1]
calls = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
f = entente.model_function(scenario, ["russia_dependence_on_china"], [2035], replicates=1)
x = {"sanctions_bite": -1.5, "energy_rerouting": 0.6}
f(**x)  # the first call starts the worker thread
c0, t0 = time.process_time(), time.perf_counter()
for _ in range(calls):
    f(**x)
wall = time.perf_counter() - t0
cpu = time.process_time() - c0
print(f"{calls} calls of 1 replicate: wall {wall / calls * 1e6:.0f} us per call, CPU {cpu / calls * 1e6:.0f} us per call")
