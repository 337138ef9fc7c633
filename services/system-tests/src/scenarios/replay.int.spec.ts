import { createHash } from 'node:crypto';
import {
  createLogger,
  dropClickHouseDatabase,
  createClickHouseDatabase,
} from '@tributary/platform';
import { check, describeReport } from '../checker';
import { Platform, SERVICES, TELEMETRY_TOPICS } from '../platform';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotateResult, FULL, RESULTS_DIR, runScenario, SCALE } from './scenario';

/**
 * The day the run's readings are timed in, three days back: no other scenario times its readings
 * there (they use yesterday, the checker November 2026, probes the present).
 */
const WINDOW = (() => {
  const start = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 3 * 86_400_000;
  return {
    from: new Date(start).toISOString(),
    to: new Date(start + 86_400_000).toISOString(),
  };
})();

/**
 * Every answer of the readings API the run can see, byte for byte: each sensor's readings (every
 * page, cursors included), its hourly and daily aggregates, and the all-sensor list and
 * aggregates pages. Returns the SHA-256 of each route's full responses.
 */
async function apiChecksums(
  platform: Platform,
  sensors: readonly string[],
  bodies?: Map<string, string[]>,
): Promise<Record<string, string>> {
  const headers = { authorization: `Bearer ${platform.token}` };
  const pagesOf = async (path: string): Promise<string> => {
    const hash = createHash('sha256');
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const url = `${platform.api}${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await fetch(url, { headers });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${text}`);
      hash.update(text);
      bodies?.set(path, [...(bodies.get(path) ?? []), text]);
      cursor = (JSON.parse(text) as { next_cursor: string | null }).next_cursor;
    } while (cursor);
    return hash.digest('hex');
  };
  const out: Record<string, string> = {};
  // The all-sensor routes over the run's own day: other runs share the topics the rebuild replays,
  // and their readings (other days) would show in them.
  const day = `from=${WINDOW.from}&to=${WINDOW.to}`;
  const routes = [
    `/v1/sensors/readings?${day}`,
    `/v1/sensors/aggregates?interval=hour&${day}`,
    `/v1/sensors/aggregates?interval=day&${day}`,
    ...sensors.flatMap((s) => [
      `/v1/sensors/${s}/readings`,
      `/v1/sensors/aggregates?interval=hour&sensor_id=${s}`,
      `/v1/sensors/aggregates?interval=day&sensor_id=${s}`,
    ]),
  ];
  for (const route of routes) out[route] = await pagesOf(route);
  return out;
}

/**
 * Scenario 9. After a run, the ClickHouse projections are dropped (the whole database), the
 * projector's consumer group is reset to where the topics stood when the run began, and the
 * projector rebuilds everything from Kafka. Expected: every API answer identical to before
 * (SHA-256 of the full responses of every route and page), and the check still exact.
 */
describe('scenario 9: replay rebuilds the projections exactly', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await Platform.start({ name: 'replay' });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers every route identically after dropping ClickHouse and replaying the topics', async () => {
    const { ledger } = await runScenario(
      {
        name: 'replay',
        startMs: Date.parse(WINDOW.from) + 9 * 3_600_000,
        load: FULL
          ? { seed: 9, readings: 200_000, sensors: 100, batchSize: 1_000, concurrency: 4 }
          : { seed: 9, readings: 6_000, sensors: 12, batchSize: 500, concurrency: 2 },
      },
      platform,
    );
    const sensors = [...ledger.bySensor().keys()].sort();
    const beforeBodyMap = new Map<string, string[]>();
    const before = await apiChecksums(platform, sensors, beforeBodyMap);
    const beforeBodies = Object.fromEntries(beforeBodyMap);

    await platform.supervisor.stop(SERVICES.projector);
    const logger = createLogger('system-tests', 'warn');
    await dropClickHouseDatabase(platform.clickhouseConfig, logger, platform.database);
    await (
      await createClickHouseDatabase(platform.clickhouseConfig, logger, platform.database)
    ).close();
    const admin = platform.kafka.admin();
    await admin.connect();
    try {
      for (const topic of TELEMETRY_TOPICS) {
        await admin.setOffsets({
          groupId: platform.group,
          topic,
          partitions: platform.startOffsets
            .filter((o) => o.topic === topic)
            .map(({ partition, offset }) => ({ partition, offset })),
        });
      }
    } finally {
      await admin.disconnect();
    }
    const rebuildStarted = Date.now();
    await platform.supervisor.restart(SERVICES.projector);
    await platform.drain(FULL ? 600_000 : 120_000);
    const rebuildSeconds = (Date.now() - rebuildStarted) / 1000;

    platform.token = await platform.login(); // the rebuild may outlive the last token
    const afterBodies = new Map<string, string[]>();
    const after = await apiChecksums(platform, sensors, afterBodies);
    const differing = Object.keys(after).filter((route) => after[route] !== before[route]);
    if (differing.length > 0) {
      // Kept for a person to compare: the pages of each route that changed, before and after.
      const again = new Map<string, string[]>();
      await apiChecksums(platform, [], again);
      writeFileSync(
        join(RESULTS_DIR, `replay.${SCALE}.differing.json`),
        JSON.stringify({
          differing,
          before: beforeBodies,
          after: Object.fromEntries(afterBodies),
          again: Object.fromEntries(again),
        }),
      );
    }
    expect(after).toEqual(before);
    const clickhouse = platform.clickhouse();
    try {
      const report = await check(ledger, { api: platform.api, token: platform.token, clickhouse });
      expect(describeReport(report)).toMatch(/OK$/);
    } finally {
      await clickhouse.close();
    }
    expect(Object.keys(after)).toHaveLength(3 + 3 * sensors.length);
    annotateResult('replay', { routesCompared: Object.keys(after).length, rebuildSeconds });
  });
});
