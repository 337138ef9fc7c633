import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ch,
  clickHouseConfigSchema,
  createClickHouse,
  createKafka,
  createLogger,
  kafkaConfigSchema,
  loadConfig,
  postgresConfigSchema,
} from '@tributary/platform';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  freePort,
  newJwtPrivateKey,
  skipToEnd,
  startService,
  uniqueName,
  waitFor,
  type ServiceProcess,
} from '@tributary/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * The web console in a real browser (Debian's Chromium, driven by playwright-core) against the
 * real stack: the gateway, file-ingest and both projectors as their own processes, exactly as
 * deployed. Expected counts come from the committed fixtures' known bad rows
 * (testing/fixtures/README.md), never from the code under test. Screenshots of every page are
 * written to the test results folder.
 */
const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(__dirname, 'testing', 'fixtures');
const RESULTS = join(
  process.env['TRIBUTARY_TEST_RESULTS'] ?? join(ROOT, '.tributary', 'test-results'),
  'console',
);
const ANALYTICS_DATABASE = 'console_e2e';
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The three fixtures, with what the upload page must propose and each job's exact counts. */
const FILES = [
  {
    name: 'console-energy-usage.csv',
    type: 'text/csv',
    dataset: 'energy.usage',
    status: 'partially_failed',
    rows: { read: 10, accepted: 8, rejected: 2 },
  },
  {
    name: 'console-products.json',
    type: 'application/json',
    dataset: 'retail.products',
    status: 'partially_failed',
    rows: { read: 5, accepted: 4, rejected: 1 },
  },
  {
    name: 'console-readings.ndjson',
    type: 'application/x-ndjson',
    dataset: 'telemetry.readings',
    status: 'partially_failed',
    rows: { read: 6, accepted: 5, rejected: 1 },
  },
] as const;
const ENERGY_USER = 'console-u-01';
const ENERGY_DAYS = 8;
const THRESHOLD = '30';

