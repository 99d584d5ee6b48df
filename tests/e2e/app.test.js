// The key and token panels in the release build, checked against Node's
// crypto and the jose library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as jose from 'jose';
import { useServerAndBrowser, openApp, eventually, readKeys, readVerdict } from './harness.js';

const env = useServerAndBrowser();

/** Computes the expected API key with Node's crypto. */
function nodeKey(secret, userId) {
  return 'ak_live_' + createHmac('sha256', secret).update(userId, 'utf8').digest('hex').slice(0, 32);
}

test('page opens with demo data and no console errors', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const secret = await page.getByTestId('server-secret').inputValue();
  assert.ok(secret.length > 0);
  const keys = await readKeys(page);
  assert.deepEqual(keys.map((row) => row.id), ['1', '2', '3']);
  for (const { id, key } of keys) assert.equal(key, nodeKey(secret, id));
  assert.equal((await readVerdict(page)).id, 'valid');
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing a secret changes every key to the Node HMAC value', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const before = await readKeys(page);
  const input = page.getByTestId('server-secret');
  await input.fill('');
  await input.pressSequentially('pässwörd 42');
  await eventually(async () => {
    const after = await readKeys(page);
    assert.equal(after.length, 3);
    for (const [index, { id, key }] of after.entries()) {
      assert.equal(key, nodeKey('pässwörd 42', id));
      assert.notEqual(key, before[index].key);
    }
  });
  assert.match(await page.getByTestId('evidence-new-secret').textContent(), /changed 3 of 3 keys/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('generated secret is 32 random bytes as hex', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  const before = await readKeys(page);
  await page.getByTestId('generate-secret').click();
  const first = await eventually(async () => {
    const value = await page.getByTestId('server-secret').inputValue();
    assert.match(value, /^[0-9a-f]{64}$/);
    return value;
  });
  assert.equal(await page.getByTestId('server-secret-encoding').inputValue(), 'hex');
  await eventually(async () => {
    const after = await readKeys(page);
    for (const [index, { id, key }] of after.entries()) {
      assert.equal(key, nodeKey(Buffer.from(first, 'hex'), id));
      assert.notEqual(key, before[index].key);
    }
  });
  await page.getByTestId('generate-secret').click();
  await eventually(async () => {
    assert.notEqual(await page.getByTestId('server-secret').inputValue(), first);
  });
  assert.match(await page.getByTestId('secret-length').textContent(), /32 bytes \(256 bits\)/);
  await context.close();
});

test('users can be added, renamed and removed', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const secret = await page.getByTestId('server-secret').inputValue();
  await page.getByTestId('add-user').click();
  await eventually(async () => assert.equal((await readKeys(page)).length, 4));

  const fourth = page.getByTestId('user-row').nth(3).getByTestId('user-id');
  await fourth.fill('');
  await fourth.pressSequentially('Zoë ✓');
  await eventually(async () => {
    const keys = await readKeys(page);
    assert.deepEqual(keys[3], { id: 'Zoë ✓', key: nodeKey(secret, 'Zoë ✓') });
  });

  await page.getByTestId('user-row').first().getByTestId('remove-user').click();
  await eventually(async () => {
    assert.deepEqual((await readKeys(page)).map((row) => row.id), ['2', '3', 'Zoë ✓']);
  });

  const long = 'x'.repeat(300);
  const renamed = page.getByTestId('user-row').nth(2).getByTestId('user-id');
  await renamed.fill(long);
  await eventually(async () => {
    const row = page.locator('[data-testid="user-row"]').nth(2);
    assert.match(await row.textContent(), /too long \(300 characters, limit 256\)/);
    assert.equal(await row.getByTestId('user-id').inputValue(), long);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('user tokens verify with jose and differ per login', async () => {
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  const secret = new TextEncoder().encode(await page.getByTestId('server-secret').inputValue());
  const tokens = await page.getByTestId('user-token').allTextContents();
  assert.equal(tokens.length, 3);
  assert.equal(new Set(tokens).size, 3);
  for (const [index, token] of tokens.entries()) {
    const { payload, protectedHeader } = await jose.jwtVerify(token, secret);
    assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
    assert.equal(payload.userId, String(index + 1));
    assert.equal(payload.exp - payload.iat, 3600);
  }

  await page.getByTestId('log-in-again').click();
  await eventually(async () => {
    const again = await page.getByTestId('user-token').allTextContents();
    for (const [index, token] of again.entries()) {
      assert.notEqual(token, tokens[index]);
      await jose.jwtVerify(token, secret);
    }
  });

  await page.getByTestId('inspect-user-token').nth(1).click();
  await eventually(async () => {
    const pasted = await page.getByTestId('token-input').inputValue();
    assert.equal(pasted, (await page.getByTestId('user-token').allTextContents())[1]);
    assert.equal((await readVerdict(page)).id, 'valid');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('invalid secret keeps the text and explains the fix', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  await page.getByTestId('server-secret-encoding').selectOption('hex');
  await eventually(async () => {
    assert.match(await page.getByTestId('secret-error').textContent(), /not a hex digit/);
  });
  assert.equal(await page.getByTestId('server-secret').inputValue(), 'demo-secret-change-me');
  await context.close();
});
