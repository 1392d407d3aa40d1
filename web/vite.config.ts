import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

// The service worker precaches the app shell only (the built files and index.html): never an API
// answer, so no personal data is ever in its cache. Its list is the build's own output.
function serviceWorker(): Plugin {
  return {
    name: 'rinnalla-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => !file.startsWith('.vite/') && file !== 'index.html')
        .map((file) => `/${file}`);
      const shell = ['/', ...files.sort()];
      const version = createHash('sha256').update(shell.join('\n')).update(String(bundle['index.html']?.type)).digest('hex');
      const template = readFileSync(new URL('./src/service-worker.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template
          .replace('__SHELL__', JSON.stringify(shell))
          .replace('__VERSION__', version.slice(0, 16)),
      });
    },
  };
}

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: process.env.RINNALLA_WEB_OUT ?? 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
  },
  plugins: [serviceWorker()],
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
  },
} as Parameters<typeof defineConfig>[0]);
