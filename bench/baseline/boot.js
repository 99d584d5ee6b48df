// Starts the baseline app, as the app's assets/boot.js does.
import init from './baseline.js';

await init({ module_or_path: new URL('./baseline_bg.wasm', import.meta.url) });
