"""M/M/1 at utilisation 0.8 on SimPy 2 (Debian's python3-simpy), the workload of bench/Sim.Benchmarks/Models/MM1Model.cs.

Poisson arrivals (mean 1.25 ms) into a one-server Resource with exponential service (mean 1 ms), in SimPy's
process style: a source process creates a customer process per arrival, which requests the server, holds
for its service and releases it. The C# model counts two events per customer (arrival and departure), and
so does the figure printed here: events = 2 x customers.
Prints one line: events, CPU seconds (time.process_time, the model only), events per CPU second.
"""
import random
import sys
import time

from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

MEAN_SERVICE_S = 0.001
MEAN_INTERARRIVAL_S = MEAN_SERVICE_S / 0.8


class Customer(Process):
    def run(self, server, rng, done):
        yield request, self, server
        yield hold, self, rng.expovariate(1.0 / MEAN_SERVICE_S)
        yield release, self, server
        done[0] += 1


class Source(Process):
    def run(self, customers, server, rng, done):
        for _ in range(customers):
            customer = Customer(sim=self.sim)
            self.sim.activate(customer, customer.run(server, rng, done))
            yield hold, self, rng.expovariate(1.0 / MEAN_INTERARRIVAL_S)


def main():
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    sim = Simulation()
    rng = random.Random(2026)
    done = [0]
    server = Resource(capacity=1, sim=sim)
    start = time.process_time()
    source = Source(sim=sim)
    sim.activate(source, source.run(customers, server, rng, done))
    sim.simulate(until=1e12)
    cpu = time.process_time() - start
    if done[0] != customers:
        raise SystemExit(f"M/M/1 served {done[0]} customers; expected {customers}")
    events = 2 * customers
    print(f"simpy-mm1 events={events} cpu_s={cpu:.3f} events_per_cpu_s={events / cpu:.0f}")


if __name__ == "__main__":
    main()
