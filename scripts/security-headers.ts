// The page's security policy, in one place: vite.config.ts puts it into the built index.html
// (meta tag) and into the headers of `vite preview`; e2e/security.spec.ts checks both.

/** Content-Security-Policy directives shared by the meta tag and the header. */
const DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  // WebAssembly (onnxruntime-web) needs wasm-unsafe-eval; JavaScript eval stays forbidden.
  'script-src': "'self' 'wasm-unsafe-eval'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  // The generation worker is a same-origin file; onnxruntime-web may start blob: workers.
  'worker-src': "'self' blob:",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
};

const join = (d: Record<string, string>) =>
  Object.entries(d)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');

/** For <meta http-equiv>: browsers ignore (and warn about) frame-ancestors there. */
export const CSP_META = join(DIRECTIVES);

/** For the HTTP header. */
export const CSP_HEADER = join({ ...DIRECTIVES, 'frame-ancestors': "'none'" });

/**
 * Cross-origin isolation (COOP + COEP), so SharedArrayBuffer and WASM threads are available.
 * Every resource is same-origin, so require-corp blocks nothing.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Headers `vite preview` (and so `npm start` and the e2e tests) sends with every response. */
export const PREVIEW_HEADERS = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
