import { readFileSync, writeFileSync } from 'node:fs';

/** A reading as the load generator sent it and the platform acknowledged it (202, with its id). */
export interface AckedReading {
  /** The id the 202 answered for it: the reading's id in every later answer. */
  readonly id: string;
  readonly sensor_id: string;
  readonly timestamp_ms: number;
  readonly temperature: number | null;
  readonly pressure: number | null;
  readonly humidity: number | null;
}

/**
 * What the platform promised: every event it acknowledged, by id. A retry of a batch the
 * platform already took (same client ids) must answer the same ids; an acknowledgement that
 * names an id already recorded for a different reading is kept as a conflict, which the checker
 * reports. Everything a run's load generator sends uses sensors under the run's prefix, so the
 * checker can tell the run's rows from everything else in the shared stack.
 */
export class Ledger {
  private readonly byId = new Map<string, AckedReading>();
  /** Acknowledgements of an id already recorded with other values. */
  readonly conflicts: { first: AckedReading; second: AckedReading }[] = [];
  /** 202s received, counting each repeated acknowledgement of the same reading. */
  acknowledgements = 0;
  /**
   * Ids of readings sent whether or not they were acknowledged (a client id's reading id is
   * known in advance: contracts' `readingIdFor`). A sent reading the platform stored without
   * acknowledging it (it answered 503 after Kafka took it, or the connection dropped) is allowed
   * at least once; stored without ever being sent, it is a phantom.
   */
  private readonly sent = new Set<string>();

  constructor(readonly sensorPrefix: string) {}

  record(readings: readonly AckedReading[]): void {
    for (const reading of readings) {
      if (!reading.sensor_id.startsWith(this.sensorPrefix))
        throw new Error(`reading of ${reading.sensor_id} is outside the run's sensors`);
      this.acknowledgements++;
      const known = this.byId.get(reading.id);
      if (known === undefined) this.byId.set(reading.id, reading);
      else if (!sameReading(known, reading)) this.conflicts.push({ first: known, second: reading });
    }
  }

  markSent(ids: Iterable<string>): void {
    for (const id of ids) this.sent.add(id);
  }

  wasSent(id: string): boolean {
    return this.sent.has(id) || this.byId.has(id);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): AckedReading | undefined {
    return this.byId.get(id);
  }

  readings(): IterableIterator<AckedReading> {
    return this.byId.values();
  }

  /** The acknowledged readings of each sensor, in time order. */
  bySensor(): Map<string, AckedReading[]> {
    const out = new Map<string, AckedReading[]>();
    for (const reading of this.byId.values()) {
      const list = out.get(reading.sensor_id) ?? [];
      list.push(reading);
      out.set(reading.sensor_id, list);
    }
    for (const list of out.values()) list.sort((a, b) => a.timestamp_ms - b.timestamp_ms);
    return out;
  }

  /** One JSON line per reading, so a failed run can be checked again by hand. */
  save(file: string): void {
    const lines = [JSON.stringify({ sensorPrefix: this.sensorPrefix })];
    for (const reading of this.byId.values()) lines.push(JSON.stringify(reading));
    writeFileSync(file, `${lines.join('\n')}\n`);
  }

  static load(file: string): Ledger {
    const [head, ...rest] = readFileSync(file, 'utf8').trim().split('\n');
    const ledger = new Ledger((JSON.parse(head!) as { sensorPrefix: string }).sensorPrefix);
    ledger.record(rest.map((line) => JSON.parse(line) as AckedReading));
    return ledger;
  }
}

export function sameReading(a: AckedReading, b: AckedReading): boolean {
  return (
    a.id === b.id &&
    a.sensor_id === b.sensor_id &&
    a.timestamp_ms === b.timestamp_ms &&
    a.temperature === b.temperature &&
    a.pressure === b.pressure &&
    a.humidity === b.humidity
  );
}
