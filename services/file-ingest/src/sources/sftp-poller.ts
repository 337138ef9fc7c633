import {
  FileTooLargeError,
  type FileIntake,
  type Logger,
  type OpenSftpSession,
  type RemoteFile,
} from '@tributary/platform';
import { type SftpFileStore } from './sftp-file.store';

export interface SftpPollerOptions {
  /** Names the server in the memory of fetched files (host:port). */
  readonly server: string;
  readonly folders: readonly { readonly path: string; readonly dataset: string }[];
  readonly pollMs: number;
  readonly maxBytes: number;
}

/**
 * Polls the configured SFTP folders. A remote file is fetched once per version (path, size,
 * modification time), only after that version was seen unchanged on two polls, streamed into the
 * landing store (the raw archive) and queued; the version is remembered in Postgres only after
 * the job is queued, so a crash in between fetches it again rather than never.
 */
export class SftpPoller {
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private readonly seen = new Set<string>();
  /** Versions refused for good (too large): not fetched again by this process. */
  private readonly refused = new Set<string>();
  private readonly log: Logger;

  constructor(
    private readonly open: OpenSftpSession,
    private readonly intake: FileIntake,
    private readonly fetchedFiles: SftpFileStore,
    private readonly options: SftpPollerOptions,
    logger: Logger,
  ) {
    this.log = logger.child({ module: 'sftp-poller', server: options.server });
  }

  start(): void {
    this.timer = setInterval(() => {
      this.polling = this.polling.then(async () => {
        await this.poll();
      });
    }, this.options.pollMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
  }

  /** One pass over every folder; never throws (the next pass retries). Returns the jobs queued. */
  async poll(): Promise<string[]> {
    const queued: string[] = [];
    let session;
    try {
      session = await this.open();
    } catch (error) {
      this.log.warn({ err: error }, 'SFTP server unreachable; will retry');
      return queued;
    }
    try {
      const current = new Set<string>();
      for (const folder of this.options.folders) {
        for (const file of await session.listFiles(folder.path)) {
          const version = versionOf(file);
          current.add(version);
          if (!this.seen.has(version)) {
            this.seen.add(version); // take it next pass if it has not changed by then
            continue;
          }
          if (this.refused.has(version)) continue;
          if (await this.fetchedFiles.fetched(this.options.server, file)) continue;
          let job;
          try {
            job = await this.intake.receive({
              body: session.read(file.path),
              fileName: file.path,
              dataset: folder.dataset,
              source: 'sftp',
              maxBytes: this.options.maxBytes,
            });
          } catch (error) {
            if (!(error instanceof FileTooLargeError)) throw error;
            this.refused.add(version);
            this.log.error(
              { path: file.path, max_bytes: error.maxBytes },
              'SFTP file too large, skipped',
            );
            continue;
          }
          await this.fetchedFiles.remember(this.options.server, file, job.job_id);
          queued.push(job.job_id);
          this.log.info({ job_id: job.job_id, path: file.path }, 'SFTP file queued');
        }
      }
      for (const version of this.seen) if (!current.has(version)) this.seen.delete(version);
    } catch (error) {
      this.log.warn({ err: error }, 'SFTP poll failed; will retry');
    } finally {
      await session.end().catch(() => undefined);
    }
    return queued;
  }
}

const versionOf = (file: RemoteFile) =>
  `${file.path}\u0000${file.sizeBytes}\u0000${file.modifiedAt.getTime()}`;
