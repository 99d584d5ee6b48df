// Starts the app. It lives in its own file, not inline in index.html, so
// the Content Security Policy can forbid inline scripts.
import init from './one-secret.js';

await init({ module_or_path: new URL('./one-secret_bg.wasm', import.meta.url) });

// The service worker keeps a copy of the app's files so the page also opens
// offline after the first visit.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('./sw.js', import.meta.url)).catch((error) => {
    console.info('Offline copy unavailable:', error.message);
  });
}
