// Measures the release build in headless Chromium on 127.0.0.1 against a
// minimal Yew baseline and writes BENCHMARKS.md. Run it through `make bench`,
// which first builds target/bench-dist, target/bench-baseline-dist and the
// native example bench_keys.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { serveDist, launchBrowser } from '../tests/e2e/harness.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const APP_DIST = join(ROOT, 'target', 'bench-dist');
const BASELINE_DIST = join(ROOT, 'target', 'bench-baseline-dist');
const APP_WASM_UNOPTIMIZED = join(ROOT, 'target', 'wasm32-unknown-unknown', 'release', 'one-secret.wasm');
const NAMES_DIR = join(ROOT, 'target', 'bench-names');
const NATIVE_BENCH = join(ROOT, 'target', 'release', 'examples', 'bench_keys');
const OUTPUT = join(ROOT, 'BENCHMARKS.md');

// Repetition counts, sized so one `make bench` takes a few minutes on 2 cores.
const LOADS = 20;
const KEYSTROKES = 100;
const KEYSTROKE_WARMUP = 10;
const USER_COUNTS = [3, 100, 1000];
const BULK_KEYS = 100_000;
const BULK_RUNS = 5;
const WEBCRYPTO_RUNS = 3;
const WEBCRYPTO_CHUNK = 1000;
const COMPRESSION_BLOCKS = 400_000;
const NATIVE_RUNS = 7;

// Budgets. 1 KB is 1,000 bytes here.
const TRANSFER_BUDGET_GZIP = 120_000;
const TTU_BUDGET_RATIO = 1.2;
const LATENCY_BUDGET_P95_MS = { 3: 4, 1000: 16 };
const WEBCRYPTO_BUDGET_RATIO = 5;
const BOUND_BUDGET_SHARE = 0.6;
const LONG_TASK_BUDGET_MS = 50;

const BENCH_SECRET = 'bench-server-secret';

// ---- statistics and formatting ----

function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

function quantile(values, q) {
  const list = sorted(values);
  // Nearest-rank quantile: the smallest sample with at least q of the samples at or below it.
  return list[Math.max(0, Math.ceil(q * list.length) - 1)];
}

function summary(values) {
  const list = sorted(values);
  const middle = Math.floor(list.length / 2);
  const median = list.length % 2 ? list[middle] : (list[middle - 1] + list[middle]) / 2;
  return { median, min: list[0], max: list[list.length - 1], p95: quantile(list, 0.95), n: list.length };
}

const grouped = (value, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const verdict = (met) => (met ? 'met' : '**not met**');

// ---- transfer ----

function compressedSizes(body) {
  return {
    raw: body.length,
    // Precompressed static files: gzip level 9 and brotli quality 11.
    gzip: zlib.gzipSync(body, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }).length,
  };
}

/**
 * Loads the page once in a new context and returns every same-origin file
 * that the page or its service worker requested. Each file is read back from
 * `dist` and has its request count and its raw, gzip and brotli sizes.
 * `total` counts each file once, and `repeated` counts the bytes of the
 * second and later requests for a file.
 */
async function measureTransfer(browser, server, dist) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = new Map();
  context.on('requestfinished', (request) => {
    const url = request.url();
    if (!url.startsWith(server.url)) return;
    let path = decodeURIComponent(new URL(url).pathname);
    if (path.endsWith('/')) path += 'index.html';
    requests.set(path, (requests.get(path) ?? 0) + 1);
  });
  await page.goto(server.url, { waitUntil: 'networkidle' });
  await page.getByTestId('api-key').first().waitFor();
  // Gives the service worker time to install and fetch what it caches.
  await page.waitForTimeout(1500);
  await context.close();

  const files = [];
  for (const [path, count] of requests) {
    const body = await readFile(join(dist, path));
    files.push({ path, count, ...compressedSizes(body) });
  }
  files.sort((a, b) => b.raw - a.raw);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const repeated = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    for (const key of Object.keys(total)) {
      total[key] += file[key];
      repeated[key] += (file.count - 1) * file[key];
    }
  }
  return { files, total, repeated };
}

// ---- time to usable ----

