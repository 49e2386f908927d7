// Serves the parity page (scripts/parity/page) with Vite's dev server for the browser parity
// spec (e2e/webgpu-parity.spec.ts); never part of `npm run build` or the shipped dist/.
// /parity/index.json lists the fixtures; /parity/<file> serves a fixture or a model, from the
// same folders the Node parity test reads (MODELS_DIR / FIXTURES_DIR honoured).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { fixturesDir, modelsDir, ROOT } from '../models-location.ts';

function parityFiles(): Plugin {
  return {
    name: 'parity-files',
    configureServer(server) {
      server.middlewares.use('/parity/', (req, res, next) => {
        const name = basename(decodeURIComponent((req.url ?? '').split('?')[0]));
        if (name === 'index.json') {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(readdirSync(fixturesDir()).filter((f) => f.endsWith('.json')).sort()));
          return;
        }
        // The encoder's ONNX sits beside its fixture; the served networks are in the models folder.
        const path = [join(fixturesDir(), name), join(modelsDir(), name)].find((p) => existsSync(p));
        if (!path) return next();
        res.setHeader('Content-Type', name.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.end(readFileSync(path));
      });
    },
  };
}

export default defineConfig({
  root: resolve(ROOT, 'scripts/parity/page'),
  publicDir: false,
  cacheDir: resolve(ROOT, 'node_modules/.vite-parity'),
  logLevel: 'warn',
  plugins: [parityFiles()],
  // Pre-bundling would reload the page mid-test when it discovers onnxruntime-web; its ESM
  // build needs none.
  optimizeDeps: { noDiscovery: true, include: [] },
  server: { host: '127.0.0.1', strictPort: false },
});
