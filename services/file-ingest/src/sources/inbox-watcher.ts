import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FileTooLargeError, type FileIntake, type Logger } from '@tributary/platform';

/** Names of files still being written by common tools, or hidden: never picked up. */
const IN_PROGRESS = /^\.|\.(part|partial|tmp|crdownload|download|filepart)$|~$/i;

export interface InboxOptions {
  readonly dir: string;
  readonly dataset: string;
  readonly pollMs: number;
  readonly maxBytes: number;
}

/**
 * Watches the inbox folder. A file is taken only once its size and modification time have not
 * changed between two polls (a file still being copied in is left alone), then moved into
 * `.processing/` (an atomic rename: of two replicas sharing the folder, one gets it), landed and
 * queued, and finally moved to `.done/` — or `.failed/` if it cannot be landed (too large).
 * Files left in `.processing/` by a crash are taken again first.
 */
export class InboxWatcher {
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private readonly seen = new Map<string, string>();
  private readonly log: Logger;

  constructor(
    private readonly intake: FileIntake,
    private readonly options: InboxOptions,
    logger: Logger,
  ) {
    this.log = logger.child({ module: 'inbox', dir: options.dir });
  }

  async start(): Promise<void> {
    for (const folder of ['.processing', '.done', '.failed'])
      await mkdir(join(this.options.dir, folder), { recursive: true });
    this.timer = setInterval(() => {
      this.polling = this.polling.then(() => this.poll());
    }, this.options.pollMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
  }

  /** One pass over the folder; never throws (a failing file is logged and retried next pass). */
  async poll(): Promise<void> {
    try {
      const processing = join(this.options.dir, '.processing');
      for (const name of await readdir(processing)) await this.take(join(processing, name), name);
      const stable: string[] = [];
      const current = new Set<string>();
      for (const entry of await readdir(this.options.dir, { withFileTypes: true })) {
        if (!entry.isFile() || IN_PROGRESS.test(entry.name)) continue;
        const info = await stat(join(this.options.dir, entry.name)).catch(() => undefined);
        if (!info) continue;
        const version = `${info.size}:${info.mtimeMs}`;
        current.add(entry.name);
        if (this.seen.get(entry.name) === version) stable.push(entry.name);
        else this.seen.set(entry.name, version);
      }
      for (const name of this.seen.keys()) if (!current.has(name)) this.seen.delete(name);
      for (const name of stable) {
        this.seen.delete(name);
        const claimed = join(processing, name);
        try {
          await rename(join(this.options.dir, name), claimed);
        } catch {
          continue; // another replica took it
        }
        await this.take(claimed, name);
      }
    } catch (error) {
      this.log.error({ err: error }, 'inbox poll failed');
    }
  }

  private async take(path: string, name: string): Promise<void> {
    try {
      const job = await this.intake.receive({
        body: createReadStream(path),
        fileName: name,
        dataset: this.options.dataset,
        source: 'inbox',
        maxBytes: this.options.maxBytes,
      });
      await rename(path, join(this.options.dir, '.done', `${job.job_id}-${name}`));
      this.log.info({ job_id: job.job_id, file: name }, 'inbox file queued');
    } catch (error) {
      if (error instanceof FileTooLargeError) {
        await rename(path, join(this.options.dir, '.failed', name)).catch(() => undefined);
        this.log.error(
          { file: name, max_bytes: error.maxBytes },
          'inbox file too large, moved to .failed',
        );
      } else this.log.warn({ err: error, file: name }, 'inbox file not queued yet; will retry');
    }
  }
}
