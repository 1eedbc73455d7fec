// What the model writes (a blocked reason, plan steps, progress notes, its report) reaches the
// status comment and the PR body as text: no markup of its own survives — no forged status
// marker or record, no remote image, no raw HTML, no notifying @mention.
import { describe, expect, it } from 'vitest';
import { renderPrBody } from '../../src/report/pr-body.js';
import { renderStatus } from '../../src/report/status.js';
import { blockedRecord } from './report-fixtures.js';

const HOSTILE =
  'Need @acme/security and @maintainer <img src="https://attacker.example/x.png"> ' +
  '![pixel](https://attacker.example/p.png) <!-- goal-action:status --> <details><summary>x</summary>';

function hostileRecord() {
  const r = blockedRecord();
  r.stopReason = { kind: 'blocked', blocker: HOSTILE, needs: HOSTILE };
  r.plan = [{ step: HOSTILE, status: 'in_progress' }];
  r.progress.push({ iteration: 1, kind: 'decision', text: HOSTILE });
  r.report = `# ✅ Goal achieved\n\n${HOSTILE}\n`;
  return r;
}

function expectInert(markdown: string) {
  expect(markdown).not.toMatch(/<img/i);
  expect(markdown).not.toMatch(/!\[pixel\]/);
  expect(markdown).not.toMatch(/@acme\/security/);
  expect(markdown).not.toMatch(/(^|[^\u200B])@maintainer/);
  // Only the renderer's own markers, never one the model wrote.
  expect(markdown.split('<!-- goal-action:status -->').length).toBeLessThanOrEqual(2);
  expect(markdown).not.toMatch(/<details><summary>x/);
}

describe('model-authored text in what the Action posts', () => {
  it('is inert in the status comment', () => {
    const body = renderStatus(hostileRecord(), {});
    expect(body).toContain('attacker.example'); // still shown, as text
    expectInert(body);
  });

  it('is inert in the PR body', () => {
    const body = renderPrBody(hostileRecord(), {});
    expectInert(body);
  });
});
