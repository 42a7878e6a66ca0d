# `sam build` for the two functions of template.yaml (Metadata: BuildMethod: makefile). Needs only a JDK >= 21 and
# make: ./mvnw brings Maven 3.9.16, whatever `mvn` is (or is not) on PATH, and runs no test.
#
# How SAM CLI (1.170) drives this file, and why it looks the way it does:
# - It runs `make build-<LogicalId>` once per function with ARTIFACTS_DIR=.aws-sam/build/<LogicalId>. Functions with
#   BuildMethod makefile never share a build (SAM's build graph treats each as its own definition), so both targets
#   below depend on one stamp: whichever runs first compiles, the other finds the stamp up to date and only copies.
# - samconfig.toml sets build_in_source = true: make runs here, in the project folder. Without it SAM first copies
#   the whole CodeUri (".", i.e. every module's target/, node_modules/ ...) to a fresh temporary folder per function,
#   so each function would compile from nothing and nothing would be reused between runs.
# - With --parallel both targets start at once: a lock (a folder, portable to macOS) serialises the Maven step; the
#   second target then re-checks the stamp inside the lock.
# - SAM's own --cached never reuses a makefile build (the build definitions never match the stored ones), so the
#   stamp is the cache: with unchanged inputs a rebuild copies target/classes and target/lib and nothing else.
# - make's stdout is shown while SAM runs; its stderr only if the target fails. Maven's output therefore goes to
#   target/sam-build.log, and to stderr only when Maven fails.
#
# `-am` also compiles test-kit/ and local-stack/ (main code only): the function's test-scope dependencies on them
# must resolve, and without -am Maven looks for them in ~/.m2, where a fresh clone has none. process-classes stops
# before any test phase; function.pom.xml copies the runtime-scope jars to target/lib in that phase.

SHELL := /bin/sh

STAMP := target/sam-build.stamp
LOCK := target/sam-build.lock
MAVEN := ./mvnw -B -pl :csv-test-function -am process-classes
# Everything that decides what ships: the function's main sources and resources, its pom and the parent's (versions),
# the Maven version, and this file.
INPUTS := $(shell find src/main -type f) function.pom.xml pom.xml .mvn/wrapper/maven-wrapper.properties Makefile

.PHONY: build-CsvTestFunction build-SeedFunction function-classes

build-CsvTestFunction build-SeedFunction: function-classes
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run this through sam build" >&2; exit 1; }
	@mkdir -p "$(ARTIFACTS_DIR)/lib"
	@cp -R target/classes/. "$(ARTIFACTS_DIR)/"
	@cp target/lib/*.jar "$(ARTIFACTS_DIR)/lib/"
	@echo "csv-test: $(@:build-%=%) <- target/classes + $$(ls target/lib | wc -l | tr -d ' ') runtime jars"

# The Maven step under the lock. A lock whose holder is gone (a killed build) is taken over.
function-classes:
	@mkdir -p target; waited=0; \
	while ! mkdir "$(LOCK)" 2>/dev/null; do \
	  holder=$$(cat "$(LOCK)/pid" 2>/dev/null); \
	  if [ -n "$$holder" ] && ! kill -0 "$$holder" 2>/dev/null; then rm -rf "$(LOCK)"; continue; fi; \
	  if [ $$waited -ge 900 ]; then \
	    echo "csv-test: $(LOCK) is held by process $$holder for 15 minutes; remove it if no build runs" >&2; exit 1; \
	  fi; \
	  sleep 1; waited=$$((waited + 1)); \
	done; \
	echo $$$$ > "$(LOCK)/pid"; \
	trap 'rm -rf "$(LOCK)"' INT TERM HUP; \
	$(MAKE) -s --no-print-directory -f $(firstword $(MAKEFILE_LIST)) $(STAMP); rc=$$?; \
	rm -rf "$(LOCK)"; exit $$rc

$(STAMP): $(INPUTS)
	@echo "csv-test: compiling the function with $(MAVEN) (log: target/sam-build.log)"
	@rm -rf target/classes target/lib
	@$(MAVEN) > target/sam-build.log 2>&1 || { \
	  grep '^\[ERROR\]' target/sam-build.log >&2 || tail -n 40 target/sam-build.log >&2; \
	  echo "csv-test: the Maven build failed; full log in target/sam-build.log" >&2; exit 1; }
	@touch $@
