import { execFile as execFileCb } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Answer, GatewayClient } from './client.js';
import { departmentOf, identityOf, ok, TERMS, type World } from './world.js';

const execFile = promisify(execFileCb);

export type Method = 'RECRUITING' | 'EMPLOYER_DIRECT' | 'QR_CARD';
export const METHODS: Method[] = ['RECRUITING', 'EMPLOYER_DIRECT', 'QR_CARD'];

/** What the load saw, for the invariants to compare with what the system holds. */
export interface Observed {
  /** Agreement ids answered 2xx to a signing (method 1: accepting the offer). */
  signed: Map<string, { graduate: number; method: Method }>;
  /** Signings whose answer was lost, found afterwards as the graduate's active agreement. */
  adopted: Map<string, { graduate: number; method: Method }>;
  /** Signing attempts per graduate (each may have created at most one agreement). */
  attempts: Map<number, number>;
  /** Verification tokens read off each downloaded PDF, by agreement. */
  tokens: Map<string, string[]>;
  terminated: Set<string>;
  stories: { started: number; completed: number; abandoned: number; reasons: Map<string, number> };
  steps: Map<string, number>;
}

export function newObserved(): Observed {
  return {
    signed: new Map(),
    adopted: new Map(),
    attempts: new Map(),
    tokens: new Map(),
    terminated: new Set(),
    stories: { started: 0, completed: 0, abandoned: 0, reasons: new Map() },
    steps: new Map(),
  };
}

const count = (o: Observed, step: string) => o.steps.set(step, (o.steps.get(step) ?? 0) + 1);
const futureIso = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const items = (body: any): any[] => (Array.isArray(body) ? body : (body?.items ?? []));

/**
 * One graduate's way through the system: bind, confirm, sign by a method, review (sometimes a
 * rejection and a new signing), the PDF downloaded and every copy verified, and for some a
 * termination and a re-signing. Every step tolerates a lost answer (the retry meets the state the
 * first attempt left).
 */
export class Story {
  private token = '';
  private readonly address: string;
  private employerTurn: number;
  private readonly agreements: string[] = [];

  constructor(
    private readonly i: number,
    private readonly world: World,
    private readonly client: GatewayClient,
    private readonly observed: Observed,
    private readonly random: () => number,
  ) {
    this.address = `198.18.${Math.floor(i / 250) % 256}.${(i % 250) + 1}`;
    this.employerTurn = i;
  }

  private call(
    method: string,
    path: string,
    options: Parameters<GatewayClient['call']>[2] = {},
  ): Promise<Answer> {
    return this.client.call(method, path, { clientAddress: this.address, ...options });
  }

  async run(): Promise<void> {
    await this.bind();
    const first = METHODS[Math.floor(this.random() * 3)]!;
    let agreementId = await this.sign(first);
    if (this.random() < 1 / 6) {
      await this.review(agreementId, 'REJECT');
      agreementId = await this.sign(this.otherMethod(first));
    }
    await this.review(agreementId, 'APPROVE');
    await this.printAndVerify(agreementId);
    if (this.random() < 1 / 4) {
      await this.terminate(agreementId);
      const again = await this.sign(METHODS[Math.floor(this.random() * 3)]!);
      await this.review(again, 'APPROVE');
      await this.printAndVerify(again);
    }
  }

  private otherMethod(m: Method): Method {
    return METHODS[(METHODS.indexOf(m) + 1 + Math.floor(this.random() * 2)) % 3]!;
  }

  private async bind(): Promise<void> {
    const identity = identityOf(this.i);
    const login = ok(
      await this.call('POST', '/api/auth/wechat/login', { body: { code: `code-chaos${this.i}` } }),
      'wechat login',
    );
    if (login.bound) {
      this.token = login.accessToken;
    } else {
      const bound = await this.call('POST', '/api/auth/wechat/bind', {
        token: login.accessToken,
        body: identity,
      });
      if (bound.status === 409 && bound.ambiguous) {
        this.token = ok(
          await this.call('POST', '/api/auth/wechat/login', {
            body: { code: `code-chaos${this.i}` },
          }),
          'wechat login again',
        ).accessToken;
      } else {
        this.token = ok(bound, 'bind').accessToken;
      }
    }
    const confirmed = await this.call('POST', '/api/me/source-info/confirmation', {
      token: this.token,
    });
    if (!(confirmed.status < 300 || confirmed.status === 409)) ok(confirmed, 'confirm source info');
    count(this.observed, 'bind');
  }

  private employer() {
    const e = this.world.employers[this.employerTurn++ % this.world.employers.length]!;
    return e;
  }

