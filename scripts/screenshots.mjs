// Saves screenshots of the built app (dist/) at 390 px and 1280 px wide, in
// light and dark colour schemes, into screenshots/ (ignored by git), and
// the top of the wide light page to docs/screenshot.png for the README.
import { mkdir } from 'node:fs/promises';
import { serveDist, launchBrowser, openApp } from '../tests/e2e/harness.js';

const out = new URL('../screenshots/', import.meta.url).pathname;
await mkdir(out, { recursive: true });
await mkdir(new URL('../docs/', import.meta.url).pathname, { recursive: true });
const server = await serveDist();
const browser = await launchBrowser();
try {
  for (const width of [390, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await openApp(browser, server.url, {
        viewport: { width, height: 900 },
        colorScheme,
      });
      const file = `${out}app-${width}-${colorScheme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      if (width === 1280 && colorScheme === 'light') {
        const readme = new URL('../docs/screenshot.png', import.meta.url).pathname;
        await page.screenshot({ path: readme, clip: { x: 0, y: 0, width, height: 1100 } });
        console.log(readme);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
