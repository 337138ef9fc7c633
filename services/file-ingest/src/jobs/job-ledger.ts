/** What the ledger says about a file (its dataset and bytes) when a job is about to read it. */
export type Claim = { outcome: 'run' } | { outcome: 'duplicate'; of: string };

/**
 * Remembers which files were ingested into which dataset, by checksum: a file whose bytes were
 * already ingested (or are being ingested by another job) is a duplicate. The row ids would make a
 * re-ingest change nothing anyway; the ledger saves the work and tells the user.
 */
export interface JobLedger {
  /** Claims (dataset, checksum) for `jobId`: `run` for the first job, and for a job re-run after a crash or failure. */
  claim(dataset: string, checksumSha256: string, jobId: string): Promise<Claim>;
  /** Records how the job ended; a failed job releases the file so that a later job may run it. */
  finish(dataset: string, checksumSha256: string, jobId: string, succeeded: boolean): Promise<void>;
}

export const JOB_LEDGER = Symbol('JOB_LEDGER');
