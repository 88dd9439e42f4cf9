import './style.css';
import { api, ApiError, type User } from './api';
import { h, clear } from './dom';
import { initLang, setLang, getLang, t, onLangChange } from './i18n';
import { matchRoute, pathToHash, navigate, type Match } from './router';
import { renderLogin } from './pages/login';
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
const PUBLIC = new Set(['login', 'survey', 'perf', 'notFound', 'password', 'forgot']);

let user: User | null = null;
let userChecked = false;
let cleanup: Cleanup;
// A firm's representative (role member) works in its initiatives only: no map or scans.
const isMember = () => user?.role === 'member';
const home = () => (isMember() ? '#/initiatives' : '#/map');

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
      isMember() ? null : link('#/map', t('nav.map'), ['map', 'candidate'].includes(match.name)),
      link('#/initiatives', t('nav.initiatives'), ['initiatives', 'workspace'].includes(match.name)),
      isMember() ? null : link('#/simulation', t('nav.simulation'), match.name === 'simulation'),
      user.role === 'admin' ? link('#/users', t('nav.users'), match.name === 'users') : null) : h('span', { class: 'spacer' }),
    h('div', { class: 'right' }, langSwitch,
      !publicPage && user ? h('span', { class: 'user' }, h('a', { href: '#/account', class: 'account-link', title: t('nav.account') }, user.name || user.email),
        h('button', { type: 'button', class: 'link', onclick: async () => {
          try { await api.logout(); } catch { /* already logged out */ }
          user = null; navigate('#/login');
        } }, t('nav.logout'))) : null));
}

/** An address that leads nowhere: say so, with its own title and a way back. */
function renderNotFound(ctx: PageContext): void {
  ctx.setTitle(t('notFound.title'));
  ctx.root.append(h('div', { class: 'container narrow not-found' }, h('h1', null, t('notFound.title')),
    h('p', null, t('notFound.text')), h('p', null, h('a', { href: home(), class: 'button primary' }, t('notFound.back')))));
}

async function render(): Promise<void> {
  const fromPath = pathToHash(location.pathname);
  if (fromPath && !location.hash) { history.replaceState(null, '', `${location.pathname}${fromPath}`); }
  const match = matchRoute(routes, location.hash) ?? { name: 'notFound', params: {}, query: new URLSearchParams() };
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
  if (isMember() && ['map', 'candidate', 'simulation'].includes(match.name)) { navigate(home()); return; }
  clear(app);
  const main = h('main', { id: 'main', tabindex: '-1', class: `page page-${match.name}` });
  app.append(h('a', { href: '#main', class: 'skip', onclick: (e: Event) => { e.preventDefault(); main.focus(); } }, t('nav.skip')), header(match), main);
  const ctx: PageContext = { root: main, match, user, setTitle: (s) => { document.title = `${s} · grappe`; } };
  try {
    // Pages load on demand: the survey page (a phone, a personal link) never downloads the map code.
    switch (match.name) {
      case 'login': cleanup = renderLogin(ctx, (u) => { user = u; userChecked = true; navigate(u.must_change_password ? '#/account' : home()); }); break;
      case 'account': (await import('./pages/account')).renderAccount(ctx, () => {
        if (user?.must_change_password) { user = { ...user, must_change_password: false }; setTimeout(() => navigate(home()), 1200); }
      }); break;
      case 'password': await (await import('./pages/account')).renderPasswordLink(ctx); break;
      case 'forgot': (await import('./pages/account')).renderForgot(ctx); break;
      case 'users': await (await import('./pages/users')).renderUsers(ctx); break;
      case 'map': cleanup = await (await import('./pages/mapPage')).renderMapPage(ctx); break;
      case 'candidate': cleanup = await (await import('./pages/candidate')).renderCandidate(ctx); break;
      case 'survey': {
        // The form is fetched while the page's code loads: one round trip less on a phone.
        const form = api.survey(match.params.token);
        form.catch(() => undefined); // (renderSurvey reports a failure)
        cleanup = await (await import('./pages/survey')).renderSurvey(ctx, form); break;
      }
      case 'initiatives': cleanup = await (await import('./pages/workspace')).renderInitiatives(ctx); break;
      case 'workspace': cleanup = await (await import('./pages/workspace')).renderWorkspace(ctx); break;
      case 'simulation': cleanup = await (await import('./pages/simulation')).renderSimulation(ctx); break;
      case 'perf': cleanup = (await import('./pages/perf')).renderPerf(ctx); break;
      default: renderNotFound(ctx);
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
