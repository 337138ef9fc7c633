import { type ClickHouseClient } from '@clickhouse/client';
import { ch, clickHouseCall, insertRowBinary } from '@tributary/platform';
import { TELEMETRY_MINUTES_COLUMNS } from '@tributary/read-models';
import { insertAnalyticsRows } from '../analytics-rows';
import {
  clickHouseDateTimeMs,
  type MinuteRow,
  type ReadingRow,
  type TouchedMinutes,
} from './reading.projection';
import { type TelemetryStore } from './telemetry.store';

/**
 * Characters of sensor ids per statement: ClickHouse refuses a query text over max_query_size
 * (256 KiB), and a sensor id may be 128 characters long.
 */
const SENSOR_TEXT_PER_STATEMENT = 100_000;

/** The longest time a statement's window spans; see `statementGroups`. */
export const WINDOW_MS = 10 * 60_000;

/** What one statement recomputes: every minute of `sensors` from `fromMs` until `untilMs` (excluded). */
export interface MinuteWindow {
  readonly fromMs: number;
  readonly untilMs: number;
  readonly sensors: readonly string[];
}

/**
 * The minutes in groups of one statement each: in time order, a group spanning at most
 * `WINDOW_MS`. A statement recomputes every minute of its sensors inside its window, which the
 * primary key reads by sensor and time alone; naming each minute instead (a tuple IN) cost 18.16
 * more to parse than the recomputation itself, and an OR of ranges per sensor more still. Minutes
 * of those sensors in the window that no reading touched come out as they were: at most a
 * window's worth of extra reading, and for live data or a backfill none, since every sensor of a
 * flush is touched across the same few minutes.
 */
export function statementGroups(minutes: TouchedMinutes): MinuteWindow[] {
  const groups: MinuteWindow[] = [];
  let fromMs = 0;
  let lastMs = 0;
  let sensors = new Set<string>();
  let text = 0;
  const close = () => {
    if (sensors.size > 0) groups.push({ fromMs, untilMs: lastMs + 60_000, sensors: [...sensors] });
    sensors = new Set();
    text = 0;
  };
  for (const [start, touched] of minutes.byTime()) {
    const at = clickHouseDateTimeMs(start);
    if (sensors.size > 0 && at - fromMs >= WINDOW_MS) close();
    // Before the sensors: a group closed for its size below may hold sensors of this minute.
    lastMs = at;
    for (const sensor of touched) {
      if (sensors.has(sensor)) continue;
      if (sensors.size > 0 && text + sensor.length + 4 > SENSOR_TEXT_PER_STATEMENT) close();
      if (sensors.size === 0) fromMs = at;
      sensors.add(sensor);
      text += sensor.length + 4;
    }
  }
  close();
  return groups;
}

/** The statement recomputing a window's minutes from the deduplicated readings. */
function recomputeStatement(window: MinuteWindow, version: number) {
  // Every version of a reading shares its sensor and time, so the filter never separates a
  // reading from its correction before FINAL picks the newest.
  return minutesFromReadings(
    ch.sql`sensor_id IN ${ch.tuple(window.sensors, ch.str)}
      AND ts >= ${ch.dateTime(new Date(window.fromMs))} AND ts < ${ch.dateTime(new Date(window.untilMs))}`,
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

/** Sensor ids in lists of at most SENSOR_TEXT_PER_STATEMENT characters. */
function sensorLists(sensorIds: readonly string[]): string[][] {
  const lists: string[][] = [];
  let list: string[] = [];
  let text = 0;
  for (const sensor of sensorIds) {
    if (list.length > 0 && text + sensor.length + 4 > SENSOR_TEXT_PER_STATEMENT) {
      lists.push(list);
      list = [];
      text = 0;
    }
    list.push(sensor);
    text += sensor.length + 4;
  }
  if (list.length > 0) lists.push(list);
  return lists;
}

export class ClickHouseTelemetryStore implements TelemetryStore {
  constructor(private readonly client: ClickHouseClient) {}

  async writeReadings(rows: readonly ReadingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await insertAnalyticsRows(this.client, 'telemetry_readings', rows);
  }

  async writeMinutes(rows: readonly MinuteRow[]): Promise<void> {
    if (rows.length === 0) return;
    await clickHouseCall(() =>
      insertRowBinary(this.client, 'telemetry_minutes', TELEMETRY_MINUTES_COLUMNS, rows),
    );
  }

  async minutesReach(sensorIds: readonly string[]): Promise<Map<string, number>> {
    const reach = new Map<string, number>();
    for (const sensors of sensorLists(sensorIds)) {
      // The minute column alone, found by the key's first column: once per sensor and group join.
      const statement = ch.sql`SELECT sensor_id, toUInt32(max(minute)) AS at FROM telemetry_minutes
        WHERE sensor_id IN ${ch.tuple(sensors, ch.str)} GROUP BY sensor_id`;
      const rows = await clickHouseCall(async () => {
        const result = await this.client.query({ query: statement.text, format: 'JSONEachRow' });
        return result.json<{ sensor_id: string; at: number }>();
      });
      for (const row of rows) reach.set(row.sensor_id, Number(row.at) * 1000 + 59_999);
    }
    return reach;
  }

  async recomputeMinutes(minutes: TouchedMinutes, version: number): Promise<void> {
    for (const window of statementGroups(minutes)) {
      const statement = recomputeStatement(window, version);
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
