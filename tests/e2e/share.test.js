// Embeds, share links and the code snippets, in the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, useServerAndBrowser, openApp, eventually, readKeys, readVerdict } from './harness.js';
import { T } from './field-cases.js';

const env = useServerAndBrowser();

test('each embed URL shows only its panel', async () => {
  const panels = {
    'api-keys': 'users-title',
    tokens: 'tokens-title',
    signer: 'signer-title',
    inspector: 'inspector-title',
    server: 'server-title',
    'hmac-steps': 'hmac-title',
    compare: 'compare-title',
  };
  const context = await env.browser.newContext();
  const page = await context.newPage();
  for (const [panel, title] of Object.entries(panels)) {
    await page.goto(`${env.server.url}#/embed/${panel}?theme=dark`);
    await page.getByTestId('embed').waitFor();
    assert.equal(await page.getByTestId('embed').getAttribute('data-panel'), panel);
    await page.locator(`#${title}`).waitFor();
    const sections = await page.locator('section.panel h2').allTextContents();
    assert.ok(sections.length <= 2, `${panel}: ${sections}`);
    assert.equal(await page.locator('h1').count(), 0);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  }
  await context.close();
});

test('share link round-trips users and token, secret only on request', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
  await page.getByTestId('user-id').first().fill('Zoë & co');
  await page.getByTestId('server-secret').fill('share secret');
  await page.getByTestId('token-input').fill(T);
  await page.getByTestId('copy-link').click();
  const link = await eventually(async () => page.getByTestId('share-link').textContent());
  assert.ok(!link.includes('share%20secret'), link);
  assert.ok(!link.includes('share+secret'), link);
  assert.ok(link.includes('#/?'), 'state lives in the fragment');
  assert.equal(new URL(link).search, '');

  const fresh = await env.browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await eventually(async () => {
    assert.deepEqual((await readKeys(other)).map((row) => row.id), ['Zoë & co', '2', '3']);
    assert.equal(await other.getByTestId('token-input').inputValue(), T);
  });
  assert.notEqual(await other.getByTestId('server-secret').inputValue(), 'share secret');

  await page.getByTestId('include-secret').check();
  assert.match(await page.getByTestId('secret-warning').textContent(), /Anyone with this link/);
  await page.getByTestId('copy-link').click();
  const withSecret = await eventually(async () => {
    const text = await page.getByTestId('share-link').textContent();
    assert.match(text, /secret=share(\+|%20)secret/);
    return text;
  });
  await other.goto('about:blank');
  await other.goto(withSecret);
  await eventually(async () => assert.equal(await other.getByTestId('server-secret').inputValue(), 'share secret'));
  await fresh.close();
  await context.close();
});

test('#token= fills the inspector', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}#token=${T}`);
  await eventually(async () => assert.equal(await page.getByTestId('token-input').inputValue(), T));
  await page.getByTestId('verify-secret').fill('secret');
  await eventually(async () => assert.equal((await readVerdict(page)).id, 'valid'));
  await context.close();
});

test('embed.js sizes two independent iframes on another origin', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'one-secret-docs-'));
  await writeFile(
    join(folder, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>Docs</title></head><body>
      <h1>Docs page</h1>
      <div id="a" data-one-secret="inspector" data-token="${T}" data-verify-secret="secret"></div>
      <div id="b" data-one-secret="api-keys" data-users="alice,bob"></div>
      <script src="${env.server.url}embed.js"></script>
    </body></html>`,
  );
  const docs = await serveDist(folder);
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const messages = [];
  await page.exposeFunction('recordMessage', (data) => messages.push(data));
  await page.addInitScript(() => window.addEventListener('message', (event) => window.recordMessage(event.data)));
  await page.goto(docs.url);

  const inspector = page.frameLocator('#a iframe');
  const keys = page.frameLocator('#b iframe');
  await inspector.getByTestId('token-input').waitFor();
  await keys.getByTestId('api-key').first().waitFor();
  assert.equal(await inspector.getByTestId('token-input').inputValue(), T);
  await eventually(async () => assert.equal(await inspector.getByTestId('verdict').getAttribute('data-verdict'), 'valid'));
  assert.deepEqual(
    await keys.getByTestId('user-row').evaluateAll((rows) => rows.map((row) => row.dataset.userId)),
    ['alice', 'bob'],
  );
  for (const id of ['#a iframe', '#b iframe']) {
    const frame = page.locator(id);
    assert.equal(await frame.getAttribute('sandbox'), 'allow-scripts allow-same-origin');
    assert.equal(await frame.getAttribute('referrerpolicy'), 'no-referrer');
  }

  const height = () => page.locator('#b iframe').evaluate((frame) => frame.getBoundingClientRect().height);
  await eventually(async () => assert.ok(messages.some((message) => message?.type === 'one-secret:resize' && message.height > 200)));
  const before = await eventually(async () => {
    const value = await height();
    assert.ok(value > 300, `iframe height ${value}`);
    return value;
  });
  for (let index = 0; index < 5; index += 1) await keys.getByTestId('add-user').click();
  await eventually(async () => assert.ok((await height()) > before + 100, `height ${await height()} vs ${before}`));

  // Typing in one panel leaves the other alone.
  await keys.getByTestId('server-secret').fill('changed in b');
  await inspector.getByTestId('verify-secret').fill('secret');
  await eventually(async () => assert.equal(await inspector.getByTestId('verdict').getAttribute('data-verdict'), 'valid'));
  assert.equal(await inspector.getByTestId('token-input').inputValue(), T);
  await context.close();
  await docs.close();
});

function run(language, code) {
  const [command, args] = {
    node: ['node', ['-e', code]],
    python: ['python3', ['-c', code]],
    shell: ['sh', ['-c', code]],
  }[language];
  return execFileSync(command, args, { encoding: 'utf8' }).trim();
}

test('snippets copied from the page reproduce its values', async () => {
  const { context, page } = await openApp(env.browser, env.server.url);
  await page.getByTestId('user-id').first().fill("Zoë's id");
  await page.getByTestId('server-secret').fill('snippet "secret"');
  await page.getByTestId('signer-alg').selectOption('HS512');
  const key = await eventually(async () => {
    const value = await page.getByTestId('api-key').first().textContent();
    assert.match(await page.getByTestId('snippet-key-node').textContent(), /Zo/);
    return value;
  });
  const token = await page.getByTestId('signer-token').textContent();
  for (const language of ['node', 'python', 'shell']) {
    assert.equal(run(language, await page.getByTestId(`snippet-key-${language}`).textContent()), key, language);
    assert.equal(run(language, await page.getByTestId(`snippet-token-${language}`).textContent()), token, language);
  }
  assert.match(await page.getByTestId('snippet-key-rust').textContent(), /Hmac::<Sha256>/);
  await context.close();
});
