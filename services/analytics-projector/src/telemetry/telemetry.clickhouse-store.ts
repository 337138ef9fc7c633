import { type ClickHouseClient } from '@clickhouse/client';
import { ch, clickHouseCall } from '@tributary/platform';
import { insertAnalyticsRows } from '../analytics-rows';
import { type Minute, type ReadingRow } from './reading.projection';
import { type TelemetryStore } from './telemetry.store';

/**
 * Characters of (sensor, minute) keys per statement: ClickHouse refuses a query text over
 * max_query_size (256 KiB), and a sensor id may be 128 characters long.
 */
export const KEY_TEXT_PER_STATEMENT = 100_000;

const instant = (text: string) => ch.dateTime(new Date(`${text.replace(' ', 'T')}Z`));

/**
 * One statement recomputing these minutes from the deduplicated readings. The sensor list and the
 * time range are there for the primary key (18.16 does not use a tuple IN for it), so the scan
 * reads the touched minutes' granules and not the sensors' whole history; the tuple IN then keeps
 * exactly the touched minutes. Every version of a reading shares its sensor and time, so the
 * filter never separates a reading from its correction before FINAL picks the newest.
 */
function recomputeStatement(minutes: readonly Minute[], version: number) {
  const sensors = [...new Set(minutes.map((m) => m.sensor_id))];
  const starts = minutes.map((m) => m.start).sort();
  const end = new Date(`${starts.at(-1)!.replace(' ', 'T')}Z`).getTime() + 60_000;
  return minutesFromReadings(
    ch.sql`sensor_id IN ${ch.tuple(sensors, ch.str)}
      AND ts >= ${instant(starts[0]!)} AND ts < ${ch.dateTime(new Date(end))}
      AND (sensor_id, toStartOfMinute(ts)) IN (${ch.join(minutes.map((m) => ch.sql`(${ch.str(m.sensor_id)}, ${instant(m.start)})`))})`,
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
    let group: Minute[] = [];
    let text = 0;
    const send = async () => {
      if (group.length === 0) return;
      const statement = recomputeStatement(group, version);
      group = [];
      text = 0;
      await clickHouseCall(() => this.client.command({ query: statement.text }));
    };
    for (const minute of minutes) {
      const size = 2 * minute.sensor_id.length + 80;
      if (text + size > KEY_TEXT_PER_STATEMENT) await send();
      group.push(minute);
      text += size;
    }
    await send();
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
