import { type Principal } from '../auth/account';
import {
  holdsPersonalData,
  maskRecord,
  readsPersonalData,
  visibleRejection,
} from '../privacy/personal-data';
import { type QualityReport } from './quality.dto';

/**
 * The report as the principal may see it: without `read:personal`, the personal fields of the
 * examples (keys and values looked at) are masked and rejected rows' raw text and quoted values
 * hidden. Counts and rates are aggregates and stay.
 */
export function visibleQualityReport(principal: Principal, report: QualityReport): QualityReport {
  if (readsPersonalData(principal)) return report;
  const { dataset } = report;
  const mask = <T extends object>(record: T): T =>
    holdsPersonalData(dataset) ? maskRecord(dataset, record) : record;
  const finding = <T extends { key: object; values: object }>(f: T): T => ({
    ...f,
    key: mask(f.key),
    values: mask(f.values),
  });
  return {
    ...report,
    duplicate_keys: {
      ...report.duplicate_keys,
      examples: report.duplicate_keys.examples.map((e) => ({ ...e, key: mask(e.key) })),
    },
    out_of_range: report.out_of_range.map((r) => ({ ...r, examples: r.examples.map(finding) })),
    orphans: report.orphans.map((o) => ({ ...o, examples: o.examples.map(finding) })),
    outliers: report.outliers.map((o) => ({ ...o, examples: o.examples.map(finding) })),
    rejections: {
      ...report.rejections,
      reasons: report.rejections.reasons.map((r) => ({
        ...r,
        examples: r.examples.map((e) => visibleRejection(principal, e)),
      })),
    },
  };
}
