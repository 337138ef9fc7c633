import { alreadyApplied, retryOnReset } from './migrations';

const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('retryOnReset', () => {
  it('runs a statement again after a dropped connection', async () => {
    let calls = 0;
    const answer = await retryOnReset(async () => {
      calls += 1;
      if (calls < 3) throw reset();
      return 'applied';
    });
    expect({ answer, calls }).toEqual({ answer: 'applied', calls: 3 });
  });

  it('gives up after the last attempt, and never retries what the server refused', async () => {
    let calls = 0;
    await expect(
      retryOnReset(async () => {
        calls += 1;
        throw reset();
      }),
    ).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(calls).toBe(3);

    calls = 0;
    const refused = Object.assign(new Error('Syntax error'), { code: '62' });
    await expect(
      retryOnReset(async () => {
        calls += 1;
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });
});

describe('alreadyApplied', () => {
  // 18.16's own words for adding a column twice (measured on the stack's server).
  const exists = new Error(
    'Code: 44, e.displayText() = DB::Exception: Cannot add column client_id: column with this name already exists, e.what() = DB::Exception',
  );

  it('takes a column added before as done, and nothing else', () => {
    const add = 'ALTER TABLE telemetry_readings ADD COLUMN client_id Nullable(String)';
    expect([
      alreadyApplied(add, exists),
      alreadyApplied('CREATE TABLE t (a String) ENGINE = Memory', exists),
      alreadyApplied(
        add,
        new Error("Code: 60, e.displayText() = DB::Exception: Table x doesn't exist"),
      ),
      alreadyApplied(
        add,
        new Error('Code: 44, e.displayText() = DB::Exception: Wrong column type'),
      ),
    ]).toEqual([true, false, false, false]);
  });
});
