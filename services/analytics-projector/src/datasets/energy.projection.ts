import { type TributaryEnergy } from '@tributary/contracts';
import { date, dateTime, finite } from '../row-values';

/**
 * A row of energy_alerts. Its columns are what the gateway reads (with FINAL), exactly: the
 * alert's job is its source reference, and it was raised when Tributary ingested it.
 */
export interface EnergyAlertRow {
  event_id: string;
  user_id: string;
  date: string;
  usage_kwh: number;
  threshold_kwh: number;
  usage_event_id: string;
  job_id: string;
  raised_at: string;
}

export function energyAlertRow(event: TributaryEnergy.ThresholdAlertRaised): EnergyAlertRow {
  return {
    event_id: event.metadata.event_id,
    user_id: event.user_id,
    date: date('date', event.date),
    usage_kwh: finite('usage_kwh', event.usage_kwh),
    threshold_kwh: finite('threshold_kwh', event.threshold_kwh),
    usage_event_id: event.usage_event_id,
    job_id: event.metadata.source.reference ?? '',
    raised_at: dateTime('metadata.ingested_at', event.metadata.ingested_at),
  };
}
