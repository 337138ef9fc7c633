import { batchOfEvents, type AnyEvent } from './batches';
import { topicSpec } from './catalog';
import { type Topic } from './codec';
import { type TopicEvents, type TributaryCommon } from './generated/events';

/**
 * Golden fixtures: one valid event per topic, and deliberately invalid ones, for tests of every
 * service and of external producers. Values are fixed so tests can assert on them exactly.
 */
const at = new Date('2026-11-22T10:00:00.000Z');
const ingested = new Date('2026-11-22T10:00:01.500Z');

export function fixtureMetadata(
  eventId: string,
  overrides: Partial<TributaryCommon.EventMetadata> = {},
): TributaryCommon.EventMetadata {
  return {
    event_id: eventId,
    occurred_at: at,
    ingested_at: ingested,
    source: { kind: 'file', reference: '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0001', row_number: 1 },
    trace_id: 'trace-fixture',
    ...overrides,
  };
}

const JOB = '6f1c1f6e-2a57-4e0b-9d55-1c9b1c1a0001';
const ACCOUNT = '3d9a2b1c-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** The per-event topics' fixtures. */
const EVENTS = {
  'telemetry.readings': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000001', {
      source: { kind: 'http', reference: 'req-1', row_number: null },
    }),
    reading_id: '00000000-0000-4000-8000-000000000001',
    sensor_id: 'greenhouse-7',
    timestamp: at,
    temperature: 21.5,
    pressure: 1013.25,
    humidity: null,
    metrics: { battery_v: 3.61 },
    version: 1,
    client_id: 'gh7-000001',
  },
  'telemetry.readings-corrected': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000002'),
    reading_id: '00000000-0000-4000-8000-000000000001',
    sensor_id: 'greenhouse-7',
    timestamp: at,
    temperature: 12.5,
    pressure: 1013.25,
    humidity: null,
    metrics: {},
    version: 2,
    reason: 'sensor recalibrated',
    client_id: 'gh7-000001',
  },
  'energy.usage': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000003'),
    user_id: 'u-100',
    date: '2026-11-21',
    usage_kwh: 42.75,
  },
  'energy.alerts': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000004'),
    user_id: 'u-100',
    date: '2026-11-21',
    usage_kwh: 42.75,
    threshold_kwh: 30,
    usage_event_id: '00000000-0000-4000-8000-000000000003',
  },
  'ev.users': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000005'),
    user_id: 'u-100',
    first_name: 'Zoë',
    last_name: "O'Neill",
    email: 'zoe.oneill@example.com',
    phone: null,
    signup_date: '2025-03-14',
  },
  'ev.chargers': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000006'),
    charger_id: 'ch-lyon-01',
    name: 'Part-Dieu P2',
    city: 'Lyon',
    address: '17 Rue du Docteur Bouchut',
    latitude: 45.7606,
    longitude: 4.8593,
    power_kw: 150,
    connector_type: 'CCS2',
  },
  'ev.transactions': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000007'),
    transaction_id: 'tx-9001',
    user_id: 'u-100',
    charger_id: 'ch-lyon-01',
    start_time: at,
    end_time: new Date('2026-11-22T10:45:00.000Z'),
    energy_kwh: 38.2,
    cost: '19.1000',
    currency: 'EUR',
  },
  'banking.clients': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000008'),
    client_id: 'c-42',
    name: 'Ana Souza',
    email: 'ana@example.com',
    country: 'PT',
    created_at: new Date('2020-01-15T00:00:00.000Z'),
  },
  'banking.transactions': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000009'),
    transaction_id: 'bt-1',
    client_id: 'c-42',
    transaction_type: 'withdrawal',
    transaction_date: at,
    amount: '-250.0000',
    currency: 'EUR',
  },
  'retail.products': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-00000000000a'),
    product_id: 'p-1',
    name: 'Espresso beans 1 kg',
    category: 'Coffee',
    price: '24.9900',
  },
  'retail.sales': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-00000000000b', {
      source: { kind: 'sftp', reference: JOB, row_number: 7 },
    }),
    sale_id: 's-1',
    product_id: 'p-1',
    quantity: 2,
    amount: '49.9800',
    sale_date: '2026-11-21',
  },
  'ingest.files-received': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-00000000000c'),
    job_id: JOB,
    dataset: 'retail.sales',
    object_key: 'retail.sales/2026-11-22/9f86d081884c7d65.csv',
    file_name: 'sales.csv',
    checksum_sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    size_bytes: 1024,
    content_type: 'text/csv',
    submitted_by: null,
    options: {},
    source: 'sftp',
  },
  'ingest.jobs': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-00000000000d'),
    job_id: JOB,
    dataset: 'retail.sales',
    status: 'partially_failed',
    rows_read: 10,
    rows_accepted: 9,
    rows_rejected: 1,
    started_at: at,
    finished_at: ingested,
    error: null,
    source: 'sftp',
    file_name: 'outgoing/sales.csv',
    object_key: 'retail.sales/2026-11-22/9f86d081884c7d65.csv',
    checksum_sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    size_bytes: 1024,
    format: 'csv',
    dataset_detected: false,
    submitted_by: null,
    duplicate_of: null,
    queued_at: at,
  },
  'ingest.rejections': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-00000000000e'),
    job_id: JOB,
    dataset: 'retail.sales',
    object_key: 'retail.sales/2026-11-22/9f86d081884c7d65.csv',
    row_number: 4,
    raw: 's-4,p-1,two,9.98,2026-11-21',
    reasons: ['quantity: must be a whole number'],
  },
  'identity.accounts': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-00000000000f'),
    account_id: ACCOUNT,
    email: 'analyst@example.com',
    role: 'analyst',
  },
  'identity.api-keys-issued': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000010'),
    key_id: '7b1e6a9c-0d2f-4c3b-9a8e-5f4d3c2b1a09',
    account_id: ACCOUNT,
    name: 'greenhouse uploader',
    prefix: 'trb_7b1e',
    role: 'ingest',
    expires_at: null,
  },
  'identity.api-keys-revoked': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000011'),
    key_id: '7b1e6a9c-0d2f-4c3b-9a8e-5f4d3c2b1a09',
    account_id: ACCOUNT,
    revoked_by: ACCOUNT,
  },
  'identity.logins-failed': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000012'),
    email: 'analyst@example.com',
    reason: 'bad_password',
    client_ip: '203.0.113.7',
  },
  'identity.account-events': {
    metadata: fixtureMetadata('00000000-0000-4000-8000-000000000013'),
    subject: ACCOUNT,
    audit_id: 42,
    action: 'key.issued',
    actor_account_id: ACCOUNT,
    actor_api_key_id: null,
    subject_account_id: ACCOUNT,
    email: null,
    client_ip: null,
    role: 'steward',
    previous_role: null,
    api_key_id: '7b1e6a9c-0d2f-4c3b-9a8e-5f4d3c2b1a09',
    invite_id: null,
    session_id: null,
    reason: null,
    detail: '{"scopes":["read:ev","read:personal"],"datasets":null,"expires_at":null}',
  },
} satisfies { [T in Exclude<Topic, `${string}-batches`>]: TopicEvents[T] };

