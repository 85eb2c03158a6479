# sigil: build, test, demo, bench, install. `make demo` and `make test` work on a fresh Debian
# machine with Swift: they install the system libraries first (apt-get, only when missing).
PREFIX ?= /usr/local
SWIFT ?= swift
DEPS = libhts-dev zlib1g-dev libopenblas-dev pkg-config
SUDO = $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
BIN = .build/release/sigil
DEMO = demo-output

.PHONY: deps build test demo bench bench-deps install clean check-report test-workflows

deps:
	@missing=""; for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "[make] installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release

# The Swift test run comes last so its summary closes the output.
test: deps
	$(SWIFT) build --build-tests
	SIGIL=$(CURDIR)/.build/debug/sigil bash Tests/report/check-report.sh
	$(MAKE) test-workflows WORKFLOW_SIGIL=$(CURDIR)/.build/debug/sigil
	$(SWIFT) test --skip-build --disable-xctest

# Snakemake, CWL and WDL pipelines on simulated data, byte-compared with one single-machine run
# (venv with snakemake 9.x, cwltool, miniwdl in .build/workflows-venv; needs PyPI access).
WORKFLOW_SIGIL ?= $(CURDIR)/.build/release/sigil
test-workflows: deps
	SIGIL="$(WORKFLOW_SIGIL)" bash workflows/test-workflows.sh

# Renders reports in headless Chromium (installed from Debian if missing) and checks they are not blank.
check-report: build
	@bash Tests/report/check-report.sh

demo: build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN) simulate -o $(DEMO)/simulated --vcf --indels --samples 30 --active SBS1,SBS5 --optional SBS2,SBS13,SBS18 --seed 1
	$(BIN) count -o $(DEMO)/count --reference-fasta $(DEMO)/simulated/reference.fa $(DEMO)/simulated/vcf/*.vcf.gz
	cmp $(DEMO)/simulated/catalog.tsv $(DEMO)/count/catalog.sbs96.tsv && cmp $(DEMO)/simulated/catalog.id83.tsv $(DEMO)/count/catalog.id83.tsv && echo "[make] demo: sigil count reproduced the simulated SBS96 and ID83 catalogs exactly"
	$(BIN) report $(DEMO)/count
	$(BIN) extract -o $(DEMO)/extract $(DEMO)/count/catalog.sbs96.tsv --ranks 2..7 --restarts 50
	$(BIN) fit -o $(DEMO)/fit $(DEMO)/count/catalog.sbs96.tsv --bootstrap 100
	@echo "[make] demo done: 30 simulated tumours (truth in $(DEMO)/simulated/) -> count -> extract -> fit"
	@echo "[make] reports: $(CURDIR)/$(DEMO)/count/report.html (SBS96, DBS78, ID83 catalogs), $(CURDIR)/$(DEMO)/extract/report.html and $(CURDIR)/$(DEMO)/fit/report.html"

# Side-by-side benchmarks (release build). Reference tools are optional: each script skips,
# with a note, the tools that are not installed; `make bench-deps` installs them.
bench: build
	@bash Tests/Benchmarks/run.sh

bench-deps: deps
	$(SUDO) apt-get install -y -qq time bcftools r-cran-nmf
	python3 -m pip install scikit-learn nmf-rs SigProfilerMatrixGenerator SigProfilerExtractor SigProfilerAssignment

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/sigil/reference
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/sigil
	install -m 644 reference/*.txt reference/README.md $(DESTDIR)$(PREFIX)/share/sigil/reference/

clean:
	rm -rf .build $(DEMO)
