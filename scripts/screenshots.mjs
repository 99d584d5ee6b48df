// Saves screenshots of the built app (dist/) into screenshots/ (ignored by
// git): the whole page and each panel, at 390 px and 1280 px wide, in light
// and dark colour schemes. The top of the wide light page also goes to
// docs/screenshot.png for the README.
import { mkdir } from 'node:fs/promises';
import { serveDist, launchBrowser, openApp } from '../tests/e2e/harness.js';

const out = new URL('../screenshots/', import.meta.url).pathname;
const docs = new URL('../docs/', import.meta.url).pathname;
await mkdir(out, { recursive: true });
await mkdir(docs, { recursive: true });

const server = await serveDist();
const browser = await launchBrowser();
try {
  for (const width of [390, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await openApp(browser, server.url, {
        viewport: { width, height: 900 },
        colorScheme,
      });
      const suffix = `${width}-${colorScheme}`;
      if (width === 1280 && colorScheme === 'light') {
        await page.screenshot({ path: `${docs}screenshot.png` });
      }
      await page.screenshot({ path: `${out}page-${suffix}.png`, fullPage: true });

      const panels = page.locator('section.panel');
      for (let index = 0; index < (await panels.count()); index += 1) {
        const panel = panels.nth(index);
        const name = (await panel.getAttribute('aria-labelledby'))?.replace(/-title$/, '') ?? `panel-${index}`;
        await panel.screenshot({ path: `${out}${name}-${suffix}.png` });
      }
      await context.close();
    }
  }
  console.log(`Screenshots saved in ${out}`);
} finally {
  await browser.close();
  await server.close();
}
