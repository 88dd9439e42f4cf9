// Hash router: works behind any static file server (grappe serve, vite preview) with no rewrites.
export interface Route { pattern: string; name: string }
export interface Match { name: string; params: Record<string, string>; query: URLSearchParams }

export function matchRoute(routes: Route[], hash: string): Match | null {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  const parts = path.split('/').filter(Boolean);
  for (const r of routes) {
    const pp = r.pattern.split('/').filter(Boolean);
    if (pp.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pp.length; i++) {
      if (pp[i].startsWith(':')) params[pp[i].slice(1)] = decodeURIComponent(parts[i]);
      else if (pp[i] !== parts[i]) { ok = false; break; }
    }
    if (ok) return { name: r.name, params, query: new URLSearchParams(qs ?? '') };
  }
  return null;
}

/** Personal survey links may arrive as /survey/TOKEN or /s/TOKEN (server-generated): map to the hash route. */
export function pathToHash(pathname: string): string | null {
  const m = /\/(?:survey|s)\/([A-Za-z0-9_-]{8,})\/?$/.exec(pathname);
  return m ? `#/survey/${m[1]}` : null;
}

export const navigate = (hash: string) => { if (location.hash !== hash) location.hash = hash; };
