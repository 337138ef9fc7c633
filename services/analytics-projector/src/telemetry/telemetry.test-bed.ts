import { uniqueName } from '@tributary/testing';
import { projectionTestBed, type ProjectionTestBed } from '../projection.test-bed';
import { type TelemetryTopics } from './telemetry.handler';

export interface TelemetryTestBed extends ProjectionTestBed {
  readonly topics: TelemetryTopics;
  readonly sensor: string;
}

/**
 * What a telemetry integration test runs against: a projection test bed over the telemetry
 * topics (the readings' batch twin too), and a sensor name of its own. Call inside `describe`; fields fill in `beforeAll`.
 */
export function telemetryTestBed(name: string): TelemetryTestBed {
  const bed = projectionTestBed(name, [
    'telemetry.readings',
    'telemetry.readings-batches',
    'telemetry.readings-corrected',
  ]);
  return Object.assign(bed, {
    topics: {
      recorded: bed.renamed('telemetry.readings'),
      recordedBatches: bed.renamed('telemetry.readings-batches'),
      corrected: bed.renamed('telemetry.readings-corrected'),
    },
    sensor: uniqueName('sensor'),
  });
}
