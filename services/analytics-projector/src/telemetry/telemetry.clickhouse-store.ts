import { type ClickHouseClient } from '@clickhouse/client';
import { ch, clickHouseCall } from '@tributary/platform';
import { insertAnalyticsRows } from '../analytics-rows';
import { type Minute, type ReadingRow } from './reading.projection';
import { type TelemetryStore } from './telemetry.store';

/**
 * Characters of sensor ids per statement: ClickHouse refuses a query text over max_query_size
 * (256 KiB), and a sensor id may be 128 characters long.
 */
const SENSOR_TEXT_PER_STATEMENT = 100_000;

/** The longest time a statement's window spans; see `statementGroups`. */
export const WINDOW_MS = 10 * 60_000;

const instant = (text: string) => ch.dateTime(new Date(`${text.replace(' ', 'T')}Z`));
const msOf = (start: string) => Date.parse(`${start.replace(' ', 'T')}Z`);

/**
 * The minutes in groups of one statement each: in time order, a group spanning at most
 * `WINDOW_MS`. A statement recomputes every minute of its sensors inside its window, which the
 * primary key reads by sensor and time alone; naming each minute instead (a tuple IN) cost 18.16
 * more to parse than the recomputation itself, and an OR of ranges per sensor more still. Minutes
 * of those sensors in the window that no reading touched come out as they were: at most a
 * window's worth of extra reading, and for live data or a backfill none, since every sensor of a
 * flush is touched across the same few minutes.
 */
export function statementGroups(minutes: readonly Minute[]): Minute[][] {
  const sorted = [...minutes].sort((a, b) =>
    a.start === b.start ? (a.sensor_id < b.sensor_id ? -1 : 1) : a.start < b.start ? -1 : 1,
  );
  const groups: Minute[][] = [];
  let group: Minute[] = [];
  let firstMs = 0;
  let sensors = new Set<string>();
  let text = 0;
  for (const minute of sorted) {
    const at = msOf(minute.start);
    const added = sensors.has(minute.sensor_id) ? 0 : minute.sensor_id.length + 4;
    if (
      group.length > 0 &&
      (at - firstMs >= WINDOW_MS || text + added > SENSOR_TEXT_PER_STATEMENT)
    ) {
      groups.push(group);
      group = [];
      sensors = new Set();
      text = 0;
    }
    if (group.length === 0) firstMs = at;
    group.push(minute);
    if (!sensors.has(minute.sensor_id)) {
      sensors.add(minute.sensor_id);
      text += minute.sensor_id.length + 4;
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** The statement recomputing a group's minutes from the deduplicated readings. */
function recomputeStatement(group: readonly Minute[], version: number) {
  const sensors = [...new Set(group.map((m) => m.sensor_id))];
  const end = msOf(group.at(-1)!.start) + 60_000;
  // Every version of a reading shares its sensor and time, so the filter never separates a
  // reading from its correction before FINAL picks the newest.
  return minutesFromReadings(
    ch.sql`sensor_id IN ${ch.tuple(sensors, ch.str)}
      AND ts >= ${instant(group[0]!.start)} AND ts < ${ch.dateTime(new Date(end))}`,
    version,
  );
}

/** The minutes of the readings `where` selects, recomputed (the one statement that writes them). */
function minutesFromReadings(where: ReturnType<typeof ch.raw>, version: number) {
  return ch.sql`INSERT INTO telemetry_minutes
      (sensor_id, minute, reading_count, temperature_values, pressure_values, humidity_values, computed_version)
    SELECT sensor_id, toStartOfMinute(ts), count(),
           arraySort(groupArray(temperature)), arraySort(groupArray(pressure)), arraySort(groupArray(humidity)),
           ${ch.int(version)}
    FROM telemetry_readings FINAL
    WHERE ${where}
    GROUP BY sensor_id, toStartOfMinute(ts)`;
}

export class ClickHouseTelemetryStore implements TelemetryStore {
  constructor(private readonly client: ClickHouseClient) {}

  async writeReadings(rows: readonly ReadingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await insertAnalyticsRows(this.client, 'telemetry_readings', rows);
  }

  async recomputeMinutes(minutes: readonly Minute[], version: number): Promise<void> {
    for (const group of statementGroups(minutes)) {
      const statement = recomputeStatement(group, version);
      await clickHouseCall(() => this.client.command({ query: statement.text }));
    }
  }

  /**
   * Every minute of these sensors recomputed from their readings, in one statement: for a table
   * loaded without the projector (the query benchmark's), where listing each minute would not do.
   */
  async recomputeSensors(sensorIds: readonly string[], version: number): Promise<void> {
    if (sensorIds.length === 0) return;
    const statement = minutesFromReadings(
      ch.sql`sensor_id IN ${ch.tuple(sensorIds, ch.str)}`,
      version,
    );
    await clickHouseCall(() => this.client.command({ query: statement.text }));
  }
}
