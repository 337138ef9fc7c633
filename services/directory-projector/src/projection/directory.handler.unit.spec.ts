import {
  RegistryUnavailableError,
  UndecodableMessageError,
  batchOfEvents,
  eventsOfBatch,
  VALID_EVENTS,
  type EventCodec,
} from '@tributary/contracts';
import { type ConsumedMessage } from '@tributary/platform';
import { directoryHandler } from './directory.handler';
import { type DirectoryStore, type DirectoryWrite } from './directory.store';
import { CATALOG_TOPIC_NAMES } from './directory.topics';

/** A codec whose wire format is JSON with a `bad`/`outage` marker: the handler's rules, no registry. */
const codec = {
  decode: async (_topic: string, value: Buffer) => {
    const text = value.toString();
    if (text === 'bad') throw new UndecodableMessageError('ev.users: not in the wire format');
    if (text === 'outage') throw new RegistryUnavailableError('registry down');
    return JSON.parse(text, (key, v) =>
      ['occurred_at', 'ingested_at'].includes(key) ? new Date(v) : v,
    );
  },
} as unknown as EventCodec;

const message = (topic: string, value: string | null, offset = 0): ConsumedMessage => ({
  topic,
  partition: 0,
  offset: String(offset),
  key: null,
  value: value === null ? null : Buffer.from(value),
  headers: {},
});

function recordingStore(fail?: Error) {
  const writes: DirectoryWrite[] = [];
  const store: DirectoryStore = {
    write: async (batch) => {
      if (fail) throw fail;
      writes.push(batch);
    },
  };
  return { writes, store };
}

describe('the directory handler', () => {
  const user = JSON.stringify(VALID_EVENTS['ev.users']);

  it('dead-letters what it cannot decode and writes its neighbours', async () => {
    const { writes, store } = recordingStore();
    const handle = directoryHandler(codec, CATALOG_TOPIC_NAMES, store);
    const letters = await handle([
      message('ev.users', 'bad', 1),
      message('ev.users', user, 2),
      message('ev.users', null, 3),
      message('telemetry.readings', user, 4),
    ]);
    expect(letters.map((l) => [l.message.offset, l.code, l.reason])).toEqual([
      ['1', 'CONTRACT.UNDECODABLE', 'ev.users: not in the wire format'],
      ['3', 'PROJECTION.EMPTY', 'message has no value'],
      ['4', 'PROJECTION.UNKNOWN_TOPIC', 'not a directory topic: telemetry.readings'],
    ]);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.dimensions.get('ev.users')?.map((r) => r.key)).toEqual(['u-100']);
  });

  it('folds a batch of rejections as the rejections one by one, in order', async () => {
    const one = recordingStore();
    const first = VALID_EVENTS['ingest.rejections'];
    const second = {
      ...first,
      metadata: { ...first.metadata, event_id: '00000000-0000-4000-8000-0000000000e2' },
      row_number: 5,
      raw: 's-5,p-1,,1.00,2026-11-21',
      reasons: ['quantity: is required'],
    };
    const batch = batchOfEvents([first, second], '00000000-0000-4000-8000-0000000000e0', 'job_id');
    await directoryHandler(
      codec,
      CATALOG_TOPIC_NAMES,
      one.store,
    )([message('ingest.rejections-batches', JSON.stringify(batch))]);
    const each = recordingStore();
    await directoryHandler(
      codec,
      CATALOG_TOPIC_NAMES,
      each.store,
    )(
      eventsOfBatch(batch).map((event, i) =>
        message('ingest.rejections', JSON.stringify(event), i),
      ),
    );
    expect(one.writes).toHaveLength(1);
    expect(one.writes[0]!.rejections.map((r) => r.row_number)).toEqual([4, 5]);
    expect(one.writes).toEqual(each.writes);
  });

  it('writes nothing when a chunk is all dead letters', async () => {
    const { writes, store } = recordingStore();
    const handle = directoryHandler(codec, CATALOG_TOPIC_NAMES, store);
    expect(await handle([message('ev.users', 'bad')])).toHaveLength(1);
    expect(writes).toEqual([]);
  });

  it('throws, for the consumer to retry the chunk, when the registry or the store fails', async () => {
    const ok = directoryHandler(codec, CATALOG_TOPIC_NAMES, recordingStore().store);
    await expect(ok([message('ev.users', 'outage')])).rejects.toBeInstanceOf(
      RegistryUnavailableError,
    );
    const down = new Error('Postgres is down');
    const failing = directoryHandler(codec, CATALOG_TOPIC_NAMES, recordingStore(down).store);
    await expect(failing([message('ev.users', user)])).rejects.toBe(down);
  });

  it('consumes renamed topics as their catalog topic', async () => {
    const { writes, store } = recordingStore();
    const handle = directoryHandler(
      codec,
      { ...CATALOG_TOPIC_NAMES, 'ev.users': 'bench.ev.users' },
      store,
    );
    expect(await handle([message('bench.ev.users', user)])).toEqual([]);
    expect(writes[0]!.dimensions.get('ev.users')).toHaveLength(1);
  });
});
