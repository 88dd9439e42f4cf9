import 'leaflet/dist/leaflet.css';
import './style.css';
import { api, ApiError, type User } from './api';
import { h, clear } from './dom';
import { initLang, setLang, getLang, t, onLangChange } from './i18n';
import { matchRoute, pathToHash, navigate, type Match } from './router';
import { renderLogin } from './pages/login';
import { renderMapPage } from './pages/mapPage';
import { renderCandidate } from './pages/candidate';
import { renderSurvey } from './pages/survey';
import { renderInitiatives, renderWorkspace } from './pages/workspace';
import { renderSimulation } from './pages/simulation';
import { renderPerf } from './pages/perf';
import { renderAccount, renderPasswordLink, renderForgot } from './pages/account';
import { renderUsers } from './pages/users';
import { messageBox } from './ui';

export type Cleanup = (() => void) | void;
export interface PageContext { root: HTMLElement; match: Match; user: User | null; setTitle: (s: string) => void }

const routes = [
  { pattern: '/login', name: 'login' },
  { pattern: '/', name: 'map' },
  { pattern: '/map', name: 'map' },
  { pattern: '/candidates/:index', name: 'candidate' },
  { pattern: '/survey/:token', name: 'survey' },
  { pattern: '/initiatives', name: 'initiatives' },
  { pattern: '/initiatives/:id', name: 'workspace' },
  { pattern: '/initiatives/:id/:tab', name: 'workspace' },
  { pattern: '/simulation', name: 'simulation' },
  { pattern: '/perf', name: 'perf' },
  { pattern: '/account', name: 'account' },
  { pattern: '/password/:token', name: 'password' },
  { pattern: '/forgot', name: 'forgot' },
  { pattern: '/users', name: 'users' },
];
const PUBLIC = new Set(['login', 'survey', 'perf', 'password', 'forgot']);

let user: User | null = null;
let userChecked = false;
let cleanup: Cleanup;

function header(match: Match): HTMLElement {
  const link = (hash: string, label: string, active: boolean) =>
    h('a', { href: hash, class: active ? 'active' : '', 'aria-current': active ? 'page' : undefined }, label);
  const publicPage = match.name === 'survey';
  const langSwitch = h('div', { class: 'lang', role: 'group', 'aria-label': t('nav.language') },
    (['fr', 'en'] as const).map((l) => h('button', {
      type: 'button', class: getLang() === l ? 'on' : '', 'aria-pressed': String(getLang() === l), lang: l,
      onclick: () => setLang(l),
    }, l.toUpperCase())));
  return h('header', { class: 'topbar' },
    h('a', { href: publicPage ? undefined : '#/map', class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), 'grappe'),
    !publicPage && user ? h('nav', { 'aria-label': t('nav.main') },
      link('#/map', t('nav.map'), ['map', 'candidate'].includes(match.name)),
      link('#/initiatives', t('nav.initiatives'), ['initiatives', 'workspace'].includes(match.name)),
      link('#/simulation', t('nav.simulation'), match.name === 'simulation'),
      user.role === 'admin' ? link('#/users', t('nav.users'), match.name === 'users') : null) : h('span', { class: 'spacer' }),
    h('div', { class: 'right' }, langSwitch,
      !publicPage && user ? h('span', { class: 'user' }, h('a', { href: '#/account', class: 'account-link', title: t('nav.account') }, user.name || user.email),
        h('button', { type: 'button', class: 'link', onclick: async () => {
          try { await api.logout(); } catch { /* already logged out */ }
          user = null; navigate('#/login');
        } }, t('nav.logout'))) : null));
}

async function render(): Promise<void> {
  const fromPath = pathToHash(location.pathname);
  if (fromPath && !location.hash) { history.replaceState(null, '', `${location.pathname}${fromPath}`); }
  const match = matchRoute(routes, location.hash) ?? { name: 'map', params: {}, query: new URLSearchParams() };
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  const app = document.getElementById('app')!;
  if (!PUBLIC.has(match.name) && !userChecked) {
    try { user = await api.me(); } catch (e) { user = null; if (!(e instanceof ApiError)) throw e; }
    userChecked = true;
  }
  if (!PUBLIC.has(match.name) && !user) { navigate('#/login'); if (match.name !== 'login') return; }
  // A generated or initial password opens a session that can only replace it.
  if (user?.must_change_password && !PUBLIC.has(match.name) && match.name !== 'account') { navigate('#/account'); return; }
  clear(app);
  const main = h('main', { id: 'main', tabindex: '-1', class: `page page-${match.name}` });
  app.append(h('a', { href: '#main', class: 'skip', onclick: (e: Event) => { e.preventDefault(); main.focus(); } }, t('nav.skip')), header(match), main);
  const ctx: PageContext = { root: main, match, user, setTitle: (s) => { document.title = `${s} · grappe`; } };
  try {
    switch (match.name) {
      case 'login': cleanup = renderLogin(ctx, (u) => { user = u; userChecked = true; navigate(u.must_change_password ? '#/account' : '#/map'); }); break;
      case 'account': renderAccount(ctx, () => { if (user?.must_change_password) { user = { ...user, must_change_password: false }; setTimeout(() => navigate('#/map'), 1200); } }); break;
      case 'password': await renderPasswordLink(ctx); break;
      case 'forgot': renderForgot(ctx); break;
      case 'users': await renderUsers(ctx); break;
      case 'map': cleanup = await renderMapPage(ctx); break;
      case 'candidate': cleanup = await renderCandidate(ctx); break;
      case 'survey': cleanup = await renderSurvey(ctx); break;
      case 'initiatives': cleanup = await renderInitiatives(ctx); break;
      case 'workspace': cleanup = await renderWorkspace(ctx); break;
      case 'simulation': cleanup = await renderSimulation(ctx); break;
      case 'perf': cleanup = renderPerf(ctx); break;
    }
  } catch (e) {
    console.warn(e);
    clear(main);
    main.append(messageBox(e));
  }
}

initLang();
onLangChange(() => void render());
window.addEventListener('hashchange', () => void render());
void render();
