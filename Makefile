# sigil: build, test, demo, bench, install. `make demo` and `make test` work on a fresh Debian
# machine with Swift: they install the system libraries first (apt-get, only when missing).
PREFIX ?= /usr/local
SWIFT ?= swift
DEPS = libhts-dev zlib1g-dev libopenblas-dev pkg-config bcftools
SUDO = $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
BIN = .build/release/sigil
DEMO = demo-output

.PHONY: deps build test demo bench bench-deps install clean check-report test-workflows fuzz fuzz-smoke fuzz-build

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

# libFuzzer targets of the input readers (issue #13; Docs/Reliability.md): Tests/Fuzz, a nested
# package built with -sanitize=fuzzer,address. Each target runs FUZZ_SECONDS, one after the other,
# seeded from Tests/BadInput/files; the corpus grows in .build/fuzz/<target>, findings (crash-*)
# land in .build/fuzz/findings and make the target fail. `make fuzz-smoke` (CI): a fixed seed and a
# fixed number of runs per target, so a CI result is reproducible (`make fuzz-smoke` on any machine
# explores the same inputs); `make fuzz` explores freshly (random seed, FUZZ_SECONDS each).
FUZZ_SECONDS ?= 600
FUZZ_FLAGS ?=
FUZZ_DIR = $(CURDIR)/.build/fuzz
FUZZ_BIN = Tests/Fuzz/.build/release
fuzz-build: deps
	cd Tests/Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

fuzz: fuzz-build
	@mkdir -p $(FUZZ_DIR)/tables $(FUZZ_DIR)/vcf $(FUZZ_DIR)/findings
	@cp -n Tests/BadInput/files/*.tsv Tests/BadInput/files/*.csv $(FUZZ_DIR)/tables/ 2>/dev/null || true
	@cp -n Tests/BadInput/files/*.vcf* Tests/BadInput/files/*.bcf Tests/BadInput/files/*.maf $(FUZZ_DIR)/vcf/ 2>/dev/null || true
	@for t in tables vcf; do \
	  bin=$(FUZZ_BIN)/Fuzz$$( [ $$t = tables ] && echo Tables || echo VCF ); \
	  echo "[make] fuzz $$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=0 nice -n 10 $$bin $(FUZZ_DIR)/$$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) -max_len=4096 \
	    -close_fd_mask=2 -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/findings/ > $(FUZZ_DIR)/$$t.log 2>&1; \
	  status=$$?; grep -a -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|Done)" $(FUZZ_DIR)/$$t.log; \
	  [ $$status -eq 0 ] || { echo "[make] fuzz $$t: finding in $(FUZZ_DIR)/findings (log $(FUZZ_DIR)/$$t.log)"; exit 1; }; \
	done

fuzz-smoke:
	$(MAKE) fuzz FUZZ_SECONDS=600 FUZZ_FLAGS="-seed=1 -runs=60000"

