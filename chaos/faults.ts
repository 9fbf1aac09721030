import { setTimeout as sleep } from 'node:timers/promises';
import type { Server } from './servers.js';

/** mulberry32: a small seeded generator, so that a run's faults and load can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Processes {
  /** Names of the processes that may be killed (every service replica, print worker and gateway). */
  killable(): string[];
  kill(name: string): Promise<void>;
  start(name: string): void;
  /** The provincial stand-in: stop (graceful, it keeps what it accepted) and start again. */
  stopProvince(): Promise<void>;
  startProvince(): Promise<void>;
  setProvinceFailRate(rate: number): Promise<void>;
}

export interface FaultLog {
  at: number;
  what: string;
}

/**
 * The faults of one run, from a seed: a random process SIGKILLed every 3–7 s and started again
 * 0.5–2.5 s later; NATS, Redis and Postgres each restarted once (at 20, 40 and 60% of the run, in
 * a seeded order); the provincial stand-in failing 30% of posts throughout and gone for a minute
 * (a fifth of the run when that is shorter) from 30% of the run.
 */
export class Faults {
  readonly log: FaultLog[] = [];
  lastFaultEndedAt = 0;
  kills = 0;
  private stopped = false;

  constructor(
    private readonly processes: Processes,
    private readonly servers: Server[],
    private readonly random: () => number,
    private readonly durationMs: number,
    private readonly say: (line: string) => void,
  ) {}

  private note(what: string): void {
    this.log.push({ at: Date.now(), what });
    this.say(`[fault] ${what}`);
  }

  async run(): Promise<void> {
    const started = Date.now();
    const at = (fraction: number) => started + fraction * this.durationMs;
    await this.processes.setProvinceFailRate(0.3);
    this.note('province stand-in fails 30% of record posts');
    const order = [...this.servers].sort(() => this.random() - 0.5);
    const infra = order.map(async (server, k) => {
      await sleep(Math.max(0, at(0.2 * (k + 1)) - Date.now()));
      if (this.stopped) return;
      this.note(`restarting ${server.name}`);
      const detail = await server.restart(1000 + Math.floor(this.random() * 2000));
      this.note(`${server.name} back${detail ? `: ${detail}` : ''}`);
    });
    const outageMs = Math.min(60_000, 0.2 * this.durationMs);
    const outage = (async () => {
      await sleep(Math.max(0, at(0.3) - Date.now()));
      if (this.stopped) return;
      await this.processes.stopProvince();
      this.note(`province stand-in gone for ${Math.round(outageMs / 1000)} s`);
      await sleep(outageMs);
      await this.processes.startProvince();
      await this.processes.setProvinceFailRate(0.3);
      this.note('province stand-in back (still failing 30%)');
    })();
    const kills = (async () => {
      while (!this.stopped) {
        await sleep(3000 + this.random() * 4000);
        if (this.stopped) break;
        const names = this.processes.killable();
        const name = names[Math.floor(this.random() * names.length)]!;
        await this.processes.kill(name);
        this.kills++;
        this.note(`SIGKILL ${name}`);
        await sleep(500 + this.random() * 2000);
        this.processes.start(name);
      }
    })();
    await sleep(this.durationMs);
    this.stopped = true;
    await Promise.all([...infra, outage, kills]);
    await this.processes.setProvinceFailRate(0);
    this.note('faults over: stand-in answers every post');
    this.lastFaultEndedAt = Date.now();
  }
}
