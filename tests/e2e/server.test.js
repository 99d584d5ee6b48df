// The server lab in the release build: revocation, rotation, roles, rate
// limits, JWT logins and expiry, shared-key mode, and the HMAC views,
// checked against Node's crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as jose from 'jose';
import { useServerAndBrowser, openApp, eventually } from './harness.js';

const env = useServerAndBrowser();

function row(page, id) {
  return page.locator(`[data-testid="user-row"][data-user-id="${id}"]`);
}

/** Sends the request currently in the builder and returns { status, body }. */
async function send(page) {
  const before = await page.getByTestId('audit-entry').count();
  await page.getByTestId('send-request').click();
  await eventually(async () => assert.equal(await page.getByTestId('audit-entry').count(), before + 1));
  return {
    status: Number(await page.getByTestId('response-status').textContent()),
    body: JSON.parse(await page.getByTestId('response-body').textContent()),
  };
}

async function sendWithKey(page, key, path = '/api/data') {
  await page.getByTestId('request-path').selectOption(path);
  await page.getByTestId('request-header-name').selectOption('X-API-Key');
  await page.getByTestId('request-header-value').fill(key);
  return send(page);
}

async function keyOf(page, id) {
  return row(page, id).getByTestId('api-key').textContent();
}

test('revoking user 2 leaves user 1 working', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const key1 = await keyOf(page, '1');
  const key2 = await keyOf(page, '2');
  assert.equal((await sendWithKey(page, key1)).status, 200);
  assert.equal((await sendWithKey(page, key2)).status, 200);

  await row(page, '2').getByTestId('revoke-key').click();
  await eventually(async () => assert.equal(await row(page, '2').getByTestId('key-status').textContent(), 'revoked'));
  const first = await sendWithKey(page, key1);
  assert.equal(first.status, 200);
  assert.equal(first.body.userId, '1');
  const second = await sendWithKey(page, key2);
  assert.equal(second.status, 401);
  assert.equal(second.body.error, 'API key revoked');

  const audit = await page.getByTestId('audit-log').textContent();
  assert.match(audit, /GET \/api\/data\s*401/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('rotating a key rejects the old one', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  const old = await keyOf(page, '3');
  await row(page, '3').getByTestId('rotate-key').click();
  const fresh = await eventually(async () => {
    const key = await keyOf(page, '3');
    assert.notEqual(key, old);
    return key;
  });
  assert.equal((await sendWithKey(page, old)).status, 401);
  assert.equal((await sendWithKey(page, fresh)).status, 200);
  assert.equal((await sendWithKey(page, 'ak_live_0000')).body.error, 'Invalid API key');
  await context.close();
});

test('roles and rate limits', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  const admin = await keyOf(page, '1');
  const reader = await keyOf(page, '2');
  assert.equal((await sendWithKey(page, admin, '/api/admin')).status, 200);
  assert.equal((await sendWithKey(page, reader, '/api/admin')).status, 403);

  await row(page, '2').getByTestId('rate-limit').fill('2');
  const statuses = [];
  for (let index = 0; index < 3; index += 1) statuses.push((await sendWithKey(page, reader)).status);
  // The 403 above was not counted as served; the limit of 2 allows two more.
  assert.deepEqual(statuses.slice(-1), [429]);
  assert.match(await page.getByTestId('response').textContent(), /Retry-After: \d+/);
  await context.close();
});

test('JWT login: two logins differ, expiry gives 401, revocation does not', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  const secret = new TextEncoder().encode(await page.getByTestId('server-secret').inputValue());
  await page.getByTestId('request-path').selectOption('/api/login');
  await page.getByTestId('login-user').selectOption('2');
  const first = await send(page);
  const second = await send(page);
  assert.equal(first.status, 200);
  assert.notEqual(first.body.token, second.body.token);
  const { payload } = await jose.jwtVerify(second.body.token, secret);
  assert.equal(payload.sub, '2');
  assert.equal(payload.exp - payload.iat, 3600);

  await page.getByTestId('use-token').click();
  assert.equal(await page.getByTestId('request-header-value').inputValue(), `Bearer ${second.body.token}`);
  assert.equal((await send(page)).status, 200);

  await row(page, '2').getByTestId('revoke-key').click();
  assert.equal((await send(page)).status, 200, 'a revoked user keeps a valid JWT until exp');

  await page.getByTestId('jump-ahead').fill('7200');
  await eventually(async () => assert.match(await page.getByTestId('server-clock').textContent(), /\+2 h/));
  const expired = await send(page);
  assert.equal(expired.status, 401);
  assert.match(expired.body.error, /expired/i);

  const [header, , signature] = second.body.token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url');
  await page.getByTestId('jump-ahead').fill('0');
  await page.getByTestId('request-header-value').fill(`Bearer ${header}.${forged}.${signature}`);
  assert.equal((await send(page)).status, 401);
  await context.close();
});

