import { type Session } from '../api/client';

export interface PageContext {
  session: Session;
  navigate: (path: string) => void;
  main: HTMLElement;
}

/** Renders into `context.main`; returns what stops its timers when the page is left. */
export type Page = (context: PageContext, params: string[]) => (() => void) | void;

/** Polls `tick` until stopped, waiting for each tick before scheduling the next. */
export function poll(tick: () => Promise<boolean | void>, everyMs: number): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    if (stopped) return;
    let again: boolean | void = true;
    try {
      again = await tick();
    } catch {
      // Shown by the tick itself; polling goes on, so a passing outage heals by itself.
    }
    if (!stopped && again !== false) timer = setTimeout(run, everyMs);
  };
  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