// Runs in the page before its own scripts: records performance.now(), which
// counts from navigation start, when the secret input is enabled and the
// first API key has text.
function watchUsable() {
  const check = () => {
    if (window.__usableAt !== undefined) return;
    const input = document.querySelector('[data-testid="server-secret"]');
    const key = document.querySelector('[data-testid="api-key"]');
    if (input && !input.disabled && !input.readOnly && key && key.textContent.length > 0) {
      window.__usableAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

async function measureTimeToUsable(browser, server) {
  // A new context has an empty HTTP cache and no service worker.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watchUsable);
  await page.goto(server.url);
  await page.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: 0 });
  const usableAt = await page.evaluate(() => window.__usableAt);
  await context.close();
  return usableAt;
}

// ---- keystroke latency ----

async function addUsersUntil(page, count) {
  await page.evaluate((target) => {
    const button = document.querySelector('[data-testid="add-user"]');
    const have = document.querySelectorAll('[data-testid="api-key"]').length;
    for (let index = have; index < target; index += 1) button.click();
  }, count);
  await page.waitForFunction(
    (target) => document.querySelectorAll('[data-testid="api-key"]').length === target,
    count,
    { timeout: 0 },
  );
}

// Runs in the page: types `runs` new secrets and returns, for each, the ms
// from dispatching the input event until every API key and every login
// token on the page shows new text. A MutationObserver checks after each
// batch of DOM changes, and one check runs right after the dispatch in case
// the update is synchronous.
async function typeSecrets({ runs, tag }) {
  const input = document.querySelector('[data-testid="server-secret"]');
  const samples = [];
  for (let run = 0; run < runs; run += 1) {
    const keys = [...document.querySelectorAll('[data-testid="api-key"]')];
    const tokens = [...document.querySelectorAll('[data-testid="user-token"]')];
    const keysBefore = keys.map((node) => node.textContent);
    const tokensBefore = tokens.map((node) => node.textContent);
    const allChanged = () => {
      const keysNow = document.querySelectorAll('[data-testid="api-key"]');
      const tokensNow = document.querySelectorAll('[data-testid="user-token"]');
      if (keysNow.length !== keysBefore.length || tokensNow.length !== tokensBefore.length) return false;
      for (let index = 0; index < keysNow.length; index += 1) {
        if (keysNow[index].textContent === keysBefore[index]) return false;
      }
      for (let index = 0; index < tokensNow.length; index += 1) {
        if (tokensNow[index].textContent === tokensBefore[index]) return false;
      }
      return true;
    };
    await new Promise((done) => {
      let start = 0;
      const finish = () => {
        if (!allChanged()) return;
        samples.push(performance.now() - start);
        observer.disconnect();
        done();
      };
      const observer = new MutationObserver(finish);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      input.value = `bench-secret-${tag}-${run}`;
      start = performance.now();
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
      finish();
    });
    // Lets the browser paint and go idle before the next keystroke.
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  }
  return samples;
}

async function measureKeystrokes(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('api-key').first().waitFor();
  const results = {};
  for (const count of USER_COUNTS) {
    await addUsersUntil(page, count);
    await page.evaluate(typeSecrets, { runs: KEYSTROKE_WARMUP, tag: `warmup${count}` });
    results[count] = summary(await page.evaluate(typeSecrets, { runs: KEYSTROKES, tag: `users${count}` }));
  }
  await context.close();
  return results;
}

// ---- bulk derivation, compression bound and long tasks ----

async function measureBulk(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('api-key').first().waitFor();
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 0 });

  // Warm-up, so compilation tiers and allocator growth are not timed.
  await page.evaluate(
    ([secret]) => {
      window.wasmBindings.bench_derive_keys(secret, 20000);
      window.wasmBindings.bench_derive_macs(secret, 20000);
      window.wasmBindings.bench_sha256_compressions(20000);
    },
    [BENCH_SECRET],
  );

  const keysMs = [];
  for (let run = 0; run < BULK_RUNS; run += 1) {
    keysMs.push(
      await page.evaluate(
        ([secret, count]) => {
          const start = performance.now();
          window.wasmBindings.bench_derive_keys(secret, count);
          return performance.now() - start;
        },
        [BENCH_SECRET, BULK_KEYS],
      ),
    );
  }

  // Responsiveness: the page's own "Derive 100,000 keys" button, which
  // derives in chunks and yields between them. Every long task during a
  // run is recorded.
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const longestTaskMs = [];
  const pageBulkMs = [];
  for (let run = 0; run < BULK_RUNS; run += 1) {
    await page.evaluate(() => {
      window.__longTasks = [];
      document.querySelector('[data-testid="bulk-result"]')?.remove();
    });
    const start = Date.now();
    await page.getByTestId('bulk-derive').click();
    await page.getByTestId('bulk-result').waitFor({ timeout: 120000 });
    pageBulkMs.push(Date.now() - start);
    // Long task entries arrive after the task ends.
    await page.waitForTimeout(200);
    longestTaskMs.push(await page.evaluate(() => Math.max(0, ...window.__longTasks)));
  }

  const macsMs = [];
  const compressionMs = [];
  for (let run = 0; run < BULK_RUNS; run += 1) {
    macsMs.push(
      await page.evaluate(
        ([secret, count]) => {
          const start = performance.now();
          window.wasmBindings.bench_derive_macs(secret, count);
          return performance.now() - start;
        },
        [BENCH_SECRET, BULK_KEYS],
      ),
    );
    compressionMs.push(
      await page.evaluate((blocks) => {
        const start = performance.now();
        window.wasmBindings.bench_sha256_compressions(blocks);
        return performance.now() - start;
      }, COMPRESSION_BLOCKS),
    );
  }

  const webCryptoMs = [];
  for (let run = 0; run < WEBCRYPTO_RUNS; run += 1) {
    webCryptoMs.push(
      await page.evaluate(
        async ([secret, count, chunk]) => {
          const encoder = new TextEncoder();
          const start = performance.now();
          const key = await crypto.subtle.importKey(
            'raw',
            encoder.encode(secret),
            { name: 'HMAC', hash: 'SHA-256' },
            false,
            ['sign'],
          );
          for (let first = 1; first <= count; first += chunk) {
            const last = Math.min(count, first + chunk - 1);
            const signing = [];
            for (let user = first; user <= last; user += 1) {
              signing.push(crypto.subtle.sign('HMAC', key, encoder.encode(String(user))));
            }
            await Promise.all(signing);
          }
          return performance.now() - start;
        },
        [BENCH_SECRET, BULK_KEYS, WEBCRYPTO_CHUNK],
      ),
    );
  }
  await context.close();

  const perSecond = (count, elapsed) => elapsed.map((value) => (count * 1000) / value);
  return {
    keys: summary(perSecond(BULK_KEYS, keysMs)),
    keysMs: summary(keysMs),
    macs: summary(perSecond(BULK_KEYS, macsMs)),
    webCrypto: summary(perSecond(BULK_KEYS, webCryptoMs)),
    // One more compression for the final padding block.
    compressions: summary(perSecond(COMPRESSION_BLOCKS + 1, compressionMs)),
    longestTaskMs: summary(longestTaskMs),
    pageBulkMs: summary(pageBulkMs),
  };
}

