"""PHOLD on SimPy 2 (Debian's python3-simpy), the same workload as bench/Sim.Benchmarks/Models/PholdModel.cs.

1,000 logical processes start with one event each; every event lands on a uniformly chosen process after an
exponential delay with a mean of 1 ms and schedules exactly one more, until the event budget is spent. In SimPy's
process style each event in flight is a process that holds for the delay and then delivers to its target.
Prints one line: events, CPU seconds (time.process_time, the model only), events per CPU second.
"""
import random
import sys
import time

from SimPy.Simulation import Process, Simulation, hold

LOGICAL_PROCESSES = 1000
MEAN_DELAY_S = 0.001


class Phold:
    def __init__(self, sim, events, seed):
        self.sim = sim
        self.budget = events
        self.executed = 0
        self.received = [0] * LOGICAL_PROCESSES
        self.rng = random.Random(seed)


class Token(Process):
    """One pending event: waits its delay, arrives at a random process, and carries on as that process's next event."""

    def run(self, model):
        rng = model.rng
        received = model.received
        while True:
            yield hold, self, rng.expovariate(1.0 / MEAN_DELAY_S)
            model.executed += 1
            received[rng.randrange(LOGICAL_PROCESSES)] += 1
            if model.budget <= 0:
                return
            model.budget -= 1


def main():
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    sim = Simulation()
    model = Phold(sim, events, 2026)
    start = time.process_time()
    for _ in range(LOGICAL_PROCESSES):
        model.budget -= 1
        token = Token(sim=sim)
        sim.activate(token, token.run(model))
    sim.simulate(until=1e12)
    cpu = time.process_time() - start
    if model.executed != events:
        raise SystemExit(f"PHOLD ran {model.executed} events; expected {events}")
    print(f"simpy-phold events={model.executed} cpu_s={cpu:.3f} events_per_cpu_s={model.executed / cpu:.0f}")


if __name__ == "__main__":
    main()
