import { defineConfig } from 'vite';

// Built files go to web/dist, which `ties serve` loads into memory.  Asset
// names are name-HASH.ext with a 12-character hex hash: the server marks a
// file immutable when at least 8 characters follow the last '-', so the hash
// must not itself contain a '-' (the default base64 hash may).
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // No data: URIs for scripts; small images may still be inlined (img-src data: is allowed).
    assetsInlineLimit: 2048,
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        hashCharacters: 'hex',
        entryFileNames: 'assets/[name]-[hash:12].js',
        chunkFileNames: 'assets/[name]-[hash:12].js',
        assetFileNames: 'assets/[name]-[hash:12][extname]',
      },
    },
  },
  server: {
    // `npm run dev` proxies the API to a ties server on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
