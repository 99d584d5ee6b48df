// Workshop mode in the release build. Every exercise done wrong stays
// unchecked and done right turns green. Progress survives a reload and
// resets, and facilitator links start an exercise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useServerAndBrowser, openApp, eventually } from './harness.js';

const env = useServerAndBrowser();

function card(page, id) {
  return page.locator(`[data-testid="exercise"][data-exercise-id="${id}"]`);
}

async function expectDone(page, id, done) {
  await eventually(async () => assert.equal(await card(page, id).getAttribute('data-done'), String(done), id));
}

/** Waits a moment and checks that the exercise is still not done. */
async function expectStillOpen(page, id) {
  await page.waitForTimeout(300);
  await expectDone(page, id, false);
}

async function sendWithKeyOf(page, userId) {
  await page.locator(`[data-testid="user-row"][data-user-id="${userId}"]`).getByTestId('use-key').click();
  const before = await page.getByTestId('audit-entry').count();
  await page.getByTestId('send-request').click();
  await eventually(async () => assert.equal(await page.getByTestId('audit-entry').count(), before + 1));
}

test('compute-key, find-owner and predict exercises', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const exercise = card(page, 'compute-key');
  await exercise.getByTestId('computed-key').fill('ak_live_wrong');
  await expectStillOpen(page, 'compute-key');
  const command = await exercise.locator('pre').first().textContent();
  const printed = execFileSync('sh', ['-c', command], { encoding: 'utf8' }).trim();
  await exercise.getByTestId('computed-key').fill(printed);
  await expectDone(page, 'compute-key', true);

  await page.getByTestId('owner-answer').fill('16');
  await expectStillOpen(page, 'find-owner');
  await page.getByTestId('owner-answer').fill('17');
  await expectDone(page, 'find-owner', true);

  await page.getByTestId('prediction-none').check();
  await page.getByTestId('server-secret').fill('a changed secret');
  await expectStillOpen(page, 'predict-secret-change');
  await page.getByTestId('prediction-all').check();
  await page.getByTestId('server-secret').fill('changed once more');
  await expectDone(page, 'predict-secret-change', true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('revoke-leaked and shared-key exercises', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  const row2 = page.locator('[data-testid="user-row"][data-user-id="2"]');
  await row2.getByTestId('use-key').click();
  await row2.getByTestId('revoke-key').click();
  await page.getByTestId('send-request').click();
  await expectStillOpen(page, 'revoke-leaked');
  await sendWithKeyOf(page, '1');
  await expectDone(page, 'revoke-leaked', true);

  await sendWithKeyOf(page, '3');
  await expectStillOpen(page, 'shared-key');
  await page.getByTestId('shared-key-mode').check();
  await sendWithKeyOf(page, '1');
  await expectDone(page, 'shared-key', true);
  await context.close();
});

test('token exercises: tamper, expire, alg none, weak secret', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  const token = await page.getByTestId('token-input').inputValue();
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
  await page.getByTestId('token-input').fill(`${header}.${payload}.${signature}`);
  await expectStillOpen(page, 'tamper-payload');
  await page.getByTestId('token-input').fill(`${header}.${forged}.${signature}`);
  await expectDone(page, 'tamper-payload', true);

  await page.getByTestId('signer-lifetime').selectOption('3600');
  await page.getByTestId('add-iat').click();
  await page.getByTestId('add-exp').click();
  await page.getByTestId('send-to-inspector').click();
  await page.getByTestId('leeway').fill('0');
  await page.getByTestId('pretend-time').fill('2100-01-01T00:00:00Z');
  await expectStillOpen(page, 'expire-token');
  await page.getByTestId('signer-lifetime').selectOption('60');
  await page.getByTestId('add-exp').click();
  await page.getByTestId('send-to-inspector').click();
  await page.getByTestId('leeway').fill('0');
  await page.getByTestId('pretend-time').fill('2100-01-01T00:00:00Z');
  await expectDone(page, 'expire-token', true);

  await page.getByTestId('token-input').fill('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.');
  await expectStillOpen(page, 'alg-none');
  await page.getByTestId('token-input').fill('eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.');
  await expectDone(page, 'alg-none', true);

  await page.goto(`${env.server.url}#/?exercise=weak-secret`);
  await eventually(async () => {
    const first = page.getByTestId('exercise').first();
    assert.equal(await first.getAttribute('data-exercise-id'), 'weak-secret');
  });
  await page.getByTestId('cracked-secret').fill('password');
  await expectStillOpen(page, 'weak-secret');
  await page.getByTestId('run-wordlist').click();
  const found = await eventually(async () => {
    const text = await page.getByTestId('wordlist-result').textContent();
    const match = text.match(/Found "([^"]+)" after (\d+) of (\d+)/);
    assert.ok(match, text);
    assert.ok(Number(match[3]) <= 5000);
    return match[1];
  });
  await page.getByTestId('cracked-secret').fill(found);
  await expectDone(page, 'weak-secret', true);
  await context.close();
});

