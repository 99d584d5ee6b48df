// The token signer in the release build: tokens verified by jose, the
// quick edits, and the hand-over to the inspector.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jose from 'jose';
import { useServerAndBrowser, openApp, eventually, readVerdict } from './harness.js';

const env = useServerAndBrowser();

test('signer tokens verify with jose and in the inspector', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const secret = new TextEncoder().encode(await page.getByTestId('server-secret').inputValue());

  await page.getByTestId('signer-alg').selectOption('HS384');
  await page.getByTestId('signer-kid').fill('key-1');
  await page.getByTestId('signer-payload').fill('{"sub":"alice","role":"admin"}');
  await page.getByTestId('signer-lifetime').selectOption('60');
  await page.getByTestId('add-iat').click();
  await page.getByTestId('add-exp').click();
  await page.getByTestId('add-jti').click();

  const token = await eventually(async () => {
    const text = await page.getByTestId('signer-payload').inputValue();
    assert.match(text, /"jti": "[0-9a-f]{32}"/);
    return page.getByTestId('signer-token').textContent();
  });
  const { payload, protectedHeader } = await jose.jwtVerify(token, secret);
  assert.deepEqual(protectedHeader, { alg: 'HS384', kid: 'key-1', typ: 'JWT' });
  assert.equal(payload.sub, 'alice');
  assert.equal(payload.role, 'admin');
  // iat and exp come from two clicks, which may fall in different seconds.
  assert.ok(payload.exp - payload.iat >= 60, String(payload.exp - payload.iat));
  assert.ok(payload.exp - payload.iat <= 62, String(payload.exp - payload.iat));
  assert.deepEqual(Object.keys(payload), ['sub', 'role', 'iat', 'exp', 'jti']);

  await page.getByTestId('send-to-inspector').click();
  await eventually(async () => {
    assert.equal(await page.getByTestId('token-input').inputValue(), token);
    assert.equal((await readVerdict(page)).id, 'valid');
  });

  await page.getByTestId('leeway').fill('0');
  await page.getByTestId('pretend-time').fill(String(payload.exp));
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'expired'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('changing the payload after signing breaks the signature', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  await page.getByTestId('send-to-inspector').click();
  const signed = await page.getByTestId('signer-token').textContent();
  await eventually(async () => assert.equal(await page.getByTestId('token-input').inputValue(), signed));

  const [header, , signature] = signed.split('.');
  const forged = Buffer.from('{"sub":"1","name":"Ada","role":"admin"}').toString('base64url');
  await page.getByTestId('token-input').fill(`${header}.${forged}.${signature}`);
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'invalid-signature'));
  await context.close();
});

test('broken payload JSON is kept and explained', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  await page.getByTestId('signer-payload').fill('{"sub": "alice",');
  await eventually(async () => {
    assert.match(await page.getByTestId('signer-error').textContent(), /is not JSON/);
  });
  await page.getByTestId('add-iat').click();
  assert.equal(await page.getByTestId('signer-payload').inputValue(), '{"sub": "alice",');
  await context.close();
});
