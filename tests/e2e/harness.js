// Shared setup for the end-to-end tests: a static file server for dist/ on
// 127.0.0.1 and headless Debian Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const harnessDir = fileURLToPath(new URL('.', import.meta.url));
export const DIST = resolve(harnessDir, '..', '..', 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves DIST on 127.0.0.1 at a free port; resolves to { url, close }. */
export async function serveDist(root = DIST) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/** Launches headless Chromium from Debian with flags that keep it offline. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Opens the app in a new page and collects console errors, warnings and
 * uncaught exceptions into `problems`.
 */
export async function openApp(browser, url, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // Content Security Policy violations are reported to the page, so record
  // them as problems too.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  await page.goto(url);
  await page.getByTestId('server-secret').waitFor();
  await page.getByTestId('api-key').first().waitFor();
  return { context, page, problems };
}

/** Retries `check` until it stops throwing or `timeout` ms pass. */
export async function eventually(check, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}

/** Returns [{ id, key }] for every row of the users table. */
export async function readKeys(page) {
  return page.getByTestId('user-row').evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-user-id'),
      key: row.querySelector('[data-testid="api-key"]')?.textContent ?? null,
    })),
  );
}

/** Reads the inspector's verdict id and reason. */
export async function readVerdict(page) {
  const verdict = page.getByTestId('verdict');
  return {
    id: await verdict.getAttribute('data-verdict'),
    reason: await verdict.textContent(),
  };
}

/**
 * Starts the static server and the browser before the file's tests and
 * stops both after them. The returned object's `server` and `browser` are
 * set once the tests run.
 */
export function useServerAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serveDist();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