function measureNative() {
  const output = execFileSync(NATIVE_BENCH, [String(BULK_KEYS), String(NATIVE_RUNS)], { encoding: 'utf8' });
  const { count, elapsedMs } = JSON.parse(output);
  return summary(elapsedMs.map((value) => (count * 1000) / value));
}

// ---- wasm size breakdown ----

function readLeb(bytes, offset) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[offset];
    offset += 1;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, offset];
}

const SECTION_NAMES = [
  'custom', 'type', 'import', 'function', 'table', 'memory', 'global',
  'export', 'start', 'element', 'code', 'data', 'data count',
];

/** Returns the module's sections as [{ id, name, offset, size }]. */
function wasmSections(bytes) {
  const sections = [];
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset];
    let size;
    [size, offset] = readLeb(bytes, offset + 1);
    let name = SECTION_NAMES[id] ?? `id ${id}`;
    if (id === 0) {
      const [length, start] = readLeb(bytes, offset);
      name = `custom "${bytes.subarray(start, start + length).toString('utf8')}"`;
    }
    sections.push({ id, name, offset, size });
    offset += size;
  }
  return sections;
}

/** Returns a map from function index to name, from the "name" custom section. */
function functionNames(bytes, sections) {
  const names = new Map();
  const section = sections.find((item) => item.name === 'custom "name"');
  if (!section) return names;
  let [length, offset] = readLeb(bytes, section.offset);
  offset += length;
  const end = section.offset + section.size;
  while (offset < end) {
    const kind = bytes[offset];
    let size;
    [size, offset] = readLeb(bytes, offset + 1);
    if (kind === 1) {
      let count;
      let cursor;
      [count, cursor] = readLeb(bytes, offset);
      for (let index = 0; index < count; index += 1) {
        let functionIndex;
        let nameLength;
        [functionIndex, cursor] = readLeb(bytes, cursor);
        [nameLength, cursor] = readLeb(bytes, cursor);
        names.set(functionIndex, bytes.subarray(cursor, cursor + nameLength).toString('utf8'));
        cursor += nameLength;
      }
    }
    offset += size;
  }
  return names;
}

