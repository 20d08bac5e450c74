import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.ts';
import { IMPORT_CHECKS } from '../facts/caps.ts';
import type { ImportSnapshot } from './importPlan.ts';
import { prepareImport, type ImportJob, type PreparedImport } from './prepareImport.ts';

/** An import to check; the server's snapshot is read only when its check starts, so a wait in line cannot make it stale. */
export interface ImportRequest {
  text: string;
  paragraphs: readonly string[];
  snapshot: () => ImportSnapshot;
}

export type ImportCheckLimits = { readonly [K in keyof typeof IMPORT_CHECKS]: number };

const BUSY = 'Other servers are importing facts right now. Nothing was imported; please try again in a minute.';

/**
 * Checks and plans imports (prepareImport) without holding up the bot: a small file in this
 * thread, anything larger in a worker thread of its own, at most `workers` at once, `waiting`
 * more in line (others are refused at once), each stopped after `timeoutMs`.
 */
export class ImportChecker {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limits: ImportCheckLimits = IMPORT_CHECKS) {}

  /** Checks under way in workers and imports waiting for one. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  /** UserError when too many imports are waiting or the check takes longer than the time limit. */
  async prepare(request: ImportRequest): Promise<PreparedImport> {
    const job = (): ImportJob => ({ text: request.text, paragraphs: request.paragraphs, snapshot: request.snapshot() });
    if (request.text.length <= this.limits.inlineBytes) return prepareImport(job());
    await this.acquire();
    try {
      return await runInWorker(job(), this.limits);
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.limits.workers) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.queue.length >= this.limits.waiting) return Promise.reject(new UserError(BUSY));
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    // The worker slot passes straight to the next import in line.
    if (next) next();
    else this.running -= 1;
  }
}

function runInWorker(job: ImportJob, limits: ImportCheckLimits): Promise<PreparedImport> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(job, limits.workerHeapMb);
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const seconds = limits.timeoutMs / 1000;
    const timer = setTimeout(
      () => settle(() => reject(new UserError(`Checking the file took more than ${seconds} seconds, so I stopped. Nothing was imported; try a smaller file.`))),
      limits.timeoutMs,
    );
    worker.once('message', (result: PreparedImport) => settle(() => resolve(result)));
    worker.once('error', (error) => settle(() => reject(error)));
    // After a result this is a no-op: a promise settles once.
    worker.once('exit', (code) => settle(() => reject(new Error(`The import check ended (exit code ${code}) without a result.`))));
  });
}

/** The worker's entry next to this file: importWorker.ts from the sources, importWorker.js from dist/. */
const ENTRY = new URL(`./importWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

function startWorker(job: ImportJob, heapMb: number): Worker {
  // No Node options from the parent: they are for the bot's thread, and some (--input-type) stop a worker from starting.
  const options = { workerData: job, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: heapMb } };
  if (ENTRY.pathname.endsWith('.js')) return new Worker(ENTRY, options);
  // From the sources (tsx, vitest): Node cannot load TypeScript, and a worker does not get tsx's
  // loader from its parent (Node 20), so the worker registers tsx before loading its entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(ENTRY.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}