  /** Signs, returns the agreement id; waits while an earlier agreement is still being closed. */
  private async sign(method: Method): Promise<string> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      this.observed.attempts.set(this.i, (this.observed.attempts.get(this.i) ?? 0) + 1);
      const answer = await this.signOnce(method);
      if (answer.status >= 200 && answer.status < 300) {
        const id = (answer.body.id ?? answer.body.agreementId) as string;
        this.observed.signed.set(id, { graduate: this.i, method });
        this.agreements.push(id);
        count(this.observed, `sign ${method}`);
        return id;
      }
      if (
        method === 'RECRUITING' &&
        answer.status === 409 &&
        answer.ambiguous &&
        answer.body?.code === 'INVALID_STATE'
      ) {
        // A retried offer acceptance whose first attempt's answer was lost: "签约通知已处理" because
        // that attempt signed. Adopt the agreement it made, as for a direct signing below.
        for (const until = Date.now() + 30_000; Date.now() < until; await sleep(500)) {
          const active = await this.activeAgreement();
          if (active && !this.agreements.includes(active)) {
            this.observed.adopted.set(active, { graduate: this.i, method });
            this.agreements.push(active);
            return active;
          }
        }
      }
      if (answer.status === 409 && answer.body?.code === 'GRADUATE_NOT_AVAILABLE') {
        // Either our own lost answer signed already, or the previous agreement's rejection or
        // termination has not reached signing yet.
        const active = await this.activeAgreement();
        if (active && !this.agreements.includes(active)) {
          this.observed.adopted.set(active, { graduate: this.i, method });
          this.agreements.push(active);
          return active;
        }
        if (Date.now() < deadline) {
          await sleep(500);
          continue;
        }
      }
      ok(answer, `sign ${method}`);
    }
  }

  private async activeAgreement(): Promise<string | undefined> {
    const list = items(
      ok(
        await this.call('GET', '/api/agreements?pageSize=50', { token: this.token }),
        'own agreements',
      ),
    );
    return list.find((a) => a.status === 'PENDING_REVIEW' || a.status === 'APPROVED')?.id as
      string | undefined;
  }

  private async signOnce(method: Method): Promise<Answer> {
    const e = this.employer();
    const identity = identityOf(this.i);
    if (method === 'EMPLOYER_DIRECT') {
      return this.call('POST', '/api/agreements', {
        token: e.token,
        body: { positionId: e.positionId, graduate: identity, terms: TERMS },
      });
    }
    if (method === 'QR_CARD') {
      const card = ok(await this.call('POST', '/api/me/qr-card', { token: this.token }), 'qr card');
      return this.call('POST', `/api/qr-cards/${card.token}/agreements`, {
        token: e.token,
        body: { positionId: e.positionId, terms: TERMS },
      });
    }
    const resume = await this.call('PUT', '/api/me/resume', {
      token: this.token,
      body: { summary: '热爱后端开发', skills: ['Node.js', 'PostgreSQL'] },
    });
    ok(resume, 'resume');
    let application = await this.call('POST', `/api/positions/${e.positionId}/applications`, {
      token: this.token,
    });
    if (application.status === 409) {
      const mine = items(
        ok(
          await this.call('GET', '/api/applications?pageSize=100', { token: this.token }),
          'own applications',
        ),
      );
      application = {
        status: 200,
        ambiguous: false,
        body: mine.find((a) => a.positionId === e.positionId),
      };
    }
    const applicationId = ok(application, 'application').id as string;
    const invitation = await this.call(
      'POST',
      `/api/applications/${applicationId}/interview-invitations`,
      {
        token: e.token,
        body: {
          at: futureIso(48),
          place: '合肥市高新区 B3 栋',
          note: '带简历',
          respondBy: futureIso(24),
        },
      },
    );
    const invitationId =
      invitation.status === 409
        ? items(
            ok(
              await this.call('GET', '/api/interview-invitations?pageSize=100', {
                token: this.token,
              }),
              'invitations',
            ),
          ).find((x) => x.applicationId === applicationId && x.status !== 'WITHDRAWN')?.id
        : ok(invitation, 'invitation').id;
    const response = await this.call(
      'POST',
      `/api/interview-invitations/${invitationId}/response`,
      { token: this.token, body: { accept: true } },
    );
    if (!(response.status < 300 || (response.status === 409 && response.ambiguous)))
      ok(response, 'invitation response');
    const result = await this.call('POST', `/api/interview-invitations/${invitationId}/result`, {
      token: e.token,
      body: {
        passed: true,
        offer: { positionId: e.positionId, terms: TERMS, expiresAt: futureIso(72) },
      },
    });
    const offerId =
      result.status === 409
        ? items(
            ok(
              await this.call('GET', '/api/signing-offers?pageSize=100', { token: this.token }),
              'offers',
            ),
          ).find((o) => o.status === 'SENT')?.id
        : ok(result, 'interview result').offer.id;
    return this.call('POST', `/api/signing-offers/${offerId}/response`, {
      token: this.token,
      body: { accept: true },
    });
  }

  /** A department reviewer decides as soon as the task reaches review. */
  private async review(agreementId: string, decision: 'APPROVE' | 'REJECT'): Promise<void> {
    const token = this.world.reviewer[departmentOf(this.i)]!;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const body =
        decision === 'APPROVE'
          ? { decision }
          : { decision, reason: '岗位信息与简历不符，请核对后重新签约' };
      const answer = await this.call('POST', `/api/agreements/${agreementId}/review`, {
        token,
        body,
      });
      if (answer.status < 300) break;
      if (answer.status === 409 && answer.ambiguous) {
        const status = ok(
          await this.call('GET', `/api/agreements/${agreementId}`, { token }),
          'agreement',
        ).status;
        if (status === (decision === 'APPROVE' ? 'APPROVED' : 'REJECTED')) break;
      }
      // The review task is opened by an event: until it arrives the decision has nothing to act on.
      if ((answer.status === 404 || answer.status === 409) && Date.now() < deadline) {
        await sleep(500);
        continue;
      }
      ok(answer, `review ${decision}`);
    }
    count(this.observed, `review ${decision}`);
  }

  /** Waits for the PDF, reads the three QR codes off it and verifies each copy. */
  private async printAndVerify(agreementId: string): Promise<void> {
    const pdf = await this.waitForPdf(agreementId);
    const tokens = await qrTokens(pdf);
    if (tokens.length !== 3)
      throw new Error(`PDF of ${agreementId}: ${tokens.length} QR codes, expected 3`);
    for (const t of tokens) {
      const v = ok(await this.call('GET', `/api/verify/${t}`), 'verify');
      if (v.genuine !== true)
        throw new Error(`copy of ${agreementId} does not verify: ${JSON.stringify(v)}`);
    }
    this.observed.tokens.set(agreementId, tokens);
    count(this.observed, 'pdf verified');
  }

  private async waitForPdf(agreementId: string): Promise<Buffer> {
    const deadline = Date.now() + 240_000;
    for (;;) {
      const answer = await this.call('GET', `/api/agreements/${agreementId}/pdf`, {
        token: this.token,
        raw: true,
      });
      if (answer.status === 200) return answer.body as Buffer;
      // 202 RENDERING, or 409 NOT_PRINTABLE while the approval is still on its way to printing.
      if ((answer.status === 202 || answer.status === 409) && Date.now() < deadline) {
        await sleep(1000);
        continue;
      }
      ok(answer, 'pdf');
    }
  }

  private async terminate(agreementId: string): Promise<void> {
    const applied = await this.call('POST', '/api/terminations', {
      token: this.token,
      form: () => {
        const form = new FormData();
        form.append('agreementId', agreementId);
        form.append('reason', '个人原因，单位同意解约');
        form.append(
          'materials',
          new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n% termination letter\n%%EOF\n'))], {
            type: 'application/pdf',
          }),
          '解约函.pdf',
        );
        return form;
      },
    });
    let terminationId: string;
    if (applied.status === 409) {
      const mine = items(
        ok(
          await this.call('GET', '/api/terminations?pageSize=100', { token: this.token }),
          'own terminations',
        ),
      );
      terminationId = mine.find((t) => t.agreementId === agreementId && t.status === 'PENDING')?.id;
      if (!terminationId) ok(applied, 'termination');
    } else {
      terminationId = ok(applied, 'termination').id;
    }
    const counsellor = this.world.counsellor[departmentOf(this.i)]!;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const decided = await this.call('POST', `/api/terminations/${terminationId}/decision`, {
        token: counsellor,
        body: { decision: 'AGREE', reason: '材料齐全，同意解约' },
      });
      if (decided.status < 300 || (decided.status === 409 && decided.ambiguous)) break;
      if (decided.status === 404 && Date.now() < deadline) {
        await sleep(500);
        continue;
      }
      ok(decided, 'termination decision');
    }
    this.observed.terminated.add(agreementId);
    count(this.observed, 'terminate');
  }
}

/** The verification tokens in a PDF's QR codes (pdftoppm + zbarimg, as a phone would read them). */
export async function qrTokens(pdf: Buffer): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'netsign-chaos-qr-'));
  try {
    const file = join(dir, 'a.pdf');
    await writeFile(file, pdf);
    await execFile('pdftoppm', ['-r', '150', '-png', file, join(dir, 'page')]);
    const urls: string[] = [];
    for (const png of (await readdir(dir)).filter((f) => f.endsWith('.png')).sort()) {
      const { stdout } = await execFile('zbarimg', [
        '--quiet',
        '--raw',
        '-Sdisable',
        '-Sqrcode.enable',
        join(dir, png),
      ]).catch(() => ({ stdout: '' }));
      urls.push(...stdout.trim().split('\n').filter(Boolean));
    }
    return urls.map((u) => new URL(u).pathname.split('/').pop()!);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
