import { type AuditEntry, type AuditFilter, type AuditLog, type AuditRecord } from './audit-log';

/** The AuditLog port in memory, for unit tests: the entries as recorded, in order. */
export class InMemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];

  record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
    return Promise.resolve();
  }

  list(filter: AuditFilter, before: string | null, limit: number): Promise<AuditRecord[]> {
    const records = this.entries.map((entry, index): AuditRecord => ({
      id: String(index + 1),
      at: new Date(0),
      actorApiKeyId: null,
      email: null,
      clientIp: null,
      detail: {},
      ...entry,
    }));
    return Promise.resolve(
      records
        .filter((r) => !filter.action || r.action === filter.action)
        .filter((r) => before === null || Number(r.id) < Number(before))
        .reverse()
        .slice(0, limit),
    );
  }
}