/**
 * A batch of a topic's fixture and a second event like it (its own id, row 2), keyed by the
 * topic's key.
 */
function batchFixture<T extends keyof typeof EVENTS>(
  topic: T,
  secondId: string,
): TopicEvents[`${T}-batches` & Topic] {
  const first: AnyEvent = EVENTS[topic];
  const second = {
    ...first,
    metadata: {
      ...first.metadata,
      event_id: secondId,
      source: { ...first.metadata.source, row_number: 2 },
    },
  };
  return batchOfEvents(
    [first, second],
    '00000000-0000-4000-8000-0000000000b0',
    topicSpec(topic).key,
  ) as unknown as TopicEvents[`${T}-batches` & Topic];
}

export const VALID_EVENTS: { [T in Topic]: TopicEvents[T] } = {
  ...EVENTS,
  'telemetry.readings-batches': batchFixture(
    'telemetry.readings',
    '00000000-0000-4000-8000-0000000000b1',
  ),
  'energy.usage-batches': batchFixture('energy.usage', '00000000-0000-4000-8000-0000000000b2'),
  'ev.transactions-batches': batchFixture(
    'ev.transactions',
    '00000000-0000-4000-8000-0000000000b3',
  ),
  'banking.transactions-batches': batchFixture(
    'banking.transactions',
    '00000000-0000-4000-8000-0000000000b4',
  ),
  'retail.sales-batches': batchFixture('retail.sales', '00000000-0000-4000-8000-0000000000b5'),
  'ingest.rejections-batches': batchFixture(
    'ingest.rejections',
    '00000000-0000-4000-8000-0000000000b6',
  ),
};

/** Invalid events with the exact problems the codec reports for them. */
export const INVALID_EVENTS: readonly {
  topic: Topic;
  event: unknown;
  problems: readonly string[];
}[] = [
  {
    topic: 'energy.usage',
    event: { ...VALID_EVENTS['energy.usage'], usage_kwh: '12,5' },
    problems: ['usage_kwh: expected a number, got "12,5"'],
  },
  {
    topic: 'energy.usage',
    event: { ...VALID_EVENTS['energy.usage'], date: '2026-02-30', user_id: undefined },
    problems: [
      'user_id: expected string, got nothing',
      'date: expected a calendar date as YYYY-MM-DD, got "2026-02-30"',
    ],
  },
  {
    topic: 'banking.transactions',
    event: {
      ...VALID_EVENTS['banking.transactions'],
      transaction_type: 'refund',
      amount: '1.23456',
    },
    problems: [
      'transaction_type: expected one of deposit, withdrawal, transfer, payment, fee, interest, got "refund"',
      'amount: expected a decimal string within the precision and scale, got "1.23456"',
    ],
  },
  {
    topic: 'telemetry.readings',
    event: {
      ...VALID_EVENTS['telemetry.readings'],
      metadata: { ...VALID_EVENTS['telemetry.readings'].metadata, event_id: 'not-a-uuid' },
    },
    problems: ['metadata.event_id: expected a UUID string, got "not-a-uuid"'],
  },
];
