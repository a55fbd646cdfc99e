# sim: build, test, run and benchmark. Needs only the .NET 10 SDK.
SHELL       := /bin/bash
DOTNET      ?= dotnet
CONFIG      ?= Release
SIM         := $(DOTNET) run --project src/Sim.Cli -c $(CONFIG) --no-build --
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: all restore build build-cli test test-html test-slurm test-k8s run install uninstall bench clean mutants

PREFIX      ?= $(HOME)/.local

all: build

restore:
	$(DOTNET) restore Simulator.sln

build: restore
	$(DOTNET) build Simulator.sln -c $(CONFIG) --no-restore

# Runs every test project; the last line sums them up as "N passed, N failed". With SIM_UPDATE_GOLDEN=1 the
# golden trajectories (tests/Sim.Golden.Tests/golden) are rewritten and what moved is shown as a git diff.
test: build
	@set -o pipefail; $(DOTNET) test Simulator.sln -c $(CONFIG) --no-build 2>&1 | tee .test-output.log; \
	status=$$?; \
	awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($$i == "Passed:") p += $$(i+1); if ($$i == "Failed:") f += $$(i+1); if ($$i == "Skipped:") s += $$(i+1) } } \
	     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' .test-output.log; \
	rm -f .test-output.log; \
	if [ -n "$$SIM_UPDATE_GOLDEN" ]; then echo "golden trajectories rewritten; what moved:"; \
	  if [ -f .golden-changes.txt ]; then cat .golden-changes.txt; else echo "  nothing"; fi; rm -f .golden-changes.txt; \
	  git --no-pager diff --stat -- tests/Sim.Golden.Tests/golden; fi; \
	exit $$status

# Only the command line and what it needs (no tests, no benchmarks).
build-cli:
	$(DOTNET) build src/Sim.Cli -c $(CONFIG)

# The JSON Schemas editors check model and experiment files with, regenerated from the key tables after a key
# is added (a test fails until they are): docs/schema/model.schema.json and experiment.schema.json.
.PHONY: schema
schema: build-cli
	$(SIM) schema --out docs/schema

# Opens a freshly written report.html in headless Chromium (installing Debian's chromium with apt-get if missing):
# no console errors, every chart decoded, a table rendered; the screenshot is kept in .artifacts/test-html/.
test-html: build-cli
	.ci/test-html

# The distributed path on a real Slurm (Debian's slurm-wlm and munge, installed with apt-get if missing; root):
# a single-node cluster on this machine runs a small sweep as a job array through deploy/slurm/submit.sh, and the
# merge job's output must be byte-identical to a local `sim run` (every file but manifest.json). Logs and the diff
# are kept in .artifacts/test-slurm/.
test-slurm:
	.ci/test-slurm

# The Kubernetes manifests (deploy/kubernetes/*.yaml) against the Kubernetes API schemas, offline and strict
# (unknown fields rejected), with kubernetes-models from npm (.ci/kubernetes/package-lock.json); then checks that
# broken copies of sim-shards.yaml are rejected.
test-k8s:
	.ci/test-k8s

# The main experiment: a stretch cluster against active-active across three sites, swept over RTT,
# under a site outage. Results, plots and the report go to results/stretch-vs-aa/.
run: build-cli
	$(SIM) run experiments/stretch-vs-aa.yaml

# Puts `sim` on PATH: the published command line under $(PREFIX)/lib/sim and a launcher in $(PREFIX)/bin
# (~/.local/bin by default, which most shells already search). `make install PREFIX=/usr/local` as root for all users.
install:
	$(DOTNET) publish src/Sim.Cli -c $(CONFIG) -o "$(PREFIX)/lib/sim" --nologo
	mkdir -p "$(PREFIX)/bin"
	printf '#!/bin/sh\nexec %s "%s/lib/sim/sim.dll" "$$@"\n' "$$(command -v $(DOTNET))" "$(PREFIX)" > "$(PREFIX)/bin/sim"
	chmod +x "$(PREFIX)/bin/sim"
	@echo "installed: $(PREFIX)/bin/sim (run 'sim --help'; add $(PREFIX)/bin to PATH if your shell does not search it)"

uninstall:
	rm -rf "$(PREFIX)/lib/sim" "$(PREFIX)/bin/sim"

# The kernel against SimPy (Debian's python3-simpy, installed when missing), side by side per CPU second.
.PHONY: bench-kernels
bench-kernels:
	bench/compare-kernels

bench:
	$(DOTNET) run --project bench/Sim.Benchmarks -c Release -- --filter '*' $(BENCH_ARGS)

clean:
	$(DOTNET) clean Simulator.sln -c $(CONFIG)
	rm -rf results BenchmarkDotNet.Artifacts .artifacts

# Breaks the model on purpose, once per mutation (leaders stop comparing epochs, so followers keep diverging
# tails; min.insync.replicas ignored), and runs the validation suite against each: the suite must fail.
# Prints how many scenario tests caught each mutation; exits non-zero if one went unnoticed.
mutants: build
	@status=0; for m in NoEpochTruncation NoIsrMinimum; do \
	  SIM_MUTATION=$$m $(DOTNET) test tests/Sim.Scenarios.Tests -c $(CONFIG) --no-build \
	    --filter 'FullyQualifiedName!~.Mutation.&FullyQualifiedName!~.Checking.&FullyQualifiedName!~.Workshop.' > .mutant.log 2>&1; \
	  failed=$$(grep -c '^  Failed ' .mutant.log); \
	  if [ "$$failed" -gt 0 ]; then echo "$$m: caught by $$failed scenario tests"; grep '^  Failed ' .mutant.log | sed 's/^  Failed /    /'; \
	  else echo "$$m: NOT caught: every scenario passed on the broken model"; status=1; fi; \
	done; rm -f .mutant.log; exit $$status
