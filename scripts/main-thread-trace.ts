import type { Browser, Page } from '@playwright/test';

/** One task on the page's main thread: wall time, and the CPU time the thread itself spent. */
export interface MainThreadTask {
  /** Trace clock, ms. */
  start: number;
  wallMs: number;
  cpuMs: number;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frames?: { processId: number; isOutermostMainFrame?: boolean }[] } };
}

/**
 * Runs `action` under a Chromium trace and returns every task the page's main thread ran
 * meanwhile. Why a trace rather than the Long Tasks API: a long task is wall time, and on a
 * two-core machine the worker's inference and the GPU process's software compositing take the
 * CPU from the main thread, so a task of 12 ms of work shows up as 50 ms (measured here). The
 * trace's thread time (`tdur`) is the main thread's own work, which is what the app controls.
 * The e2e check asserts on it; `npm run bench` reports it beside the wall-time long tasks.
 */
export async function traceMainThread(browser: Browser, page: Page, action: () => Promise<unknown>): Promise<MainThreadTask[]> {
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
  const failed = await action().then(() => null, (e: unknown) => ({ e }));
  const trace = await browser.stopTracing(); // stopped either way, so the browser is left clean
  if (failed) throw failed.e;
  return mainThreadTasks(JSON.parse(trace.toString('utf8')));
}

/** The main-frame renderer's CrRendererMain RunTask events of a Chromium trace. */
export function mainThreadTasks(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): MainThreadTask[] {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const pid = started?.args?.data?.frames?.find((f) => f.isOutermostMainFrame)?.processId;
  if (pid === undefined) throw new Error('the trace names no main frame');
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error(`no CrRendererMain thread in renderer ${pid}`);
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.pid === pid && e.tid === main.tid);
  if (tasks.some((e) => e.tdur === undefined)) throw new Error('the trace has no thread times (tdur)');
  return tasks.map((e) => ({ start: e.ts / 1000, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
}
