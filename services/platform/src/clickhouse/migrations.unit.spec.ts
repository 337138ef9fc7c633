import { retryOnReset } from './migrations';

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
