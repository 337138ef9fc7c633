import { Platform } from '../platform';
import { FULL, FULL_LOAD, runScenario } from './scenario';

/**
 * The fault-free run of the full form's load, which the load report sets every fault run beside.
 * Only in the full form (`npm run test:system`): `npm test`'s reduced scenarios are not compared.
 */
(FULL ? describe : describe.skip)('baseline: the full load without faults', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await Platform.start({ name: 'baseline' });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('projects every acknowledged reading once', async () => {
    const { result } = await runScenario(
      { name: 'baseline', load: { seed: 0, ...FULL_LOAD } },
      platform,
    );
    expect(result.check.ok).toBe(true);
  });
});
