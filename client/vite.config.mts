import { defineConfig } from 'vite';

const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * Builds the client into client/dist, which the Nest server serves at / (src/bootstrap.ts). The output has no
 * inline script or style, so it runs under the server's strict Content-Security-Policy. `npm run dev:client`
 * serves it with hot reload and proxies the API and the socket to a server on port 3000.
 */
export default defineConfig({
  root,
  // Copied as they are to the root of the build: robots.txt, favicon.ico, the web manifest and its icons.
  publicDir: 'static',
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    sourcemap: true,
    // Chromium, Firefox and Safari all support modulepreload now; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    // An inlined data: asset would be fine under the CSP (img-src data:), but separate files cache better.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Few, cacheable files for the first load: libraries in one chunk (DOMPurify apart, it is only needed once
        // a screen shows server HTML), the app's shared core in another, each lazy screen on its own. The Arabic
        // dictionary stays out of the core: it is fetched when Arabic is first shown (i18n/dictionaries.ts).
        codeSplitting: {
          groups: [
            { name: 'sanitizer', test: /node_modules[\\/]dompurify/ },
            { name: 'vendor', test: /node_modules/ },
            {
              name: 'core',
              test: /client[\\/]src[\\/](api|live|i18n(?![\\/]ar\.)|router|views[\\/](groups|shell|auth)|ui[\\/](?!safe-html))/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
