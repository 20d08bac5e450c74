import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Outcome = 'ok' | 'user_error' | 'error';

/** The bot's Prometheus metrics, on a registry of its own (several bots in one test process stay apart). */
export class Metrics {
  readonly registry = new Registry();

  private readonly interactions = new Counter({
    name: 'factbot_interactions_total',
    help: 'Interactions handled, by command (or component family; `unknown` for any the bot does not know) and outcome.',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly latency = new Histogram({
    name: 'factbot_interaction_duration_seconds',
    help: 'Time from receiving an interaction to finishing its handler.',
    labelNames: ['command'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });

  private readonly unanswered = new Counter({
    name: 'factbot_unanswered_questions_total',
    help: 'Questions the article could not answer.',
    registers: [this.registry],
  });

  private readonly reconnects = new Counter({
    name: 'factbot_gateway_reconnects_total',
    help: 'Gateway reconnections (resumed or re-identified).',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'factbot_' });
  }

  /**
   * Report how many entries a bounded in-memory structure holds, read when /metrics is scraped:
   * `trackSize('quizzes_running_entries', 'Quizzes running now.', () => quizzes.sizes.running)` serves
   * factbot_quizzes_running_entries. One name per structure; registering a name twice throws.
   */
  trackSize(name: string, help: string, size: () => number): void {
    new Gauge({
      name: `factbot_${name}`,
      help,
      registers: [this.registry],
      collect() {
        this.set(size());
      },
    });
  }

  interaction(command: string, outcome: Outcome, seconds: number): void {
    this.interactions.inc({ command, outcome });
    this.latency.observe({ command }, seconds);
  }

  unansweredQuestion(): void {
    this.unanswered.inc();
  }

  gatewayReconnect(): void {
    this.reconnects.inc();
  }
}