/** RFC 4180 CSV as a spreadsheet reads it (quotes, doubled quotes, CRLF), to check a download. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('the web console in a browser', () => {
  const processes: ServiceProcess[] = [];
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Requests the pages made to any other origin: there must be none. */
  const foreign: string[] = [];
  /** Content-Security-Policy violations reported by the browser: there must be none. */
  const violations: string[] = [];
  const admin = {
    email: `${uniqueName('admin')}@e2e.test`,
    password: randomBytes(12).toString('hex'),
  };
  const analyst = {
    email: `${uniqueName('analyst')}@e2e.test`,
    password: randomBytes(12).toString('hex'),
  };
  const metrics: Record<string, unknown> = {};

  const shot = (name: string) =>
    page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });

  const login = async (who: { email: string; password: string }): Promise<string> => {
    const response = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(who),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ viewport, acceptDownloads: true });
    const p = await context.newPage();
    p.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(base) && !url.startsWith('blob:') && !url.startsWith('data:'))
        foreign.push(url);
    });
    p.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    return p;
  }

  async function signIn(who: { email: string; password: string }): Promise<void> {
    await page.goto(`${base}/console/`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  // A Postgres database of this run's own: the admin page lists accounts 25 at a time, oldest
  // first, and the stack's database holds every other suite's accounts before this one's.
  const serverUrl = loadConfig(postgresConfigSchema, process.env).DATABASE_URL;
  const pgDatabase = uniqueName('console_e2e');

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    const DATABASE_URL = await createPostgresDatabase(serverUrl, pgDatabase);
    const chAdmin = createClickHouse(
      loadConfig(clickHouseConfigSchema, process.env),
      createLogger('test', 'warn'),
      'default',
    );
    await chAdmin.command({
      query: `CREATE DATABASE IF NOT EXISTS ${ch.table(ANALYTICS_DATABASE).text}`,
    });
    await chAdmin.close();
    const [analyticsPort, directoryPort, fileIngestPort, gatewayPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    // Groups are fixed, so a rerun resumes where the last one stopped instead of replaying.
    processes.push(
      await startService(
        'analytics-projector',
        {
          DATABASE_URL,
          CLICKHOUSE_DATABASE: ANALYTICS_DATABASE,
          PROJECTOR_GROUP_ID: 'console-e2e-analytics',
        },
        analyticsPort,
      ),
      await startService(
        'directory-projector',
        { DATABASE_URL, DIRECTORY_GROUP_ID: 'console-e2e-directory' },
        directoryPort,
      ),
    );
    // What an aborted run left unconsumed is skipped: it would make this run's files duplicates.
    await skipToEnd(
      createKafka(
        loadConfig(kafkaConfigSchema, process.env),
        'console-e2e',
        createLogger('test', 'warn'),
      ),
      'console-e2e-file-ingest',
      ['ingest.files-received'],
    );
    processes.push(
      await startService(
        'file-ingest',
        {
          DATABASE_URL,
          FILE_INGEST_GROUP_ID: 'console-e2e-file-ingest',
          // Its own record of ingested checksums: this run's files are new to it.
          FILE_INGEST_DB_SCHEMA: uniqueName('file_ingest_console_e2e'),
          JOB_PROGRESS_INTERVAL_MS: '200',
        },
        fileIngestPort,
      ),
      await startService(
        'gateway',
        {
          DATABASE_URL,
          CLICKHOUSE_DATABASE: ANALYTICS_DATABASE,
          SENSOR_INGEST_ADDRESS: '127.0.0.1:1',
          JWT_PRIVATE_KEY: newJwtPrivateKey(),
          SERVICE_CREDENTIAL: randomBytes(32).toString('hex'),
          TRIBUTARY_ADMIN_EMAIL: admin.email,
          TRIBUTARY_ADMIN_PASSWORD: admin.password,
          RATE_LIMITS: 'auth=1000/1s,ingest=1000/1s,query=1000/1s,banking=1000/1s',
          PRINCIPAL_RATE_LIMITS: 'anonymous=100000/1s,account=100000/1s,ingest=100000/1s',
          CONSOLE_DIR: join(ROOT, 'dist', 'console'),
          LOG_LEVEL: 'warn',
          REGISTRATION: 'open',
        },
        gatewayPort,
      ),
    );
    base = `http://127.0.0.1:${gatewayPort}`;
    const registered = await fetch(`${base}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(analyst),
    });
    expect(registered.status).toBe(202);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 240_000);

  afterAll(async () => {
    writeFileSync(join(RESULTS, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
    await context?.close();
    await browser?.close();
    await Promise.all(processes.map((p) => p.stop()));
    await dropPostgresDatabase(serverUrl, pgDatabase);
  });

  it('serves the console with its CSP, long caching for hashed assets, and /console redirecting', async () => {
    const index = await fetch(`${base}/console/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="\.\/(assets\/app-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}/console/${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bare = await fetch(`${base}/console`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/console/']);
  });

  it('signs in with the keyboard alone; an analyst sees no admin page and the API refuses them', async () => {
    page = await newPage();
    await page.goto(`${base}/console/`);
    // Where the page puts focus first: the email field, with nothing clicked.
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'email');
    metrics['navigation'] = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return {
        dom_content_loaded_ms: Math.round(nav?.domContentLoadedEventEnd ?? 0),
        load_ms: Math.round(nav?.loadEventEnd ?? 0),
        interactive_ms: Math.round(performance.now()),
        transferred_bytes: performance
          .getEntriesByType('resource')
          .concat(performance.getEntriesByType('navigation'))
          .reduce((sum, e) => sum + (e as PerformanceResourceTiming).transferSize, 0),
      };
    });
    await shot('sign-in');
    await page.keyboard.type(analyst.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(analyst.password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByText(`${analyst.email} (analyst)`).isVisible()).toBe(true);
    const nav = page.getByRole('navigation', { name: 'Console' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Jobs', 'Explore']);
    // Typing the admin page's address lands on the analyst's own first page.
    await page.goto(`${base}/console/#/admin`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('Admin');
    // A reload signed them out: tokens live in memory only, nothing is in storage.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    const token = await login(analyst);
    for (const path of ['/v1/admin/accounts', '/v1/admin/ingest-activity']) {
      const response = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  }, 60_000);

  it('uploads three files of three datasets at once, each proposed from its header, and shows each job’s exact counts and first rejected rows', async () => {
    page = await newPage();
    await signIn(admin);
    await page.getByRole('heading', { name: 'Upload files' }).waitFor();
    await page.getByLabel('Energy alert threshold (kWh per day)').fill(THRESHOLD);
    // Dropped together, as a person drags them from a folder.
    const files = FILES.map((f) => ({
      name: f.name,
      type: f.type,
      text: readFileSync(join(FIXTURES, f.name), 'utf8'),
    }));
    const dataTransfer = await page.evaluateHandle((list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([f.text], f.name, { type: f.type }));
      return transfer;
    }, files);
    await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer });
    for (const f of FILES)
      expect(await page.getByLabel(`Dataset of ${f.name}`).inputValue()).toBe(f.dataset);
    await shot('upload-ready');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    for (const f of FILES) {
      const row = page.locator(`li[data-file="${f.name}"]`);
      await row
        .and(page.locator(`[data-status="${f.status}"]`))
        .waitFor({ timeout: 90_000 })
        .catch(async (error: unknown) => {
          await shot('upload-failed');
          throw new Error(
            `${f.name}: ${String(await row.getAttribute('data-status'))} — ${String(await row.textContent())}`,
            { cause: error },
          );
        });
      expect(await row.locator('.status').textContent()).toContain(
        `read ${f.rows.read}, accepted ${f.rows.accepted}, rejected ${f.rows.rejected}`,
      );
      await row.getByRole('table').waitFor();
      expect(await row.getByRole('table').locator('tbody tr').count()).toBe(f.rows.rejected);
    }
    const energy = page.locator(`li[data-file="${FILES[0].name}"]`);
    expect(await energy.getByRole('table').textContent()).toContain('usage_kwh: is required');
    await shot('upload-done');
  }, 120_000);

  it('lists the jobs, opens one, and downloads its rejected rows as formula-safe CSV', async () => {
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    await page.getByLabel('Dataset').selectOption('energy.usage');
    const link = page.getByRole('link', { name: FILES[0].name }).first();
    await link.waitFor();
    await shot('jobs');
    await link.click();
    await page.locator('main[data-status="partially_failed"]').waitFor();
    await page.getByRole('table', { name: /Rejected rows/ }).waitFor();
    expect(await page.locator('[data-fact="Rejected"]').textContent()).toBe('2');
    await shot('job');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    writeFileSync(join(RESULTS, 'rejections.csv'), csv);
    const rows = parseCsv(csv);
    // Lines 10 and 11 of the file (the header is line 1).
    expect(rows.map((r) => r[0])).toEqual(['row_number', '10', '11']);
    // Line 11's raw text starts with `=`: in the file it is text, shown as the person sent it.
    expect(rows[2]![2]).toBe(`'=2+5*cmd|' /C calc'!A0,2031-05-09,`);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  }, 60_000);

  it('draws energy usage per day with the threshold and the alerts, one point per day', async () => {
    await page.getByRole('link', { name: 'Explore', exact: true }).click();
    await page.getByRole('link', { name: 'Energy usage' }).click();
    await page.getByLabel('User').fill(ENERGY_USER);
    const figure = page.locator('figure.chart').first();
    // The projector may still be writing the accepted rows: ask again until all days are there.
    await waitFor(
      'the energy chart to show every day',
      async () => {
        await page.getByRole('button', { name: 'Show' }).click();
        await figure.waitFor();
        return (await figure.getAttribute('data-points')) === String(ENERGY_DAYS) &&
          (await page
            .getByRole('table', { name: `Alerts of ${ENERGY_USER}` })
            .locator('tbody tr')
            .count()) === 3
          ? true
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(await figure.locator('canvas').count()).toBeGreaterThan(0);
    await shot('explore-energy');
  }, 90_000);

  it('creates an API key with a scope, shows it once, and revokes it', async () => {
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('heading', { name: 'Accounts and roles' }).waitFor();
    await page.getByLabel(`Role of ${analyst.email}`).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('console e2e uplink');
    await page.getByLabel('Scope (role)').selectOption('analyst');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.locator('input[data-secret="api-key"]');
    await secret.waitFor();
    const key = await secret.inputValue();
    expect(key).toMatch(/^trb_[0-9a-f]{12}_/);
    const withKey = () => fetch(`${base}/v1/jobs?limit=1`, { headers: { 'x-api-key': key } });
    expect((await withKey()).status).toBe(200);
    await page
      .getByRole('table', { name: 'Ingest over the last 7 day(s), most recent first' })
      .getByText(admin.email)
      .first()
      .waitFor();
    await shot('admin');
    await page.getByRole('button', { name: 'Revoke console e2e uplink' }).click();
    await page.getByText('console e2e uplink is revoked').waitFor();
    // The list never shows the secret again.
    expect(await page.locator('main').textContent()).not.toContain(key);
    expect((await withKey()).status).toBe(401);
  }, 60_000);

  it('changes a role from the accounts table, in force from the account’s next request', async () => {
    const token = await login(analyst);
    const readUsers = async () =>
      (
        await fetch(`${base}/v1/ev/users?limit=1`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status;
    expect(await readUsers()).toBe(200);
    const role = page.getByLabel(`Role of ${analyst.email}`);
    // By the account's PATCH (PUT …/role is deprecated).
    const patched = page.waitForRequest(
      (request) =>
        request.method() === 'PATCH' && /\/v1\/admin\/accounts\/[0-9a-f-]{36}$/.test(request.url()),
    );
    await role.selectOption('ingest');
    expect((await patched).postDataJSON()).toEqual({ role: 'ingest' });
    await page.getByText(`${analyst.email} is now ingest, from their next request on.`).waitFor();
    // The same token, issued while they were an analyst: an ingest account may not read users.
    expect(await readUsers()).toBe(403);
    await role.selectOption('analyst');
    await page.getByText(`${analyst.email} is now analyst, from their next request on.`).waitFor();
    expect(await readUsers()).toBe(200);
  }, 60_000);

  it('fits a phone’s width', async () => {
    page = await newPage({ width: 390, height: 844 });
    await signIn(admin);
    await page.getByRole('heading', { name: 'Upload files' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await shot('upload-phone');
  }, 60_000);

  it('made no request to another origin and broke no Content-Security-Policy rule', () => {
    expect(foreign).toEqual([]);
    expect(violations).toEqual([]);
  });
});
