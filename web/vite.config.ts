import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { simplifyCollection } from './tools/simplify.ts';

// The départements layer is read from the repository's data/ (or ../shared/data/ as in CI),
// simplified at build time and served as a virtual module: no tile server, no network.
const here = dirname(fileURLToPath(import.meta.url));

function departementsPlugin(): Plugin {
  const id = 'virtual:departements';
  const resolved = '\0' + id;
  return {
    name: 'grappe-departements',
    resolveId: (source) => (source === id ? resolved : null),
    load(source) {
      if (source !== resolved) return null;
      const candidates = [resolve(here, '../data/departements.geojson'),
        resolve(here, '../../shared/data/departements.geojson')];
      const file = candidates.find((f) => existsSync(f));
      if (!file) throw new Error(`departements.geojson not found in ${candidates.join(' or ')}`);
      const simplified = simplifyCollection(JSON.parse(readFileSync(file, 'utf8')));
      return `export default ${JSON.stringify(simplified)};`;
    },
  };
}

export default defineConfig({
  base: '/', // absolute asset URLs: personal links are served at /survey/TOKEN
  plugins: [departementsPlugin()],
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { environment: 'node', include: ['src/**/*.test.ts', 'tools/**/*.test.ts'] },
});
