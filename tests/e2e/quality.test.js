// Browser quality in the release build: accessibility rules, keyboard use,
// privacy (no outside requests, nothing stored), layout width, and offline
// start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { useServerAndBrowser, openApp, eventually, readVerdict, readKeys } from './harness.js';
import { T } from './field-cases.js';

const env = useServerAndBrowser();

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function describeViolations(violations) {
  return violations
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)
    .join('\n');
}

for (const colorScheme of ['light', 'dark']) {
  for (const width of [390, 1280]) {
    test(`axe finds no WCAG 2.1 A/AA violations, ${colorScheme}, ${width} px`, async () => {
      const { context, page } = await openApp(env.browser, env.server.url, { colorScheme, viewport: { width, height: 900 } });
      // Fill the inspector's detail tables, a failing verdict, a server
      // response with its steps, and the audit log too.
      await page.getByTestId('send-request').click();
      await page.getByTestId('response-status').waitFor();
      await page.getByTestId('shared-key-mode').check();
      await page.getByTestId('token-input').fill(`${T}x`);
      await eventually(async () => assert.equal((await readVerdict(page)).id, 'malformed'));
      let results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      assert.deepEqual(results.violations, [], describeViolations(results.violations));

      await page.getByTestId('token-input').fill(T);
      await page.getByTestId('verify-secret').fill('secret');
      await eventually(async () => assert.equal((await readVerdict(page)).id, 'valid'));
      results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      assert.deepEqual(results.violations, [], describeViolations(results.violations));
      await context.close();
    });
  }
}

test('theme toggle cycles auto, light, dark', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, { colorScheme: 'light' });
  const toggle = page.getByTestId('theme-toggle');
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await background();
  await toggle.click();
  await eventually(async () => assert.match(await toggle.textContent(), /light/));
  await toggle.click();
  await eventually(async () => assert.notEqual(await background(), light));
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.deepEqual(results.violations, [], describeViolations(results.violations));
  await toggle.click();
  await eventually(async () => assert.equal(await background(), light));
  await context.close();
});

/** Presses Tab until the element with `testid` has focus. */
async function tabTo(page, testid, limit = 120) {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (focused === testid) return;
  }
  throw new Error(`${testid} not reached with ${limit} Tab presses`);
}

test('keyboard alone: type secret, add user, paste token, read verdict', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  await tabTo(page, 'server-secret');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('keyboard secret');
  await tabTo(page, 'add-user');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal((await readKeys(page)).length, 4));

  await tabTo(page, 'token-input');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(T);
  await tabTo(page, 'verify-secret');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('secret');
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'valid'));

  // Focus must always be visible: the focused element draws an outline.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a full session requests only the app files and stores nothing', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const origin = new URL(env.server.url).origin;
  const outside = [];
  context.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) outside.push(request.url());
  });
  await page.reload();
  await page.getByTestId('api-key').first().waitFor();

  await page.getByTestId('server-secret').fill('my real secret');
  await page.getByTestId('generate-secret').click();
  await page.getByTestId('add-user').click();
  await page.getByTestId('log-in-again').click();
  await page.getByTestId('add-jti').click();
  await page.getByTestId('send-to-inspector').click();
  await page.getByTestId('pretend-time').fill('2030-01-01T00:00:00Z');
  await page.getByTestId('token-input').fill(`Bearer ${T}`);
  // The hand-over copied the generated secret and its hex encoding.
  await page.getByTestId('secret-encoding').selectOption('utf8');
  await page.getByTestId('verify-secret').fill('secret');
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'valid'));

  assert.deepEqual(outside, []);
  const stored = await page.evaluate(() => ({
    local: Object.keys(localStorage).length,
    session: Object.keys(sessionStorage).length,
    cookies: document.cookie,
    url: location.href,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookies: '', url: env.server.url });

  for (const testid of ['server-secret', 'verify-secret']) {
    const input = page.getByTestId(testid);
    assert.equal(await input.getAttribute('autocomplete'), 'off');
    assert.equal(await input.getAttribute('spellcheck'), 'false');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('content security policy allows only own files', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /unsafe-inline|\*|https?:/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
  await page.getByTestId('generate-secret').click();
  await page.getByTestId('send-to-inspector').click();
  assert.deepEqual(problems, []);
  await context.close();
});

test('no horizontal page scroll from 360 to 1600 px', async () => {
  for (const width of [360, 390, 768, 1280, 1600]) {
    const { context, page } = await openApp(env.browser, env.server.url, { viewport: { width, height: 800 } });
    await page.getByTestId('token-input').fill(T + 'A'.repeat(2000));
    await page.getByTestId('add-user').click();
    await page.getByTestId('user-id').last().fill('a-very-long-user-id-without-any-spaces-'.repeat(5));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width} px: page is ${overflow} px wider than the window`);
    await context.close();
  }
});

test('copy buttons copy the key and confirm', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
  const row = page.getByTestId('user-row').first();
  const key = await row.getByTestId('api-key').textContent();
  await row.getByTestId('copy').click();
  await eventually(async () => assert.match(await row.getByTestId('copy').textContent(), /Copied/));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
  await context.close();
});

test('app starts and works offline after the first visit', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.getByTestId('api-key').first().waitFor();
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.state;
  });
  // Give the worker's install step time to fill its cache.
  await eventually(async () => {
    const cached = await page.evaluate(async () => (await caches.keys()).length);
    assert.ok(cached > 0);
  });

  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('server-secret').fill('offline secret');
  await eventually(async () => {
    const keys = await readKeys(page);
    assert.equal(keys.length, 3);
    assert.ok(keys.every((row) => row.key?.startsWith('ak_live_')));
  });
  await page.getByTestId('token-input').fill(T);
  await page.getByTestId('verify-secret').fill('secret');
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'valid'));
  await context.close();
});

test('axe finds no violations on any embed URL, light and dark', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  for (const panel of ['api-keys', 'tokens', 'signer', 'inspector', 'server', 'hmac-steps', 'compare', 'workshop']) {
    for (const theme of ['light', 'dark']) {
      await page.goto(`${env.server.url}#/embed/${panel}?theme=${theme}`);
      await page.getByTestId('embed').waitFor();
      await eventually(async () => assert.equal(await page.getByTestId('embed').getAttribute('data-panel'), panel));
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      assert.deepEqual(results.violations, [], `${panel} ${theme}: ${describeViolations(results.violations)}`);
    }
  }
  await context.close();
});
