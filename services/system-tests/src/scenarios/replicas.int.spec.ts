import { Random } from '@tributary/testing';
import { type Job, Platform, SERVICES } from '../platform';
import { FULL, FULL_LOAD, runScenario, saveFigures } from './scenario';

const PROJECTOR_2 = `${SERVICES.projector}-2`;
const GATEWAY_2 = `${SERVICES.gateway}-2`;
const DIRECTORY_2 = `${SERVICES.directory}-2`;

/** The users files uploaded during the load, one every USER_FILE_EVERY_MS from its start. */
const USER_FILES = 8;
const USERS_PER_FILE = 2_000;
const USER_FILE_EVERY_MS = 15_000;

/**
 * Users file `n` of the run: ids and first names under the run's prefix (the API lists them by a
 * first-name prefix), so the check finds the run's users and no one else's.
 */
function usersFile(prefix: string, n: number): Buffer {
  const lines = ['user_id,first_name,last_name,email'];
  for (let i = 0; i < USERS_PER_FILE; i++)
    lines.push(`${prefix}u${n}-${i},${prefix}n${n}-${i},Replica,u${n}-${i}@example.com`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** Every user the API lists whose first name starts with `prefix`, page by page. */
async function listedUsers(platform: Platform, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ first_name: prefix, limit: '1000' });
    if (cursor) query.set('cursor', cursor);
    const response = await fetch(`${platform.api}/v1/ev/users?${query}`, {
      headers: { authorization: `Bearer ${platform.token}` },
    });
    if (response.status !== 200)
      throw new Error(`users: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as {
      items: { user_id: string }[];
      next_cursor: string | null;
    };
    ids.push(...page.items.map((item) => item.user_id));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

/**
 * Scenario 11. Two analytics-projector replicas share the group, two directory-projector replicas
 * theirs, and two gateways share the load (the load generator spreads batches over both and, like
 * a load balancer, sends a batch that got no answer to the other). Beside the readings, a users
 * file is uploaded every 15 s, so directory-projector has entities and job states to project
 * throughout. Mid-load one of each is SIGKILLed and left dead: the surviving projectors take the
 * dead ones' partitions once their sessions expire, the surviving gateway takes every batch.
 * Expected: the answers are those of a fault-free run — every acknowledged reading once through
 * the API and in ClickHouse, exact hourly and minute rollups; every users job succeeded with all
 * its rows, and every user listed once — and no batch is refused (a batch cut off by the dying
 * gateway is retried under its idempotency keys).
 * Full form only: it runs the full load beside the fault-free run.
 */
(FULL ? describe : describe.skip)('scenario 11: one of two replicas killed mid-load', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await Platform.start({
      name: 'replicas',
      projectorReplicas: 2,
      gatewayReplicas: 2,
      files: { directoryReplicas: 2 },
    });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers as the fault-free run does after one projector of each and one gateway die', async () => {
    const random = new Random(11);
    const prefix = platform.sensorPrefix;
    const uploads: Promise<string>[] = [];
    const { result } = await runScenario(
      {
        name: 'replicas',
        load: { seed: 11, ...FULL_LOAD },
        fault: async ({ platform: p }) => {
          const began = Date.now();
          // Users files on their own clock, on the first gateway (the second one dies).
          const uploading = (async () => {
            for (let n = 0; n < USER_FILES; n++) {
              await new Promise((resolve) => setTimeout(resolve, USER_FILE_EVERY_MS));
              uploads.push(p.upload('ev.users', usersFile(prefix, n), `users-${n}.csv`));
              await uploads.at(-1);
            }
          })();
          // Its failure is awaited below; until then it must not count as unhandled.
          uploading.catch(() => undefined);
          // A third of the way into the load, at a seeded moment.
          await new Promise((resolve) => setTimeout(resolve, random.int(50_000, 80_000)));
          await p.supervisor.kill(GATEWAY_2);
          await p.supervisor.kill(PROJECTOR_2);
          await p.supervisor.kill(DIRECTORY_2);
          const killedAfterS = (Date.now() - began) / 1000;
          const uploadedBeforeKill = uploads.length;
          await uploading;
          return {
            killed: `${GATEWAY_2}+${PROJECTOR_2}+${DIRECTORY_2}`,
            killedAfterS,
            usersFilesBeforeKill: uploadedBeforeKill,
          };
        },
      },
      platform,
    );
    expect(result.check.ok).toBe(true);
    expect(result.givenUp).toBe(0);
    // Every answer was a 202 or no answer at all (the dead gateway): nothing refused.
    expect(Object.keys(result.statuses).filter((s) => s !== '202' && s !== '0')).toEqual([]);

    // The directory: every users job in a true final state with all its rows, every user once.
    const jobs: Job[] = [];
    for (const id of await Promise.all(uploads)) jobs.push(await platform.finishedJob(id, 300_000));
    const users = await listedUsers(platform, prefix);
    const expected = Array.from({ length: USER_FILES }, (_, n) =>
      Array.from({ length: USERS_PER_FILE }, (_, i) => `${prefix}u${n}-${i}`),
    ).flat();
    saveFigures('replicas-directory', {
      usersFiles: jobs.length,
      usersSucceeded: jobs.filter((job) => job.status === 'succeeded').length,
      usersListed: users.length,
      usersDistinct: new Set(users).size,
      directoryProjectorStarts: platform.supervisor.usage(SERVICES.directory).starts,
    });
    expect(jobs.map((job) => ({ status: job.status, rows: job.rows }))).toEqual(
      Array.from({ length: USER_FILES }, () => ({
        status: 'succeeded',
        rows: { read: USERS_PER_FILE, accepted: USERS_PER_FILE, rejected: 0 },
      })),
    );
    expect([...users].sort()).toEqual([...expected].sort());
  });
});