/**
 * Returns the crate of a demangled Rust function name, which is its first
 * path segment. Code from core, alloc or std (generic functions and trait
 * impls) counts toward the first other crate in the name, whose types it was
 * instantiated for. Names without a path are the allocator, compiler
 * builtins and wasm-bindgen glue.
 */
function crateOf(name) {
  const paths = [...name.matchAll(/(?<![A-Za-z0-9_:])([A-Za-z_][A-Za-z0-9_]*)::/g)].map((match) => match[1]);
  if (paths.length === 0) return 'no path (allocator, builtins, glue)';
  const std = new Set(['core', 'alloc', 'std']);
  return paths.find((crate) => !std.has(crate)) ?? paths[0];
}

async function measureWasmSizes() {
  const optimized = await readFile(join(APP_DIST, 'one-secret_bg.wasm'));
  const finalSections = wasmSections(optimized).map(({ name, size }) => ({ name, size }));

  // The same pipeline as Trunk's (wasm-bindgen, then wasm-opt -Oz), but
  // wasm-opt -g keeps the name section, so code can be traced to crates.
  execFileSync('wasm-bindgen', ['--target', 'web', '--keep-debug', '--out-dir', NAMES_DIR, APP_WASM_UNOPTIMIZED]);
  const bound = join(NAMES_DIR, 'one-secret_bg.wasm');
  const named = join(NAMES_DIR, 'one-secret_bg.named.wasm');
  execFileSync('wasm-opt', ['-Oz', '-g', '--output', named, bound]);
  const bytes = await readFile(named);
  const sections = wasmSections(bytes);
  const names = functionNames(bytes, sections);
  const importCount = countFunctionImports(bytes, sections);
  const code = sections.find((item) => item.id === 10);
  const byCrate = new Map();
  let [count, offset] = readLeb(bytes, code.offset);
  for (let index = 0; index < count; index += 1) {
    const start = offset;
    let size;
    [size, offset] = readLeb(bytes, offset);
    offset += size;
    const crate = crateOf(names.get(importCount + index) ?? '');
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + (offset - start));
  }
  const crates = [...byCrate.entries()].map(([crate, size]) => ({ crate, size })).sort((a, b) => b.size - a.size);
  return { finalSections, namedCode: code.size, hasNames: names.size > 0, crates };
}

function countFunctionImports(bytes, sections) {
  const section = sections.find((item) => item.id === 2);
  if (!section) return 0;
  let [count, offset] = readLeb(bytes, section.offset);
  let functions = 0;
  for (let index = 0; index < count; index += 1) {
    for (let part = 0; part < 2; part += 1) {
      let length;
      [length, offset] = readLeb(bytes, offset);
      offset += length;
    }
    const kind = bytes[offset];
    offset += 1;
    if (kind === 0) {
      functions += 1;
      [, offset] = readLeb(bytes, offset);
    } else if (kind === 1) {
      offset += 1;
      const flags = bytes[offset];
      [, offset] = readLeb(bytes, offset + 1);
      if (flags & 1) [, offset] = readLeb(bytes, offset);
    } else if (kind === 2) {
      const flags = bytes[offset];
      [, offset] = readLeb(bytes, offset + 1);
      if (flags & 1) [, offset] = readLeb(bytes, offset);
    } else {
      offset += 2;
    }
  }
  return functions;
}

function directFeatures() {
  const output = execFileSync(
    'cargo',
    ['tree', '--offline', '--target', 'wasm32-unknown-unknown', '-e', 'normal', '--depth', '1', '--prefix', 'none', '-f', '{p}|{f}'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return output
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [pkg, features] = line.split('|');
      return { pkg: pkg.replace(/ \(.*\)$/, ''), features: features || '(none)' };
    });
}

// ---- machine ----