test('shared key mode: one key, anonymous audit, one revoke locks all', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  await page.getByTestId('shared-key-mode').check();
  const keys = await eventually(async () => {
    const all = await page.getByTestId('api-key').allTextContents();
    assert.equal(new Set(all).size, 1);
    return all;
  });
  assert.match(await page.getByTestId('shared-key-consequences').textContent(), /revok/i);
  const ok = await sendWithKey(page, keys[0]);
  assert.equal(ok.status, 200);
  const audit = page.getByTestId('audit-entry').first();
  assert.match(await audit.textContent(), /unknown/);

  await page.getByTestId('send-for-every-user').click();
  await eventually(async () => {
    const text = await page.getByTestId('batch-results').textContent();
    assert.equal((text.match(/unknown/g) ?? []).length, 3, text);
  });

  await row(page, '3').getByTestId('revoke-key').click();
  assert.equal((await sendWithKey(page, keys[0])).status, 401);
  await page.getByTestId('shared-key-mode').uncheck();
  await eventually(async () => assert.equal(new Set(await page.getByTestId('api-key').allTextContents()).size, 3));
  await context.close();
});

test('avalanche count and HMAC steps match Node', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  const secret = await page.getByTestId('server-secret').inputValue();
  const mac = (id) => createHmac('sha256', secret).update(id).digest();
  const a = mac('1');
  const b = mac('2');
  let differing = 0;
  for (let index = 0; index < a.length; index += 1) {
    differing += (a[index] ^ b[index]).toString(2).split('').filter((bit) => bit === '1').length;
  }
  assert.equal(await page.getByTestId('avalanche-mac').getAttribute('data-differing'), String(differing));
  assert.equal(await page.getByTestId('hmac-result').textContent(), mac('1').toString('hex'));
  assert.match(await page.getByTestId('hmac-matches').textContent(), /equals the key in the users table/);
  await context.close();
});

test('key methods: random keys change on every method switch', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const derived = await keyOf(page, '1');
  await page.getByTestId('key-method').selectOption('random');
  const random = await eventually(async () => {
    const key = await keyOf(page, '1');
    assert.notEqual(key, derived);
    assert.match(key, /^ak_live_[0-9a-f]{32}$/);
    assert.notEqual(key, 'ak_live_' + '0'.repeat(32));
    return key;
  });
  assert.equal((await sendWithKey(page, random)).status, 200);
  await page.getByTestId('key-method').selectOption('derived');
  await eventually(async () => assert.equal(await keyOf(page, '1'), derived));
  assert.deepEqual(problems, []);
  await context.close();
});

test('renaming a user keeps revocation, role and rotation', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  await row(page, '2').getByTestId('revoke-key').click();
  await row(page, '3').getByTestId('rotate-key').click();
  await eventually(async () => assert.match(await row(page, '3').getByTestId('key-origin').textContent(), /#v2/));
  await row(page, '2').getByTestId('user-id').press('End');
  await row(page, '2').getByTestId('user-id').pressSequentially('x');
  await row(page, '3').getByTestId('user-id').press('End');
  await row(page, '3').getByTestId('user-id').pressSequentially('x');
  await eventually(async () => {
    assert.equal(await row(page, '2x').getByTestId('key-status').textContent(), 'revoked');
    assert.match(await row(page, '3x').getByTestId('key-origin').textContent(), /"3x#v2"/);
  });
  await page.getByTestId('hmac-user').selectOption('3x');
  const secret = await page.getByTestId('server-secret').inputValue();
  assert.equal(
    await page.getByTestId('hmac-result').textContent(),
    createHmac('sha256', secret).update('3x').digest('hex'),
  );
  await context.close();
});

test('rate limit field keeps what is typed', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  const field = row(page, '1').getByTestId('rate-limit');
  await field.fill('');
  await field.pressSequentially('12');
  await eventually(async () => assert.equal(await field.inputValue(), '12'));
  await field.fill('0');
  await eventually(async () => {
    assert.equal(await field.inputValue(), '0');
    assert.match(await row(page, '1').textContent(), /whole number of requests per minute/);
  });
  await context.close();
});

test('selects follow values set by other panels', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  await page.getByTestId('secret-encoding').selectOption('hex');
  await page.getByTestId('inspect-user-token').first().click();
  await eventually(async () => assert.equal(await page.getByTestId('secret-encoding').inputValue(), 'utf8'));

  await page.getByTestId('request-path').selectOption('/api/login');
  await page.getByTestId('send-request').click();
  await page.getByTestId('use-token').click();
  await eventually(async () => {
    assert.equal(await page.getByTestId('request-path').inputValue(), '/api/data');
    assert.equal(await page.getByTestId('request-header-name').inputValue(), 'Authorization');
  });
  await context.close();
});

test('bulk derivation of 100,000 keys finishes with the right last key', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const secret = await page.getByTestId('server-secret').inputValue();
  await page.getByTestId('bulk-derive').click();
  await page.getByTestId('bulk-result').waitFor({ timeout: 60000 });
  const expected = 'ak_live_' + createHmac('sha256', secret).update('100000').digest('hex').slice(0, 32);
  assert.match(await page.getByTestId('bulk-result').textContent(), new RegExp(expected));
  assert.equal(await page.getByTestId('bulk-progress').getAttribute('value'), '100000');
  assert.deepEqual(problems, []);
  await context.close();
});
