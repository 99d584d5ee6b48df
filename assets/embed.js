// Turns every <div data-one-secret="PANEL"> on a documentation page into an
// iframe showing that One Secret panel, sized to its content.
//
//   <div data-one-secret="inspector" data-theme="dark"
//        data-token="eyJ..."></div>
//   <script src="https://example.org/one-secret/embed.js" defer></script>
//
// Optional attributes: data-theme (light, dark, auto), data-token,
// data-verify-secret (the inspector's secret), data-users (comma-separated
// ids), data-secret (the server secret, only if given).
(() => {
  const script = document.currentScript;
  const base = new URL('./', script ? script.src : location.href);
  const frames = new Map();

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== 'one-secret:resize' || typeof data.height !== 'number') return;
    const frame = frames.get(event.source);
    if (frame) frame.style.height = `${Math.max(50, Math.min(data.height, 20000))}px`;
  });

  function embed(element) {
    const panel = element.getAttribute('data-one-secret');
    const params = new URLSearchParams();
    const theme = element.getAttribute('data-theme');
    if (theme) params.set('theme', theme);
    const token = element.getAttribute('data-token');
    if (token) params.set('token', token);
    for (const id of (element.getAttribute('data-users') ?? '').split(',').filter(Boolean)) {
      params.append('user', id.trim());
    }
    const secret = element.getAttribute('data-secret');
    if (secret !== null) params.set('secret', secret);
    const verifySecret = element.getAttribute('data-verify-secret');
    if (verifySecret !== null) params.set('vsecret', verifySecret);

    const frame = document.createElement('iframe');
    frame.src = `${base.href}#/embed/${encodeURIComponent(panel)}?${params}`;
    frame.title = element.getAttribute('data-title') ?? `One Secret: ${panel}`;
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.setAttribute('loading', 'lazy');
    frame.setAttribute('allow', 'clipboard-write');
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = '400px';
    element.replaceChildren(frame);
    frames.set(frame.contentWindow, frame);
  }

  const run = () => document.querySelectorAll('[data-one-secret]').forEach(embed);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
