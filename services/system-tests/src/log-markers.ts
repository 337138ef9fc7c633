import { readFileSync } from 'node:fs';

/** The `msg` of each pino JSON line of a service's log, in order (other lines skipped). */
export function logMessages(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const msg = (JSON.parse(line) as { msg?: unknown }).msg;
      if (typeof msg === 'string') out.push(msg);
    } catch {
      // a line cut short by a SIGKILL
    }
  }
  return out;
}

/** The analytics-projector's markers around a held commit (PROJECTOR_FAULT_COMMIT_HOLD_MS). */
export const COMMIT_HELD = 'flush written; commit held';
export const COMMITTED = 'flush committed';

/** Whether the log's last commit marker says a flush wrote and its commit has not happened. */
export function inCommitWindow(file: string): boolean {
  const markers = logMessages(file).filter((m) => m === COMMIT_HELD || m === COMMITTED);
  return markers[markers.length - 1] === COMMIT_HELD;
}

/** Resolves once the log shows a flush written and its commit held; polls every 20 ms. */
export async function waitForCommitWindow(
  file: string,
  timeoutMs: number,
  stillWanted: () => boolean,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && stillWanted()) {
    if (inCommitWindow(file)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
