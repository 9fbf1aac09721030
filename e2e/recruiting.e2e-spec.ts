import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventProbe, waitFor } from '@netsign/testing';
import { OfferExpirySweep } from '../apps/recruiting/src/modules/offers/offer-expiry.js';
import {
  startSigningWorld,
  TERMS,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './support/signing-world.js';
import { documentChecker } from './support/openapi-conformance.js';

/** Method 1 end to end: position → resume → application → interview → result + offer → accept signs. */
describe('campus recruiting and method 1 through the gateway', () => {
  let w: SigningWorld;
  let acme: Employer;
  let other: Employer;
  let g: Graduate;
  let probe: EventProbe;
  const t = (e: { token: string }) => e.token;
  const future = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

  beforeAll(async () => {
    w = await startSigningWorld('recruiting', 6);
    probe = await EventProbe.start(w.p.env.vars['NATS_URL']!, w.p.env.busPrefix, 'recruiting');
    acme = await w.employer(11, true);
    other = await w.employer(12, false);
    g = await w.graduate(1);
  }, 120_000);
  afterAll(async () => {
    await probe?.stop();
    await w?.close();
  });

  it('lists and searches positions for anyone signed in; only employers create them', async () => {
    expect(
      (
        await w.p.http('POST', '/api/positions', {
          token: t(g),
          body: { title: 'x', location: 'y', headcount: 1 },
        })
      ).status,
    ).toBe(403);
    const bad = await w.p.http('POST', '/api/positions', {
      token: t(acme),
      body: { title: '', location: 'y', headcount: 0 },
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const list = await w.p.http('GET', '/api/positions?pageSize=1', { token: t(g) });
    expect(list.body).toMatchObject({
      total: 2,
      items: [expect.objectContaining({ status: 'OPEN' })],
    });
    const found = await w.p.http('GET', `/api/positions?q=${encodeURIComponent('工程师-11')}`, {
      token: t(g),
    });
    expect(found.body).toMatchObject({
      total: 1,
      items: [{ id: acme.positionId, employerId: acme.employerId }],
    });
    expect((await w.p.http('GET', '/api/positions')).status).toBe(401);
  });

  it('runs method 1 to a PENDING_REVIEW agreement and marks the offer ACCEPTED', async () => {
    const noResume = await w.p.http('POST', `/api/positions/${acme.positionId}/applications`, {
      token: t(g),
    });
    expect([noResume.status, noResume.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      (
        await w.p.http('PUT', '/api/me/resume', {
          token: t(g),
          body: { summary: '热爱后端', skills: ['Node.js', 'Postgres'] },
        })
      ).status,
    ).toBe(200);
    const app = await w.p.http('POST', `/api/positions/${acme.positionId}/applications`, {
      token: t(g),
    });
    expect(app.status).toBe(201);
    expect(app.body).toMatchObject({
      status: 'SUBMITTED',
      resume: { skills: ['Node.js', 'Postgres'] },
    });
    expect(
      (await w.p.http('POST', `/api/positions/${acme.positionId}/applications`, { token: t(g) }))
        .body.code,
    ).toBe('CONFLICT');
    // The employer reads who applied (as the roster had them), not only an id.
    expect((await w.p.http('GET', '/api/applications', { token: t(acme) })).body).toMatchObject({
      total: 1,
      items: [
        {
          id: app.body.id,
          graduateId: g.graduateId,
          applicant: { name: g.identity.name, major: '软件工程', degree: expect.any(String) },
        },
      ],
    });
    expect((await w.p.http('GET', '/api/applications', { token: t(other) })).body).toEqual({
      total: 0,
      items: [],
    });
    expect((await w.p.http('GET', '/api/applications', { token: t(g) })).body.total).toBe(1);

    const inviteBody = {
      at: future(48),
      place: '合肥市高新区 B3 栋',
      note: '带简历',
      respondBy: future(24),
    };
    expect(
      (
        await w.p.http('POST', `/api/applications/${app.body.id}/interview-invitations`, {
          token: t(other),
          body: inviteBody,
        })
      ).status,
    ).toBe(404);
    const first = await w.p.http('POST', `/api/applications/${app.body.id}/interview-invitations`, {
      token: t(acme),
      body: inviteBody,
    });
    expect(first.body).toMatchObject({ status: 'SENT', place: inviteBody.place });
    expect(
      (
        await w.p.http('POST', `/api/applications/${app.body.id}/interview-invitations`, {
          token: t(acme),
          body: inviteBody,
        })
      ).body.code,
    ).toBe('INVALID_STATE');
    expect(
      (
        await w.p.http('POST', `/api/interview-invitations/${first.body.id}/withdrawal`, {
          token: t(acme),
        })
      ).body.status,
    ).toBe('WITHDRAWN');
    expect(
      (
        await w.p.http('POST', `/api/interview-invitations/${first.body.id}/response`, {
          token: t(g),
          body: { accept: true },
        })
      ).body.code,
    ).toBe('INVALID_STATE');

    const invite = (
      await w.p.http('POST', `/api/applications/${app.body.id}/interview-invitations`, {
        token: t(acme),
        body: inviteBody,
      })
    ).body;
    expect((await w.p.http('GET', '/api/interview-invitations', { token: t(g) })).body.total).toBe(
      2,
    );
    expect(
      (
        await w.p.http('POST', `/api/interview-invitations/${invite.id}/response`, {
          token: t(g),
          body: { accept: true },
        })
      ).body.status,
    ).toBe('ACCEPTED');
    expect(
      (
        await w.p.http('POST', `/api/interview-invitations/${invite.id}/withdrawal`, {
          token: t(acme),
        })
      ).body.code,
    ).toBe('INVALID_STATE');

    const result = await w.p.http('POST', `/api/interview-invitations/${invite.id}/result`, {
      token: t(acme),
      body: {
        passed: true,
        offer: { positionId: acme.positionId, terms: TERMS, expiresAt: future(72) },
      },
    });
    expect(result.status).toBe(201);
    expect(result.body).toEqual({
      id: invite.id,
      passed: true,
      offer: { id: expect.any(String), status: 'SENT' },
    });
    const offerId = result.body.offer.id as string;
    expect((await w.p.http('GET', '/api/signing-offers', { token: t(g) })).body).toMatchObject({
      total: 1,
      items: [{ id: offerId, status: 'SENT', terms: TERMS }],
    });
    expect((await w.p.http('GET', '/api/signing-offers', { token: t(other) })).body.total).toBe(0);

    const signed = await w.p.http('POST', `/api/signing-offers/${offerId}/response`, {
      token: t(g),
      body: { accept: true },
    });
    expect(signed.status).toBe(201);
    expect(signed.body).toEqual({
      agreementId: expect.any(String),
      agreementNo: expect.stringMatching(/^20\d\d-10357-\d{6}$/),
      status: 'PENDING_REVIEW',
      method: 'RECRUITING',
    });
    const offer = await waitFor(async () => {
      const o = (await w.p.http('GET', '/api/signing-offers', { token: t(acme) })).body.items[0];
      return o.status === 'ACCEPTED' && o;
    });
    expect(offer.agreementId).toBe(signed.body.agreementId);
    const again = await w.p.http('POST', `/api/signing-offers/${offerId}/response`, {
      token: t(g),
      body: { accept: true },
    });
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_STATE']);
    const listed = await w.p.http('GET', '/api/agreements?method=RECRUITING', { token: t(g) });
    expect(listed.body).toMatchObject({
      total: 1,
      items: [
        {
          id: signed.body.agreementId,
          status: 'PENDING_REVIEW',
          method: 'RECRUITING',
          position: { positionId: acme.positionId },
        },
      ],
    });
    const types = await waitFor(() => {
      const seen = probe.events.map((e) => e.type);
      return seen.includes('recruiting.signing-offer.accepted') && seen;
    });
    expect(types).toEqual(
      expect.arrayContaining([
        'recruiting.application.submitted',
        'recruiting.interview-invitation.sent',
        'recruiting.interview-invitation.withdrawn',
        'recruiting.interview-invitation.responded',
        'recruiting.interview-invitation.result-recorded',
        'recruiting.signing-offer.sent',
      ]),
    );
  });

  it('a failed signing leaves the offer open; declining closes it; an offer needs the superior authority', async () => {
    const g2 = await w.graduate(2);
    await w.p.http('PUT', '/api/me/resume', { token: t(g2), body: { summary: '法学' } });
    const app = (
      await w.p.http('POST', `/api/positions/${other.positionId}/applications`, { token: t(g2) })
    ).body;
    const invite = (
      await w.p.http('POST', `/api/applications/${app.id}/interview-invitations`, {
        token: t(other),
        body: { at: future(1), place: '线上' },
      })
    ).body;
    await w.p.http('POST', `/api/interview-invitations/${invite.id}/response`, {
      token: t(g2),
      body: { accept: true },
    });
    const noAuthority = await w.p.http('POST', `/api/interview-invitations/${invite.id}/result`, {
      token: t(other),
      body: {
        passed: true,
        offer: { positionId: other.positionId, terms: { ...TERMS, superiorAuthority: null } },
      },
    });
    expect([noAuthority.status, noAuthority.body.details?.fields?.[0]?.field]).toEqual([
      400,
      'offer.terms.superiorAuthority',
    ]);
    const offerId = (
      await w.p.http('POST', `/api/interview-invitations/${invite.id}/result`, {
        token: t(other),
        body: { passed: true, offer: { positionId: other.positionId, terms: TERMS } },
      })
    ).body.offer.id as string;

    // g2 signs elsewhere first (method 2): accepting the offer fails and the offer stays SENT.
    expect(
      (
        await w.p.http('POST', '/api/agreements', {
          token: t(acme),
          body: { positionId: acme.positionId, graduate: g2.identity, terms: TERMS },
        })
      ).status,
    ).toBe(201);
    const refused = await w.p.http('POST', `/api/signing-offers/${offerId}/response`, {
      token: t(g2),
      body: { accept: true },
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'GRADUATE_NOT_AVAILABLE']);
    expect(
      (await w.p.http('GET', '/api/signing-offers?status=SENT', { token: t(g2) })).body.items[0].id,
    ).toBe(offerId);
    expect(
      (
        await w.p.http('POST', `/api/signing-offers/${offerId}/response`, {
          token: t(g),
          body: { accept: false },
        })
      ).status,
    ).toBe(404);
    const declined = await w.p.http('POST', `/api/signing-offers/${offerId}/response`, {
      token: t(g2),
      body: { accept: false },
    });
    expect(declined.body).toMatchObject({ id: offerId, status: 'DECLINED' });
  });

  it('tells the other party at every step; an offer left unanswered expires and both are told', async () => {
    const g3 = await w.graduate(3);
    const kinds = async (token: string) =>
      (await w.p.http('GET', '/api/me/notifications?pageSize=100', { token })).body.items as Array<{
        kind: string;
        data: Record<string, unknown>;
      }>;
    const eventually = (
      token: string,
      kind: string,
      match: (d: Record<string, unknown>) => boolean,
    ) =>
      waitFor(async () => (await kinds(token)).find((n) => n.kind === kind && match(n.data)), {
        what: `${kind} notification`,
      });

    await w.p.http('PUT', '/api/me/resume', { token: t(g3), body: { summary: '数据工程' } });
    const app = (
      await w.p.http('POST', `/api/positions/${acme.positionId}/applications`, { token: t(g3) })
    ).body;
    await eventually(t(acme), 'APPLICATION_SUBMITTED', (d) => d['applicationId'] === app.id);

    const first = (
      await w.p.http('POST', `/api/applications/${app.id}/interview-invitations`, {
        token: t(acme),
        body: { at: future(24), place: '线上' },
      })
    ).body;
    await w.p.http('POST', `/api/interview-invitations/${first.id}/withdrawal`, { token: t(acme) });
    await eventually(t(g3), 'INTERVIEW_WITHDRAWN', (d) => d['invitationId'] === first.id);
    const invite = (
      await w.p.http('POST', `/api/applications/${app.id}/interview-invitations`, {
        token: t(acme),
        body: { at: future(24), place: '线上' },
      })
    ).body;
    await w.p.http('POST', `/api/interview-invitations/${invite.id}/response`, {
      token: t(g3),
      body: { accept: true },
    });
    await eventually(t(acme), 'INTERVIEW_ACCEPTED', (d) => d['invitationId'] === invite.id);

    const offerId = (
      await w.p.http('POST', `/api/interview-invitations/${invite.id}/result`, {
        token: t(acme),
        body: {
          passed: true,
          offer: { positionId: acme.positionId, terms: TERMS, expiresAt: future(1) },
        },
      })
    ).body.offer.id as string;
    await eventually(t(g3), 'SIGNING_OFFER', (d) => d['offerId'] === offerId);

    // An hour later the sweep finds it unanswered: EXPIRED, recorded once, both parties told.
    const sweep = w.p.services.get('recruiting')!.app.get(OfferExpirySweep);
    const later = new Date(Date.now() + 2 * 3600_000);
    expect(await sweep.sweep(later)).toBeGreaterThanOrEqual(1);
    expect(await sweep.sweep(later)).toBe(0);
    await eventually(t(g3), 'SIGNING_OFFER_EXPIRED', (d) => d['offerId'] === offerId);
    await eventually(t(acme), 'SIGNING_OFFER_EXPIRED', (d) => d['offerId'] === offerId);
    expect(
      (
        await w.p.http('GET', '/api/signing-offers?status=EXPIRED', { token: t(g3) })
      ).body.items.map((o: { id: string }) => o.id),
    ).toContain(offerId);
    const late = await w.p.http('POST', `/api/signing-offers/${offerId}/response`, {
      token: t(g3),
      body: { accept: true },
    });
    expect([late.status, late.body.code]).toEqual([409, 'INVALID_STATE']);
    expect(
      probe.ofType('recruiting.signing-offer.expired').filter((e) => e.aggregateId === offerId),
    ).toHaveLength(1);
  });

  it('answered everything above as the OpenAPI document declares', async () => {
    const { covered, mismatches } = (await documentChecker(w.p)).checkAll(w.p.answers);
    expect(mismatches).toEqual([]);
    expect(covered).toEqual(
      expect.arrayContaining([
        'createPosition',
        'listPositions',
        'applyToPosition',
        'inviteToInterview',
        'recordInterviewResult',
        'respondToSigningOffer',
      ]),
    );
  });
});
