import {
  RegistryUnavailableError,
  UndecodableMessageError,
  VALID_EVENTS,
  type EventCodec,
} from '@tributary/contracts';
import { type ConsumedMessage } from '@tributary/platform';
import { type TableRows } from './dataset-projections';
import { CATALOG_TOPIC_NAMES, datasetsHandler } from './datasets.handler';

const message = (topic: string, offset: number, value = Buffer.from([0])): ConsumedMessage => ({
  topic,
  partition: 0,
  offset: String(offset),
  key: null,
  value,
  headers: {},
});

/**
 * A codec that answers from a table of values instead of a registry, and encodes an event as
 * its topic and JSON (what a dead-lettered batch item is re-encoded as).
 */
function codecAnswering(answers: Record<string, unknown>): EventCodec {
  return {
    decode: async (_topic: string, value: Buffer) => {
      const answer = answers[value.toString()];
      if (answer instanceof Error) throw answer;
      return answer;
    },
    encode: (topic: string, event: unknown) => Buffer.from(`${topic} ${JSON.stringify(event)}`),
  } as unknown as EventCodec;
}

describe('datasetsHandler', () => {
  it('writes each event to its table in one call, and dead-letters what it cannot project', async () => {
    const written: TableRows[] = [];
    const handler = datasetsHandler(
      codecAnswering({
        user: VALID_EVENTS['ev.users'],
        sale: VALID_EVENTS['retail.sales'],
        garbage: new UndecodableMessageError('ev.users: not in the Confluent wire format'),
        old: { ...VALID_EVENTS['energy.usage'], date: '1969-07-20' },
      }),
      CATALOG_TOPIC_NAMES,
      async (rows) => {
        written.push(rows);
      },
    );
    const messages = [
      message('ev.users', 0, Buffer.from('user')),
      message('retail.sales', 1, Buffer.from('sale')),
      message('ev.users', 2, Buffer.from('garbage')),
      message('energy.usage', 3, Buffer.from('old')),
      message('telemetry.readings', 4),
      { ...message('ev.users', 5), value: null },
    ];
    const deadLetters = await handler(messages);
    expect(deadLetters.map(({ message: m, code, reason }) => [m.offset, code, reason])).toEqual([
      ['2', 'CONTRACT.UNDECODABLE', 'ev.users: not in the Confluent wire format'],
      [
        '3',
        'PROJECTION.OUT_OF_RANGE',
        `energy.usage: date: "1969-07-20" is outside ClickHouse Date's range (1970-01-01 to 2105-12-31)`,
      ],
      ['4', 'PROJECTION.UNKNOWN_TOPIC', 'not a dataset topic: telemetry.readings'],
      ['5', 'PROJECTION.EMPTY', 'message has no value'],
    ]);
    expect(written).toHaveLength(1);
    expect([...written[0]!.keys()]).toEqual(['ev_users', 'retail_sales']);
    expect(written[0]!.get('retail_sales')).toMatchObject([{ sale_id: 's-1' }]);
  });

  it('projects a batch item by item, dead-lettering a bad item alone with its index', async () => {
    const batch = VALID_EVENTS['energy.usage-batches'];
    const [first, second] = batch.items;
    const bad = { ...second!, date: '1969-07-20' };
    const written: TableRows[] = [];
    const handler = datasetsHandler(
      codecAnswering({ batch: { ...batch, items: [first, bad, second] } }),
      CATALOG_TOPIC_NAMES,
      async (rows) => {
        written.push(rows);
      },
    );
    const deadLetters = await handler([message('energy.usage-batches', 7, Buffer.from('batch'))]);
    expect(
      deadLetters.map(({ message: m, code, reason, item }) => ({
        offset: m.offset,
        code,
        reason,
        index: item?.index,
        value: item?.value.toString(),
      })),
    ).toEqual([
      {
        offset: '7',
        code: 'PROJECTION.OUT_OF_RANGE',
        reason: `energy.usage-batches item 1: date: "1969-07-20" is outside ClickHouse Date's range (1970-01-01 to 2105-12-31)`,
        index: 1,
        value: `energy.usage-batches ${JSON.stringify({ ...batch, items: [bad] })}`,
      },
    ]);
    // The good items, each as its per-event form would be projected: same ids, rows 1 and 2.
    expect(written).toHaveLength(1);
    expect(
      written[0]!.get('energy_usage')!.map((row) => {
        const { event_id, row_number } = row as { event_id: string; row_number: number };
        return [event_id, row_number];
      }),
    ).toEqual([
      [first!.meta.event_id, 1],
      [second!.meta.event_id, 2],
    ]);
  });

  it('rethrows a registry outage and a failed write, so the consumer retries the chunk', async () => {
    const outage = datasetsHandler(
      codecAnswering({ user: new RegistryUnavailableError('registry down') }),
      CATALOG_TOPIC_NAMES,
      async () => undefined,
    );
    await expect(outage([message('ev.users', 0, Buffer.from('user'))])).rejects.toThrow(
      'registry down',
    );
    const failing = datasetsHandler(
      codecAnswering({ user: VALID_EVENTS['ev.users'] }),
      CATALOG_TOPIC_NAMES,
      async () => {
        throw new Error('clickhouse down');
      },
    );
    await expect(failing([message('ev.users', 0, Buffer.from('user'))])).rejects.toThrow(
      'clickhouse down',
    );
  });

  it('writes nothing for a chunk of dead letters only', async () => {
    const write = jest.fn(async () => undefined);
    const handler = datasetsHandler(codecAnswering({}), CATALOG_TOPIC_NAMES, write);
    expect(await handler([message('nope', 0)])).toHaveLength(1);
    expect(write).not.toHaveBeenCalled();
  });
});
