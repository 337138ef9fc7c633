import { type DatasetRow, type DatasetTable, type TableRows } from './dataset-projections';
import { type DatasetStore } from './datasets.store';
import { DatasetWriteBehind } from './datasets.write-behind';

const rows = (entries: [DatasetTable, string[]][]): TableRows =>
  new Map(entries.map(([table, ids]) => [table, ids.map((event_id) => ({ event_id }))]));

/** A store that records its inserts, fails the tables in `down`, and can be held mid-insert. */
function recordingStore() {
  const log: string[] = [];
  const down = new Set<DatasetTable>();
  let gate: Promise<void> | undefined;
  const store: DatasetStore = {
    async insert(table, list: readonly DatasetRow[]) {
      const ids = list.map((r) => (r as { event_id: string }).event_id).join(',');
      if (gate) await gate;
      log.push(`${down.has(table) ? 'failed' : 'insert'} ${table} ${ids}`);
      if (down.has(table)) throw new Error(`${table} down`);
    },
  };
  const hold = () => {
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    return () => {
      gate = undefined;
      open();
    };
  };
  return { log, down, store, hold };
}

describe('DatasetWriteBehind', () => {
  it('holds rows across chunks and inserts each table once per flush', async () => {
    const { log, store } = recordingStore();
    const writes = new DatasetWriteBehind(store, 100);
    await writes.add(
      rows([
        ['ev_users', ['u1']],
        ['retail_sales', ['s1']],
      ]),
    );
    await writes.add(rows([['ev_users', ['u2']]]));
    expect(log).toEqual([]);
    expect(writes.size).toBe(3);
    expect(await writes.flush(false)).toBe(true);
    expect(await writes.flush(false)).toBe(true); // nothing held: nothing sent
    expect(log).toEqual(['insert ev_users u1,u2', 'insert retail_sales s1']);
  });

  it('inserts early past maxRows, in the background, and a flush waits for it', async () => {
    const { log, store, hold } = recordingStore();
    const writes = new DatasetWriteBehind(store, 3);
    await writes.add(rows([['energy_usage', ['e1', 'e2']]]));
    const release = hold();
    // Past the limit: the insert starts, and the chunk is accepted without waiting for it.
    await writes.add(
      rows([
        ['energy_usage', ['e3']],
        ['energy_alerts', ['a1']],
      ]),
    );
    expect(writes.size).toBe(0);
    expect(log).toEqual([]);
    const flushed = writes.flush(false);
    release();
    expect(await flushed).toBe(true);
    expect(log).toEqual(['insert energy_usage e1,e2,e3', 'insert energy_alerts a1']);
  });

  it('runs one early insert at a time: the next chunk past the limit waits for it', async () => {
    const { log, store, hold } = recordingStore();
    const writes = new DatasetWriteBehind(store, 2);
    const release = hold();
    await writes.add(rows([['retail_sales', ['s1', 's2']]])); // starts an insert, which hangs
    let second = false;
    const waiting = writes.add(rows([['retail_sales', ['s3', 's4']]])).then(() => {
      second = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
    release();
    await waiting;
    expect(await writes.flush(false)).toBe(true);
    expect(log).toEqual(['insert retail_sales s1,s2', 'insert retail_sales s3,s4']);
  });

  it('holds the rows of a failed early insert again; refuses chunks while ClickHouse refuses them', async () => {
    const { log, down, store } = recordingStore();
    const writes = new DatasetWriteBehind(store, 2);
    down.add('ev_users');
    await writes.add(
      rows([
        ['ev_users', ['u1', 'u2']],
        ['ev_chargers', ['c1']],
      ]),
    ); // early, fails
    // ev_chargers went in; the ev_users rows are held again, as many as the limit: the next
    // chunk writes them first, fails again, and is refused (the consumer retries it later).
    const next = () => writes.add(rows([['ev_users', ['u3', 'u4']]]));
    await expect(next()).rejects.toThrow('ev_users down');
    await expect(next()).rejects.toThrow('ev_users down');
    expect(writes.size).toBe(2); // u1 and u2: refused chunks add nothing
    down.clear();
    await next(); // the retried chunk: u1, u2 written first; u3, u4 early, in the background
    expect(await writes.flush(false)).toBe(true);
    expect(log).toEqual([
      'failed ev_users u1,u2',
      'insert ev_chargers c1',
      'failed ev_users u1,u2',
      'failed ev_users u1,u2',
      'insert ev_users u1,u2',
      'insert ev_users u3,u4',
    ]);
  });

  it('when a flush fails, holds the failed tables’ rows ahead of newer ones and reports the error', async () => {
    const { log, down, store } = recordingStore();
    const writes = new DatasetWriteBehind(store, 100);
    await writes.add(
      rows([
        ['banking_transactions', ['t1']],
        ['banking_clients', ['k1']],
      ]),
    );
    down.add('banking_transactions');
    await expect(writes.flush(false)).rejects.toThrow('banking_transactions down');
    await writes.add(rows([['banking_transactions', ['t2']]]));
    down.clear();
    expect(await writes.flush(true)).toBe(true);
    expect(log).toEqual([
      'failed banking_transactions t1',
      'insert banking_clients k1',
      'insert banking_transactions t1,t2',
    ]);
  });

  it('a flush covers the rows of a failed early insert it waited for, so it never reports them done', async () => {
    const { log, down, store, hold } = recordingStore();
    const writes = new DatasetWriteBehind(store, 2);
    await writes.add(rows([['retail_sales', ['s1']]]));
    const release = hold();
    down.add('retail_sales');
    await writes.add(rows([['retail_sales', ['s2']]])); // early insert of s1, s2: hangs, then fails
    const flushed = writes.flush(false);
    release();
    await expect(flushed).rejects.toThrow('retail_sales down'); // it retried s1, s2: still down
    down.clear();
    expect(await writes.flush(false)).toBe(true);
    expect(log).toEqual([
      'failed retail_sales s1,s2',
      'failed retail_sales s1,s2',
      'insert retail_sales s1,s2',
    ]);
  });
});
