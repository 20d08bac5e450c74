import type { Fact, Topic } from './schema.ts';

/** The facts one server sees, in a stable order, with lookups the commands need. */
export class FactBase {
  private readonly byId: Map<string, Fact>;

  constructor(readonly facts: readonly Fact[]) {
    this.byId = new Map(facts.map((fact) => [fact.id, fact]));
  }

  get size(): number {
    return this.facts.length;
  }

  get(id: string): Fact | undefined {
    return this.byId.get(id);
  }

  byTopic(topic: Topic): Fact[] {
    return this.facts.filter((fact) => fact.topic === topic);
  }

  /** Dated facts in the order they happened; undated ones are left out. */
  timeline(topic?: Topic): Fact[] {
    return this.facts
      .filter((fact) => fact.date !== undefined && (topic === undefined || fact.topic === topic))
      .sort((a, b) => a.date!.sort.localeCompare(b.date!.sort));
  }

  /** The fact's own related ids first, then others on its topic; never the fact itself. */
  related(fact: Fact, limit = 3): Fact[] {
    const ids = [...fact.related, ...this.byTopic(fact.topic).map((f) => f.id)];
    const out: Fact[] = [];
    for (const id of new Set(ids)) {
      const found = this.byId.get(id);
      if (found && found.id !== fact.id) out.push(found);
      if (out.length >= limit) break;
    }
    return out;
  }
}
