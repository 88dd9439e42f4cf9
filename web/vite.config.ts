import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { simplifyCollection } from './tools/simplify.ts';

// The départements layer is read from the repository's data/,
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
      const file = resolve(here, '../data/departements.geojson');
      if (!existsSync(file)) throw new Error(`departements.geojson not found at ${file}`);
      const simplified = simplifyCollection(JSON.parse(readFileSync(file, 'utf8')));
      return `export default ${JSON.stringify(simplified)};`;
    },
  };
}

/** One CSV line split on commas, with RFC 4180 quotes. */
function csvFields(line: string): string[] {
  const out: string[] = []; let cur = ''; let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) { if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch; }
    else if (ch === '"') quoted = true; else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

// Place names for the offline basemap: every commune of data/communes.csv that has a point, as
// [name, lon, lat, population] sorted by population (largest first, so labels drawn first win).
function communesPlugin(): Plugin {
  const id = 'virtual:communes';
  const resolved = '\0' + id;
  return {
    name: 'grappe-communes',
    resolveId: (source) => (source === id ? resolved : null),
    load(source) {
      if (source !== resolved) return null;
      const file = resolve(here, '../data/communes.csv');
      if (!existsSync(file)) throw new Error(`communes.csv not found at ${file}`);
      const [head, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
      const col = Object.fromEntries(csvFields(head).map((name, i) => [name, i]));
      const rows: Array<[string, number, number, number]> = [];
      for (const line of lines) {
        const f = csvFields(line);
        const lon = Number.parseFloat(f[col.lon]); const lat = Number.parseFloat(f[col.lat]);
        if (!Number.isFinite(lon) || !Number.isFinite(lat) || f[col.type] !== 'commune') continue;
        rows.push([f[col.nom], Math.round(lon * 1000) / 1000, Math.round(lat * 1000) / 1000, Number(f[col.population]) || 0]);
      }
      rows.sort((a, b) => b[3] - a[3]);
      return `export default ${JSON.stringify(rows)};`;
    },
  };
}

export default defineConfig({
  base: '/', // absolute asset URLs: personal links are served at /survey/TOKEN
  plugins: [departementsPlugin(), communesPlugin()],
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { environment: 'node', include: ['src/**/*.test.ts', 'tools/**/*.test.ts'] },
});
