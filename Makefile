# Two commands matter: `make serve` and `make test`. Both install what is
# missing first (see scripts/install-tools.sh).

SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: serve build test tools test-tools lint native-test wasm-test e2e fuzz screenshots

tools:
	scripts/install-tools.sh

test-tools:
	scripts/install-tools.sh --test

## Build and serve the app on http://127.0.0.1:8080, rebuilding on change.
serve: tools
	trunk serve --release

## Build the release files into dist/.
build: tools
	trunk build --release

## Run every check: format, lints, native tests, browser tests, release
## build and end-to-end tests.
test: test-tools lint native-test wasm-test build e2e

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

native-test:
	cargo test

wasm-test:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --test web

e2e:
	node --test tests/e2e/*.test.js

## Run the property tests for much longer than `make test` does.
fuzz:
	PROPTEST_CASES=$${PROPTEST_CASES:-200000} cargo test --release --test robustness

## Save screenshots at 390 px and 1280 px, light and dark, to screenshots/.
screenshots: build test-tools
	node scripts/screenshots.mjs

## Build the release, a minimal Yew baseline and a native timing example,
## measure them in headless Chromium and write BENCHMARKS.md.
.PHONY: bench
bench: test-tools
	trunk build --release --dist target/bench-dist
	cd bench/baseline && CARGO_TARGET_DIR=$(CURDIR)/target/bench-baseline \
	  trunk build --release --dist $(CURDIR)/target/bench-baseline-dist
	cargo build --release --example bench_keys
	node scripts/bench.mjs