async function machine() {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8');
  const model = cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown';
  return {
    model,
    cores: os.cpus().length,
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

// ---- report ----

function writeReport(results) {
  const { info, chromium, date, loadBefore, loadAfter, app, baseline, keystrokes, bulk, native, sizes, features, durationS } = results;
  const ttuRatio = app.ttu.median / baseline.ttu.median;
  const webCryptoRatio = bulk.keys.median / bulk.webCrypto.median;
  const boundKeys = bulk.compressions.median / 2;
  const boundShare = bulk.keys.median / boundKeys;

  const budgets = [
    {
      figure: 'First-load transfer, gzip',
      value: `${kb(app.transfer.total.gzip)} (baseline ${kb(baseline.transfer.total.gzip)}, ${(app.transfer.total.gzip / baseline.transfer.total.gzip).toFixed(2)}×)`,
      budget: `at most ${kb(TRANSFER_BUDGET_GZIP)}`,
      met: app.transfer.total.gzip <= TRANSFER_BUDGET_GZIP,
      fix: `It needs ${kb(app.transfer.total.gzip - TRANSFER_BUDGET_GZIP)} gzip less, and the wasm is ${((app.transfer.files.find((file) => file.path.endsWith('.wasm')).gzip * 100) / app.transfer.total.gzip).toFixed(0)} % of the gzip bytes: cut or replace the largest crates in section 6 other than yew and wasm-bindgen, which the baseline also carries.`,
    },
    {
      figure: 'Time to usable, median',
      value: `${ms(app.ttu.median)} (baseline ${ms(baseline.ttu.median)}, ${ttuRatio.toFixed(2)}×)`,
      budget: `at most ${TTU_BUDGET_RATIO}× baseline`,
      met: ttuRatio <= TTU_BUDGET_RATIO,
      fix: `The app's median would need to be at most ${ms(TTU_BUDGET_RATIO * baseline.ttu.median)} in this run; a smaller wasm (row 1) shortens its download, compile and instantiation.`,
    },
    ...[3, 1000].map((count) => ({
      figure: `Keystroke latency p95, ${grouped(count)} users`,
      value: ms(keystrokes[count].p95),
      budget: `at most ${LATENCY_BUDGET_P95_MS[count]} ms`,
      met: keystrokes[count].p95 <= LATENCY_BUDGET_P95_MS[count],
      fix:
        count === 3
          ? 'A keystroke on the secret re-renders every panel, including the 512 bit cells of the avalanche view and the workshop checks; skip panels whose inputs did not change (memoized child components) and draw the bit grids without one element per bit.'
          : 'Render only the rows and token cards in view (a virtualized list), so a keystroke updates a screenful of rows instead of every user.',
    })),
    {
      figure: 'Bulk keys/s, WebAssembly over WebCrypto',
      value: `${webCryptoRatio.toFixed(1)}×`,
      budget: `at least ${WEBCRYPTO_BUDGET_RATIO}×`,
      met: webCryptoRatio >= WEBCRYPTO_BUDGET_RATIO,
      fix: `(a) would need ${grouped(WEBCRYPTO_BUDGET_RATIO * bulk.webCrypto.median)} keys/s, ${((WEBCRYPTO_BUDGET_RATIO * bulk.webCrypto.median * 100) / boundKeys).toFixed(0)} % of the bound (c), while (a′) without hex and key string reaches ${((bulk.macs.median * 100) / boundKeys).toFixed(0)} %. Measure again on an idle machine, because the per-key heap allocations are gone and the ratio varies by about 15 % between runs here.`,
    },
    {
      figure: 'Bulk keys/s, share of the SHA-256 bound',
      value: `${(boundShare * 100).toFixed(0)} %`,
      budget: `at least ${BOUND_BUDGET_SHARE * 100} %`,
      met: boundShare >= BOUND_BUDGET_SHARE,
      fix: 'Encode only the 16 bytes that the key keeps as hex into a reused buffer, and format the user id without allocating.',
    },
    {
      figure: `Longest task while deriving ${grouped(BULK_KEYS)} keys`,
      value: ms(bulk.longestTaskMs.max),
      budget: `at most ${LONG_TASK_BUDGET_MS} ms`,
      met: bulk.longestTaskMs.max <= LONG_TASK_BUDGET_MS,
      fix: `Shrink the chunks of the page's bulk derivation (now 5,000 keys between yields), or derive in a Web Worker.`,
    },
  ];

  const lines = [];
  const add = (...text) => lines.push(...text);
  add(
    '# Benchmarks',
    '',
    'Figures for the release build of One Secret, measured by `scripts/bench.mjs`',
    'in headless Chromium against a static server on 127.0.0.1, next to a',
    'minimal Yew app (`bench/baseline/`) built with the same versions, profile',
    'and Trunk settings. Each figure is the median over repeated runs, with the',
    'minimum and maximum. Regenerate this page with `make bench`.',
    '',
    '## Machine and run',
    '',
    `- Date: ${date}`,
    '- Command: `make bench`',
    `- CPU: ${info.model}, ${info.cores} cores`,
    `- Memory: ${info.memoryGiB} GiB`,
    `- System: ${info.kernel}, Node.js ${info.node}, Chromium ${chromium} (headless, flags from tests/e2e/harness.js)`,
    `- Load average (1, 5, 15 min): ${loadBefore.map((value) => value.toFixed(2)).join(', ')} before, ${loadAfter.map((value) => value.toFixed(2)).join(', ')} after. ` +
      (Math.max(loadBefore[0], loadAfter[0]) > 0.5
        ? 'Other processes, such as builds, were using the CPU during the run, so times may be higher than on an idle machine.'
        : 'The machine was otherwise idle.'),
    `- Measurement time: ${Math.round(durationS)} s`,
    '',
    '## Budgets',
    '',
    '| figure | measured | budget | result |',
    '| --- | --- | --- | --- |',
    ...budgets.map((row) => `| ${row.figure} | ${row.value} | ${row.budget} | ${verdict(row.met)} |`),
    '',
  );
  const unmet = budgets.filter((row) => !row.met);
  if (unmet.length > 0) {
    add('What would meet each budget that is not met:', '', ...unmet.map((row) => `- ${row.figure}: ${row.fix}`), '');
  }

  add(
    '## 1. First-load transfer',
    '',
    'Every same-origin file requested during a first visit in a new browser',
    'context, from the browser\'s request log, including the service worker',
    'script. Sizes are of the files as served, compressed here with gzip',
    'level 9 and brotli quality 11, as a static host would precompress them.',
    'The total counts each file once.',
    '',
  );
  for (const [label, data] of [['App', app], ['Baseline', baseline]]) {
    add(`${label}:`, '', '| file | requests | raw | gzip | brotli |', '| --- | ---: | ---: | ---: | ---: |');
    for (const file of data.transfer.files) {
      add(`| ${file.path} | ${file.count} | ${grouped(file.raw)} | ${grouped(file.gzip)} | ${grouped(file.brotli)} |`);
    }
    const total = data.transfer.total;
    add(`| **total** | | **${grouped(total.raw)}** | **${grouped(total.gzip)}** | **${grouped(total.brotli)}** |`, '');
  }
  if (app.transfer.repeated.raw > 0) {
    add(
      `The app\'s service worker then downloads its offline copy: the requests`,
      `after the first for each file add ${grouped(app.transfer.repeated.raw)} bytes raw, ${grouped(app.transfer.repeated.gzip)} gzip`,
      `(${grouped(app.transfer.repeated.brotli)} brotli), not counted in the total above.`,
      '',
    );
  }
  add(
    `App over baseline: raw ${(app.transfer.total.raw / baseline.transfer.total.raw).toFixed(2)}×, gzip ${(app.transfer.total.gzip / baseline.transfer.total.gzip).toFixed(2)}×, brotli ${(app.transfer.total.brotli / baseline.transfer.total.brotli).toFixed(2)}×.`,
    '',
  );

  const timing = (s) => `${ms(s.median)} | ${ms(s.min)} | ${ms(s.max)}`;
  add(
    '## 2. Time to usable',
    '',
    `From navigation start until the \`server-secret\` input is in the DOM and`,
    `enabled and the first \`api-key\` has text, ${LOADS} loads each, every load in`,
    'a new browser context (empty cache, no service worker), app and baseline',
    'alternating. A MutationObserver installed before the page scripts takes',
    'the time, so it is the DOM update, before the next paint.',
    '',
    '| page | median | min | max |',
    '| --- | ---: | ---: | ---: |',
    `| app | ${timing(app.ttu)} |`,
    `| baseline | ${timing(baseline.ttu)} |`,
    '',
    `App over baseline (medians): ${ttuRatio.toFixed(2)}×.`,
    '',
    '## 3. Keystroke latency',
    '',
    'From dispatching an `input` event on the server secret until every',
    '`api-key` and every login token (`user-token`) on the page shows new',
    'text, measured inside the page with `performance.now()` and a',
    `MutationObserver. ${KEYSTROKES} keystrokes per user count after ${KEYSTROKE_WARMUP} warm-up`,
    'keystrokes, one animation frame apart. Users were added by clicking',
    '`add-user`. Chromium rounds `performance.now()` to 0.1 ms on this page',
    '(no cross-origin isolation).',
    '',
    '| users | median | p95 | min | max |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...USER_COUNTS.map((count) => {
      const s = keystrokes[count];
      return `| ${grouped(count)} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(s.min)} | ${ms(s.max)} |`;
    }),
    '',
  );

  const rate = (s) => `${grouped(s.median)} | ${grouped(s.min)} | ${grouped(s.max)}`;
  add(
    '## 4. Bulk derivation',
    '',
    `Keys per second for user ids "1" to "${grouped(BULK_KEYS)}", all in one page and run:`,
    '',
    '| figure | median | min | max | runs |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| (a) WebAssembly, \`KeyDeriver::api_key\` (full key strings) | ${rate(bulk.keys)} | ${bulk.keys.n} |`,
    `| (a′) WebAssembly, \`KeyDeriver::mac\` only (no hex, no string) | ${rate(bulk.macs)} | ${bulk.macs.n} |`,
    `| (b) WebCrypto HMAC-SHA-256, \`importKey\` once, \`sign\` per user, chunks of ${grouped(WEBCRYPTO_CHUNK)} with Promise.all | ${rate(bulk.webCrypto)} | ${bulk.webCrypto.n} |`,
    `| SHA-256 compressions/s in WebAssembly (\`sha2\` over 64 KiB updates) | ${rate(bulk.compressions)} | ${bulk.compressions.n} |`,
    `| (c) bound for (a): compressions/s ÷ 2 | ${grouped(boundKeys)} | ${grouped(bulk.compressions.min / 2)} | ${grouped(bulk.compressions.max / 2)} | ${bulk.compressions.n} |`,
    `| (d) native, \`KeyDeriver::api_key\`, \`examples/bench_keys.rs\` | ${rate(native)} | ${native.n} |`,
    '',
    `- (a) over (b): ${webCryptoRatio.toFixed(1)}×. WebCrypto returns raw MAC bytes, so (b) does less work per key than (a).`,
    `- (a) over (c): ${(boundShare * 100).toFixed(0)} %; (a′) over (c): ${((bulk.macs.median / boundKeys) * 100).toFixed(0)} %.`,
    `- (a) over (d): ${((bulk.keys.median / native.median) * 100).toFixed(0)} %.`,
    '- A key needs 2 compressions: the keyed-once state has absorbed both padded',
    '  key blocks, so the inner hash compresses the short id with its padding',
    '  and the outer hash the 32-byte inner digest with its padding.',
    '',
    '## 5. Responsiveness during bulk derivation',
    '',
    `Long tasks (PerformanceObserver \`longtask\`) while the page's "Derive 100,000 keys"`,
    `button derives ${grouped(BULK_KEYS)} keys, ${BULK_RUNS} runs. It derives in chunks of 5,000 keys and`,
    'yields to the browser between chunks, with a progress bar.',
    '',
    '| figure | median | min | max |',
    '| --- | ---: | ---: | ---: |',
    `| longest task per run | ${timing(bulk.longestTaskMs)} |`,
    `| page derivation time per run, click to result | ${timing(bulk.pageBulkMs)} |`,
    '',
    'The app itself derives at most 1,000 keys per render (the users list holds',
    'at most 1,000 users), so the page\'s own long tasks are the keystroke',
    'latencies of section 3.',
    '',
    '## 6. Wasm size',
    '',
    `Sections of the shipped \`one-secret_bg.wasm\` (after wasm-bindgen and \`wasm-opt -Oz\`):`,
    '',
    '| section | bytes |',
    '| --- | ---: |',
    ...sizes.finalSections.map((section) => `| ${section.name} | ${grouped(section.size)} |`),
    '',
    'Code by crate, from the function names of a second copy built the same',
    'way (wasm-bindgen, then `wasm-opt -Oz`) with `-g`, which keeps the name',
    `section. Its code section is ${grouped(sizes.namedCode)} bytes, against ${grouped(sizes.finalSections.find((item) => item.name === 'code').size)} shipped.`,
    'A function counts toward the first crate in its name; code from core,',
    'alloc or std counts toward the first other crate in its name, the one',
    'it was instantiated for. Functions that wasm-opt merged or inlined count',
    'where the surviving copy is, so the shares are estimates.',
    '',
  );
  if (sizes.hasNames) {
    const totalCode = sizes.crates.reduce((sum, item) => sum + item.size, 0);
    add('| crate | code bytes | share |', '| --- | ---: | ---: |');
    for (const item of sizes.crates.slice(0, 20)) {
      add(`| ${item.crate} | ${grouped(item.size)} | ${((item.size / totalCode) * 100).toFixed(1)} % |`);
    }
    const rest = sizes.crates.slice(20).reduce((sum, item) => sum + item.size, 0);
    if (sizes.crates.length > 20) {
      add(`| ${sizes.crates.length - 20} other crates | ${grouped(rest)} | ${((rest / totalCode) * 100).toFixed(1)} % |`);
    }
    add('');
  } else {
    add('The unoptimized wasm has no name section, so no per-crate figures.', '');
  }
  add(
    'Direct dependencies on wasm32 and their enabled features (`cargo tree -e normal --depth 1 -f "{p}|{f}"`):',
    '',
    '| package | features |',
    '| --- | --- |',
    ...features.map((item) => `| ${item.pkg} | ${item.features.replaceAll(',', ', ')} |`),
    '',
    ...FEATURE_NOTES,
    '',
  );
  return writeFile(OUTPUT, lines.join('\n'));
}

