import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { Session } from './api/client';
import { fill, h } from './lib/dom';
import { adminPage } from './pages/admin';
import { explorePage } from './pages/explore';
import { jobPage } from './pages/job';
import { jobsPage } from './pages/jobs';
import { signInPage } from './pages/sign-in';
import { uploadPage } from './pages/upload';
import { type Page, type PageContext } from './pages/page';

const session = new Session();
const top = document.getElementById('top')!;
const main = document.getElementById('main')!;
let cleanup: (() => void) | void;

interface Route {
  path: string;
  label: string;
  /** Roles that see it; the gateway refuses the others anyway. */
  roles: readonly string[];
  page: Page;
}

const ROUTES: Route[] = [
  { path: 'upload', label: 'Upload', roles: ['admin', 'ingest'], page: uploadPage },
  { path: 'jobs', label: 'Jobs', roles: ['admin', 'steward', 'analyst', 'ingest'], page: jobsPage },
  { path: 'explore', label: 'Explore', roles: ['admin', 'steward', 'analyst'], page: explorePage },
  { path: 'admin', label: 'Admin', roles: ['admin'], page: adminPage },
];

const visible = () => ROUTES.filter((r) => session.me && r.roles.includes(session.me.role));

function navigate(path: string): void {
  if (location.hash === `#/${path}`) render();
  else location.hash = `#/${path}`;
}

function header(current: string): void {
  const me = session.me;
  fill(
    top,
    h('a', { class: 'brand', href: me ? '#/jobs' : '#/sign-in' }, 'Tributary'),
    me
      ? h(
          'nav',
          { 'aria-label': 'Console' },
          h(
            'ul',
            {},
            visible().map((r) =>
              h(
                'li',
                {},
                h(
                  'a',
                  { href: `#/${r.path}`, 'aria-current': current === r.path ? 'page' : null },
                  r.label,
                ),
              ),
            ),
          ),
        )
      : null,
    me
      ? h(
          'div',
          { class: 'who' },
          h('span', { class: 'muted' }, `${me.email} (${me.role})`),
          h('button', { type: 'button', class: 'secondary', onclick: () => signOut() }, 'Sign out'),
        )
      : null,
  );
}

function signOut(): void {
  session.signOut();
  navigate('sign-in');
}

function render(): void {
  cleanup?.();
  cleanup = undefined;
  const [path = '', ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const context: PageContext = { session, navigate, main };
  if (!session.me) {
    header('sign-in');
    cleanup = signInPage(context, rest);
    return;
  }
  const routes = visible();
  const route =
    path === 'jobs' && rest[0]
      ? { path: 'jobs', page: jobPage }
      : (routes.find((r) => r.path === path) ?? null);
  if (!route) {
    // An unknown page, or one the role may not see (admin for an analyst): their first page.
    navigate(routes[0]?.path ?? 'jobs');
    return;
  }
  header(route.path);
  cleanup = route.page(context, rest);
  // Focus moves to the new page's heading, so keyboard and screen reader users start there.
  main.querySelector('h1')?.setAttribute('tabindex', '-1');
  (main.querySelector('h1') as HTMLElement | null)?.focus();
}

session.onChange(() => {
  if (!session.me) {
    fill(main);
    navigate('sign-in');
  }
});
window.addEventListener('hashchange', render);
render();
