// Starts the app. It lives in its own file, not inline in index.html, so
// the Content Security Policy can forbid inline scripts.
import init, * as bindings from './one-secret.js';

await init({ module_or_path: new URL('./one-secret_bg.wasm', import.meta.url) });
// Exposes the module's exports, such as the benchmark entry points, to scripts/bench.mjs.
window.wasmBindings = bindings;

// The service worker keeps a copy of the app's files so the page also opens
// offline after the first visit.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('./sw.js', import.meta.url)).catch((error) => {
    console.info('Offline copy unavailable:', error.message);
  });
}

// Inside an iframe, report the content height to the embedding page so it
// can size the iframe. The message carries no state, only the height.
if (window.parent !== window && 'ResizeObserver' in window) {
  let lastHeight = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      const panel = document.querySelector('[data-panel]')?.getAttribute('data-panel') ?? null;
      window.parent.postMessage({ type: 'one-secret:resize', height, panel }, '*');
    }
  };
  new ResizeObserver(report).observe(document.documentElement);
  report();
}