// Checked against src/token/json.rs, yew 0.23.0's and js-sys 0.3.107's
// Cargo.toml and js-sys's source.
const FEATURE_NOTES = [
  'Feature notes:',
  '',
  '- `serde_json` `preserve_order` (adds `indexmap`) and `arbitrary_precision`',
  '  are used: the inspector shows decoded JWT members in received order and',
  '  numbers as written (src/token/json.rs).',
  '- `yew` has no default features (0.23.0), so `csr` is the only one enabled.',
  '- `js-sys` `unsafe-eval` is on because `js-sys = "0.3"` takes the default',
  '  features. It only adds bindings that need eval (`eval`, `Function::new_*`),',
  '  which src/ does not call and the Content Security Policy blocks.',
  '  `default-features = false, features = ["std"]` would turn it off.',
  '- `web-sys` features add bindings; wasm-bindgen emits only the imports',
  '  that the code calls, so unused ones add no bytes.',
];

// ---- main ----

const started = Date.now();
const loadBefore = os.loadavg();
const info = await machine();
const appServer = await serveDist(APP_DIST);
const baselineServer = await serveDist(BASELINE_DIST);
const browser = await launchBrowser();
try {
  const chromium = browser.version();
  console.log('Transfer');
  const app = { transfer: await measureTransfer(browser, appServer, APP_DIST) };
  const baseline = { transfer: await measureTransfer(browser, baselineServer, BASELINE_DIST) };

  console.log(`Time to usable, ${LOADS} loads each`);
  const appTtu = [];
  const baselineTtu = [];
  for (let load = 0; load < LOADS; load += 1) {
    appTtu.push(await measureTimeToUsable(browser, appServer));
    baselineTtu.push(await measureTimeToUsable(browser, baselineServer));
  }
  app.ttu = summary(appTtu);
  baseline.ttu = summary(baselineTtu);

  console.log('Keystroke latency');
  const keystrokes = await measureKeystrokes(browser, appServer);
  console.log('Bulk derivation');
  const bulk = await measureBulk(browser, appServer);
  console.log('Native derivation');
  const native = measureNative();
  console.log('Wasm size');
  const sizes = await measureWasmSizes();
  const features = directFeatures();

  await writeReport({
    info,
    chromium,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadBefore,
    loadAfter: os.loadavg(),
    app,
    baseline,
    keystrokes,
    bulk,
    native,
    sizes,
    features,
    durationS: (Date.now() - started) / 1000,
  });
  console.log(`Wrote ${OUTPUT}`);
} finally {
  await browser.close();
  await appServer.close();
  await baselineServer.close();
}
