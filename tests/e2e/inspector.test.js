// The inspector in the release build: every field case, interop with the
// jose library, and inputs that must not break the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jose from 'jose';
import { useServerAndBrowser, openApp, eventually, readVerdict } from './harness.js';
import { FIELD_CASES, T } from './field-cases.js';

const env = useServerAndBrowser();
let opened;

/** Opens one page that every test of this file shares, on first use. */
async function sharedSession() {
  opened ??= await openApp(env.browser, env.server.url);
  return opened;
}

/** Sets the inspector's inputs and waits until the verdict reflects them. */
async function inspect(page, { token, secret, encoding = 'utf8', leeway = '60', time = '' }) {
  await page.getByTestId('secret-encoding').selectOption(encoding);
  await page.getByTestId('verify-secret').fill(secret);
  await page.getByTestId('leeway').fill(leeway);
  await page.getByTestId('pretend-time').fill(time);
  await page.getByTestId('token-input').fill(token);
  await eventually(async () => {
    assert.equal(await page.getByTestId('token-input').inputValue(), token);
  });
}

for (const fieldCase of FIELD_CASES) {
  test(`field case ${fieldCase.name}`, async () => {
    const { page } = await sharedSession();
    await inspect(page, fieldCase);
    await eventually(async () => {
      const verdict = await readVerdict(page);
      assert.equal(verdict.id, fieldCase.verdict, verdict.reason);
      if (fieldCase.reason) assert.match(verdict.reason, fieldCase.reason);
    });
    if (fieldCase.cleanup) {
      assert.match(await page.getByTestId('token-cleanup').textContent(), fieldCase.cleanup);
    }
    if (fieldCase.checks) {
      assert.match(await page.getByTestId('checks').textContent(), fieldCase.checks);
    }
    if (fieldCase.keyNote) {
      assert.match(await page.getByTestId('key-note').first().textContent(), fieldCase.keyNote);
    }
  });
}

test('RFC 7515 A.1 token valid at a pretended time', async () => {
  const { page } = await sharedSession();
  const token =
    'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const key = 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow';
  await inspect(page, { token, secret: key, encoding: 'base64url', time: '2011-03-22T18:00:00Z' });
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'valid'));

  await page.getByTestId('pretend-time').fill('');
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'expired'));

  await page.getByTestId('check-time').uncheck();
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'valid'));
  await page.getByTestId('check-time').check();
});

test('secret edits never rewrite the token', async () => {
  const { page } = await sharedSession();
  await inspect(page, { token: T, secret: 'secret' });
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'valid'));
  await page.getByTestId('verify-secret').fill('secreT');
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'invalid-signature'));
  assert.equal(await page.getByTestId('token-input').inputValue(), T);
  await page.getByTestId('server-secret').fill('a different server secret');
  assert.equal(await page.getByTestId('token-input').inputValue(), T);
});

test('jose tokens verify in the inspector', async () => {
  const { page } = await sharedSession();
  const secret = 'a shared secret for interop tests, 32+ bytes';
  for (const alg of ['HS256', 'HS384', 'HS512']) {
    const token = await new jose.SignJWT({ sub: 'alice', role: 'reader' })
      .setProtectedHeader({ alg, typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(secret));
    await inspect(page, { token, secret });
    await eventually(async () => {
      const verdict = await readVerdict(page);
      assert.equal(verdict.id, 'valid', `${alg}: ${verdict.reason}`);
    });
  }
});

test('large integers and markup shown as received', async () => {
  const { page } = await sharedSession();
  const secret = 'secret';
  const header = Buffer.from('{"alg":"HS256"}').toString('base64url');
  const payload = Buffer.from('{"id":100002348117421473,"name":"<img src=x onerror=alert(1)>"}').toString('base64url');
  const { createHmac } = await import('node:crypto');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  await inspect(page, { token: `${header}.${payload}.${signature}`, secret });
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'valid'));
  const decoded = await page.getByTestId('decoded-payload').textContent();
  assert.match(decoded, /100002348117421473/);
  assert.match(decoded, /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('[data-testid="decoded-payload"] img').count(), 0);
  assert.deepEqual(dialogs, []);
});

test('oversized token gets a message and stays in the box', async () => {
  const { page } = await sharedSession();
  const huge = T + 'A'.repeat(70 * 1024);
  await inspect(page, { token: huge, secret: 'secret' });
  await eventually(async () => {
    const verdict = await readVerdict(page);
    assert.equal(verdict.id, 'malformed');
    assert.match(verdict.reason, /too large \(71 KiB, limit 64 KiB\)/);
  });
  assert.equal((await page.getByTestId('token-input').inputValue()).length, huge.length);
});

test('no console errors during the inspector session', async () => {
  assert.deepEqual((await sharedSession()).problems, []);
});
