import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { precompressedAssets } from './scripts/precompressed-assets.ts';
import { CSP_META, ISOLATION_HEADERS, PREVIEW_HEADERS } from './scripts/security-headers.ts';

/** Puts the Content-Security-Policy into the built index.html (the dev server needs inline scripts). */
const cspMeta: Plugin = {
  name: 'csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META }, injectTo: 'head-prepend' }],
};

// One config for the app build and for Vitest; the engine and state tests run in Node.
export default defineConfig({
  plugins: [
    react(),
    cspMeta,
    // Offline: a Workbox service worker precaches every file the build ships (app, catalog,
    // models, onnxruntime-web). 'prompt' mode: a new version installs in the background and
    // waits; the app switches to it at the next visitor, never in the middle of a visit
    // (src/app/service-worker.ts).
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Beyond the Catalog',
        short_name: 'Beyond',
        description: 'Rate emoji images; your ratings stay on this device.',
        display: 'fullscreen',
        start_url: '/',
        background_color: '#f5f3ee',
        theme_color: '#3b5bdb',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,mjs,css,wasm,png,svg,ico,json,onnx,bin,txt}'],
        // manifest.webmanifest is added by the plugin itself.
        globIgnores: ['**/*.map'],
        // The atlases are 5–7 MB and model files larger; Workbox skips files above its 2 MiB default.
        maximumFileSizeToCacheInBytes: 128 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
    // Gzipped once at build, sent as such by `vite preview` (scripts/precompressed-assets.ts).
    precompressedAssets(),
  ],
  // ES module workers: the generation worker loads one of onnxruntime-web's two builds on demand
  // (src/runtime/onnx-runtime.ts), and code splitting needs the ES format.
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true, headers: ISOLATION_HEADERS },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1', headers: PREVIEW_HEADERS },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
  },
});
