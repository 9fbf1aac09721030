import { readFile, rename, writeFile } from 'node:fs/promises';
import { graduateKeyOf, type DispatchRecordBody } from './record-schema.js';

/** Switches that make the stand-in misbehave the way a real upstream does. */
export interface Faults {
  /** Answer the next N record posts with `failStatus` (and do nothing else). */
  failFirst: number;
  failStatus: number;
  /** Wait this long before handling each record post (a slow province). */
  delayMs: number;
  /** Close the connection of the next N posts before handling them (request lost). */
  dropConnections: number;
  /** Accept the next N posts, then close the connection unanswered (answer lost). */
  dropResponses: number;
  /** Answer the next N well-signed, valid posts 422. */
  rejectNext: number;
  /** Answer this share (0–1) of record posts with `failStatus`, at random (a flaky province). */
  failRate: number;
}

export const NO_FAULTS: Faults = {
  failFirst: 0,
  failStatus: 503,
  delayMs: 0,
  dropConnections: 0,
  dropResponses: 0,
  rejectNext: 0,
  failRate: 0,
};

export interface AcceptedRecord {
  record: DispatchRecordBody;
  acceptedAt: string;
}

export interface StandinStats {
  requests: number;
  accepted: number;
  duplicates: number;
  /** Repeats of a recordId whose body differed from the accepted one (answered 2xx all the same). */
  duplicatesWithOtherBody: number;
  /** Answers by status for everything that was not accepted (injected faults included). */
  refused: Record<string, number>;
  droppedConnections: number;
  droppedResponses: number;
  /** Posts for a graduate that arrived while another post for the same graduate was in hand. */
  overlappingPerGraduate: number;
}

const emptyStats = (): StandinStats => ({
  requests: 0,
  accepted: 0,
  duplicates: 0,
  duplicatesWithOtherBody: 0,
  refused: {},
  droppedConnections: 0,
  droppedResponses: 0,
  overlappingPerGraduate: 0,
});

/**
 * What the province has accepted, in arrival order, plus the per-graduate last sequence that
 * enforces order. Kept in memory; optionally mirrored to a JSON file so a restart keeps it.
 */
export class StandinState {
  accepted: AcceptedRecord[] = [];
  faults: Faults = { ...NO_FAULTS };
  stats: StandinStats = emptyStats();
  private readonly byId = new Map<string, { entry: AcceptedRecord; raw: string }>();
  private readonly lastSequence = new Map<string, number>();
  readonly inHand = new Map<string, number>();
  /** Bumped by every reset: a post that arrived before it must not count in the world after it. */
  generation = 0;
  private saving: Promise<void> | null = null;
  private dirty = false;

  constructor(private readonly dataFile?: string) {}

  async load(): Promise<void> {
    if (!this.dataFile) return;
    const text = await readFile(this.dataFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (text === null) return;
    const saved = JSON.parse(text) as { accepted: AcceptedRecord[] };
    for (const entry of saved.accepted) this.remember(entry, JSON.stringify(entry.record));
  }

  find(recordId: string): { entry: AcceptedRecord; raw: string } | undefined {
    return this.byId.get(recordId);
  }

  lastSequenceOf(graduateKey: string): number {
    return this.lastSequence.get(graduateKey) ?? 0;
  }

  graduates(): Array<{ graduateKey: string; lastSequence: number }> {
    return [...this.lastSequence].map(([graduateKey, lastSequence]) => ({
      graduateKey,
      lastSequence,
    }));
  }

  recordsOf(graduateKey: string): AcceptedRecord[] {
    return this.accepted.filter((a) => graduateKeyOf(a.record) === graduateKey);
  }

  accept(record: DispatchRecordBody, raw: string): AcceptedRecord {
    const entry = { record, acceptedAt: new Date().toISOString() };
    this.remember(entry, raw);
    this.stats.accepted++;
    this.persist();
    return entry;
  }

  refuse(status: number): void {
    this.stats.refused[status] = (this.stats.refused[status] ?? 0) + 1;
  }

  /** True for a `failRate` share of calls. */
  flaky(random: () => number = Math.random): boolean {
    return this.faults.failRate > 0 && random() < this.faults.failRate;
  }

  /** Uses up one unit of a counted fault; true if it applies to this request. */
  take(fault: 'failFirst' | 'dropConnections' | 'dropResponses' | 'rejectNext'): boolean {
    if (this.faults[fault] <= 0) return false;
    this.faults[fault]--;
    return true;
  }

  reset(): void {
    this.generation++;
    this.inHand.clear();
    this.accepted = [];
    this.byId.clear();
    this.lastSequence.clear();
    this.faults = { ...NO_FAULTS };
    this.stats = emptyStats();
    this.persist();
  }

  /** Waits for the file to hold everything accepted so far. */
  async flush(): Promise<void> {
    while (this.saving) await this.saving;
  }

  private remember(entry: AcceptedRecord, raw: string): void {
    this.accepted.push(entry);
    this.byId.set(entry.record.recordId, { entry, raw });
    this.lastSequence.set(graduateKeyOf(entry.record), entry.record.graduateSequence);
  }

  /** Coalesces writes: one in progress, at most one more queued; write-then-rename is atomic. */
  private persist(): void {
    if (!this.dataFile) return;
    if (this.saving) {
      this.dirty = true;
      return;
    }
    const file = this.dataFile;
    this.saving = (async () => {
      do {
        this.dirty = false;
        const tmp = `${file}.tmp`;
        await writeFile(tmp, JSON.stringify({ accepted: this.accepted }));
        await rename(tmp, file);
      } while (this.dirty);
    })()
      .catch((err: unknown) => {
        process.stderr.write(`province stand-in: cannot save: ${String(err)}\n`);
      })
      .finally(() => {
        this.saving = null;
      });
  }
}
