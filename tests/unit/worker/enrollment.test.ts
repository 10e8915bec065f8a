import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InjectedFrame } from '@/lib/autofill/choose-frame';
import type { AccountMeta } from '@/lib/vault/types';

// The browser side: which page the tab is on, what the injected agent reported, what was handed over.
const browserSide = vi.hoisted(() => ({
  url: 'https://pi.example.com/enroll' as string | null,
  frames: [] as InjectedFrame[],
  injected: [] as string[],
  handed: [] as Array<{ documentId: string; value: string }>,
}));
vi.mock('@/lib/platform/tabs', () => ({ tabUrl: async () => browserSide.url, activeTabId: async () => 1 }));
const managed = vi.hoisted(() => ({ policy: {} as Record<string, unknown> }));
vi.mock('@/lib/worker/policy', () => ({ currentPolicy: async () => managed.policy }));
vi.mock('@/lib/platform/autofill', () => ({
  CLIENT_PART_AGENT_FILE: '/client-part-frame.js',
  injectFillAgent: async (_tab: number, file: string) => {
    browserSide.injected.push(file);
    return browserSide.frames;
  },
  completeFill: async (_tab: number, documentId: string, _token: string, value: string) => {
    browserSide.handed.push({ documentId, value });
    return { filled: true, fields: 1, submitted: false };
  },
}));

const { enrollmentStep, fillEnrollmentPart } = await import('@/lib/worker');

const ORIGIN = 'https://pi.example.com';
// pi-authenticator's published phone part for the client part [0..6].
const CLIENT_PART = [0, 1, 2, 3, 4, 5, 6];
const PHONE_PART = 'NXEG6EIAAEBAGBAFAY';

function vaultWith(origin: string | null) {
  const meta = { id: 'a1', issuer: 'privacyIDEA', account: 'T1', enrollment: { kind: 'two-step', origin } } as AccountMeta;
  return {
    get: async () => meta,
    enrollmentPart: async () => new Uint8Array(CLIENT_PART),
    finishEnrollment: async () => meta,
  };
}

const found = (origin: string): InjectedFrame => ({
  frameId: 0,
  documentId: 'doc-top',
  report: { status: 'found', kind: 'single', fields: 1, confidence: 'medium', why: ['named "client part"'], token: 't', origin },
});

beforeEach(() => {
  browserSide.url = `${ORIGIN}/enroll`;
  browserSide.frames = [found(ORIGIN)];
  browserSide.injected = [];
  browserSide.handed = [];
  managed.policy = {};
});

describe('enrollmentStep', () => {
  it('gives the popup the checksummed phone part and where it may be filled', async () => {
    expect(await enrollmentStep(vaultWith(ORIGIN), 'a1')).toEqual({ phonePart: PHONE_PART, origin: ORIGIN });
  });
});

describe('fillEnrollmentPart', () => {
  it('hands the phone part to the one document that reported the field, through the two-step agent', async () => {
    await fillEnrollmentPart(vaultWith(ORIGIN), 1, 'a1');
    expect(browserSide.injected).toEqual(['/client-part-frame.js']);
    expect(browserSide.handed).toEqual([{ documentId: 'doc-top', value: PHONE_PART }]);
  });

  it('refuses another origin than the capture page, before injecting anything', async () => {
    browserSide.url = 'https://evil.example.net/enroll';
    await expect(fillEnrollmentPart(vaultWith(ORIGIN), 1, 'a1')).rejects.toMatchObject({ code: 'not-bound' });
    expect(browserSide.injected).toEqual([]);
    expect(browserSide.handed).toEqual([]);
  });

  it('refuses a pasted enrollment (no capture page) and a page without its URL', async () => {
    await expect(fillEnrollmentPart(vaultWith(null), 1, 'a1')).rejects.toMatchObject({ code: 'not-bound' });
    browserSide.url = null;
    await expect(fillEnrollmentPart(vaultWith(ORIGIN), 1, 'a1')).rejects.toMatchObject({ code: 'page-not-fillable' });
    expect(browserSide.handed).toEqual([]);
  });

  it('refuses a plain-http enrollment page, even one stored before that rule, before injecting anything (#14.2)', async () => {
    const insecure = 'http://pi.example.com';
    browserSide.url = `${insecure}/enroll`;
    browserSide.frames = [found(insecure)];
    const error = await fillEnrollmentPart(vaultWith(insecure), 1, 'a1').catch((e: unknown) => e as { code: string; message: string });
    expect(error).toMatchObject({ code: 'not-secure' });
    expect((error as { message: string }).message).toMatch(/https/i);
    expect(browserSide.injected).toEqual([]);
    expect(browserSide.handed).toEqual([]);
    // Loopback stays allowed, for a privacyIDEA server on this computer.
    browserSide.url = 'http://localhost:5000/enroll';
    browserSide.frames = [found('http://localhost:5000')];
    await fillEnrollmentPart(vaultWith('http://localhost:5000'), 1, 'a1');
    expect(browserSide.handed).toEqual([{ documentId: 'doc-top', value: PHONE_PART }]);
  });

  it('refuses under the disableAutofill policy, in the worker, before injecting anything (#14.3)', async () => {
    managed.policy = { disableAutofill: true };
    await expect(fillEnrollmentPart(vaultWith(ORIGIN), 1, 'a1')).rejects.toMatchObject({ code: 'autofill-disabled' });
    expect(browserSide.injected).toEqual([]);
    expect(browserSide.handed).toEqual([]);
  });

  it('fills nothing when the page has several candidate fields, and says so about the phone part', async () => {
    browserSide.frames = [{ ...found(ORIGIN), report: { status: 'ambiguous', reason: 'Several empty text fields', origin: ORIGIN } }];
    const error = await fillEnrollmentPart(vaultWith(ORIGIN), 1, 'a1').catch((e: unknown) => e as { code: string; message: string });
    expect(error).toMatchObject({ code: 'ambiguous' });
    expect((error as { message: string }).message).toContain('phone part');
    expect((error as { message: string }).message).not.toContain(PHONE_PART);
    expect(browserSide.handed).toEqual([]);
  });
});