test('progress survives a reload and resets', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  await page.getByTestId('token-input').fill('eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.');
  await expectDone(page, 'alg-none', true);
  const stored = await page.evaluate(() => localStorage.getItem('one-secret-workshop-progress'));
  assert.deepEqual(JSON.parse(stored), ['alg-none']);

  await page.reload();
  await page.getByTestId('workshop-checklist').waitFor();
  await eventually(async () => {
    const item = page.locator('[data-testid="workshop-checklist"] [data-exercise-id="alg-none"]');
    assert.equal(await item.getAttribute('data-done'), 'true');
  });
  await page.getByTestId('reset-progress').click();
  await expectDone(page, 'alg-none', false);
  assert.equal(await page.evaluate(() => localStorage.getItem('one-secret-workshop-progress')), null);
  await context.close();
});

test('a workshop exercise can be embedded alone', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}#/embed/workshop?exercise=tamper-payload`);
  await page.getByTestId('workshop-checklist').waitFor();
  assert.equal(await page.getByTestId('exercise').first().getAttribute('data-exercise-id'), 'tamper-payload');
  assert.equal(await page.getByTestId('exercise').count(), 1, 'only the chosen exercise');
  assert.equal(await page.getByTestId('token-input').count(), 1, 'the inspector the exercise needs');
  assert.equal(await page.getByTestId('server-secret').count(), 0, 'no panel the exercise does not need');
  await context.close();
});

test('an embedded exercise can be finished inside its iframe', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}#/embed/workshop?exercise=revoke-leaked`);
  await page.getByTestId('workshop-checklist').waitFor();
  assert.equal(await page.getByTestId('exercise').count(), 1);
  const row2 = page.locator('[data-testid="user-row"][data-user-id="2"]');
  await row2.getByTestId('revoke-key').click();
  await page.getByTestId('send-request').click();
  await sendWithKeyOf(page, '1');
  await expectDone(page, 'revoke-leaked', true);
  await context.close();
});

test('facilitator link scrolls to its exercise; unknown ids are reported', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}#/?exercise=alg-none`);
  await eventually(async () => {
    const top = await card(page, 'alg-none').evaluate((element) => element.getBoundingClientRect().top);
    assert.ok(top >= -5, `card top at ${top}`);
    assert.ok(top < 900, `card top at ${top}`);
  });
  await page.goto(`${env.server.url}#/?exercise=bogus`);
  await eventually(async () => assert.match(await page.getByTestId('workshop-notice').textContent(), /no exercise "bogus"/));
  await context.close();
});

test('wrong answers get feedback', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  assert.equal(await page.getByTestId('owner-answer-feedback').isVisible(), false);
  await page.getByTestId('owner-answer').fill('16');
  await eventually(async () => assert.equal(await page.getByTestId('owner-answer-feedback').isVisible(), true));
  const wrongKey = await page.getByTestId('api-key').first().textContent();
  await page.getByTestId('computed-key').fill(wrongKey);
  await eventually(async () => assert.equal(await page.getByTestId('computed-key-feedback').isVisible(), true));
  await context.close();
});
