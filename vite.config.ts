/**
 * The renderer build: React over plain Vite, relative asset URLs (base './') so the app loads from
 * file:// inside the package, output in out/renderer. The Content-Security-Policy meta tag is injected
 * from electron/app/security.ts, where the shell's other rules are kept and tested.
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
// The `.js` suffix (resolved to security.ts) keeps Vite's config loader from warning about extensionless imports.
import { CONTENT_SECURITY_POLICY } from './electron/app/security.js';

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    // Vite's modulepreload polyfill injects nothing inline, but the app has a single entry chunk anyway.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1024,
  },
});
