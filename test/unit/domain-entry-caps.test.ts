// Long texts are capped where they enter — the /goal command's objective, resume guidance and
// question, the issue's contract sections — with a reply that says so and to what length, so the
// record keeps every text whole afterwards and never needs cutting on the way into a comment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { route } from '../../src/action/route.js';
import { buildContract, MAX_ISSUE_PART_CHARS } from '../../src/config/contract.js';
import { encodeRecord } from '../../src/state/codec.js';
import { parseComment, TEXT_LIMITS, type GoalCommand } from '../../src/trigger/commands.js';
import { actionWorld, MAINTAINER, type ActionWorld } from './action-fixtures.js';

/** 30,000 characters of plausible guidance (sentences, not one repeated letter). */
const LONG = Array.from(
  { length: 600 },
  (_, i) => `Step ${i}: check the quantity path before the rounding path.`,
)
  .join(' ')
  .slice(0, 30_000);

function command(body: string): { command: GoalCommand; notices?: string[] } {
  const parsed = parseComment(body);
  if (parsed.kind !== 'command') throw new Error(`not a command: ${JSON.stringify(parsed)}`);
  return parsed;
}

describe('caps in the command language', () => {
  it.each([
    [
      '/goal resume ',
      'guidance',
      'resume guidance',
      (c: GoalCommand) => (c as { guidance: string }).guidance,
    ],
    [
      '/goal edit ',
      'objective',
      'objective',
      (c: GoalCommand) => (c as { objective: string }).objective,
    ],
    [
      '/goal ',
      'objective',
      'objective',
      (c: GoalCommand) => (c as { objective: string }).objective,
    ],
    [
      '/goal ask ',
      'question',
      'question',
      (c: GoalCommand) => (c as { question: string }).question,
    ],
  ] as const)(
    '%s<30,000 chars> keeps the first %s characters and says so',
    (prefix, limit, what, text) => {
      const parsed = command(`${prefix}${LONG}`);
      const max = TEXT_LIMITS[limit];
      expect(text(parsed.command).length).toBeLessThanOrEqual(max);
      expect(text(parsed.command).length).toBeGreaterThan(max - 5); // only trailing space trimmed
      expect(LONG.startsWith(text(parsed.command))).toBe(true);
      expect(parsed.notices).toEqual([
        expect.stringContaining(
          `The ${what} was 30,000 characters long; it was shortened to its first ${max.toLocaleString('en-US')} characters.`,
        ),
      ]);
    },
  );

  it('leaves a text within its cap alone, with no notice', () => {
    const parsed = command('/goal resume try the quantity field first');
    expect(parsed.command).toEqual({ kind: 'resume', guidance: 'try the quantity field first' });
    expect(parsed.notices).toBeUndefined();
  });

  it('never splits a character made of two UTF-16 units at the cut', () => {
    const max = TEXT_LIMITS.guidance;
    const body = `/goal resume ${'a'.repeat(max - 1)}😀 and more`;
    const guidance = (command(body).command as { guidance: string }).guidance;
    expect(guidance).toBe('a'.repeat(max - 1));
    const last = guidance.charCodeAt(guidance.length - 1);
    expect(last < 0xd800 || last > 0xdbff).toBe(true); // no half of a pair left at the end
  });
});

describe('caps on the contract parts an issue body gives', () => {
  it('cuts each long section to its cap and says which, keeping short ones whole', () => {
    const body = [
      '### Outcome',
      'total() multiplies by quantity.',
      '### Constraints',
      LONG,
      '### Iteration policy',
      LONG,
      '### Blocked condition',
      'A decision only a maintainer can make.',
    ].join('\n\n');
    const { contract, shortened } = buildContract({
      objective: '',
      issueBody: body,
      issueTitle: 'Cart ignores quantities',
      trustedVerify: false,
      commandVerify: [],
      inputVerify: [],
      repo: null,
    });
    expect(contract.iterationPolicy.length).toBeLessThanOrEqual(MAX_ISSUE_PART_CHARS);
    expect(contract.constraints.join('\n').length).toBeLessThanOrEqual(
      MAX_ISSUE_PART_CHARS + 500, // the default constraints come on top
    );
    expect(contract.blockedCondition).toBe('A decision only a maintainer can make.');
    expect(shortened).toEqual([
      expect.stringContaining("The issue's Constraints section was 30,"),
      expect.stringContaining("The issue's Iteration policy section was 30,"),
    ]);
  });
});

describe('two 30,000-character resume texts through the route job', () => {
  let w: ActionWorld;
  beforeAll(async () => {
    w = await actionWorld();
  });
  afterAll(async () => {
    await w?.close();
  });
  const say = (n: number, body: string) =>
    route(w.env(w.comment(n, MAINTAINER, body), { inputs: { mode: 'route' } }));

  it('a goal started from its label says which long issue sections were shortened', async () => {
    const n = w.issue(
      'Cart ignores quantities',
      `### Outcome\n\ntotal() multiplies.\n\n### Constraints\n\n${LONG}`,
    );
    const result = await route(w.env(w.label(n, MAINTAINER), { inputs: { mode: 'route' } }));
    expect(result.kind).toBe('pursue');
    expect(w.replies(n).at(-1)).toContain(
      `The issue's Constraints section was 30,000 characters long; it was shortened to its first ${MAX_ISSUE_PART_CHARS.toLocaleString('en-US')} characters.`,
    );
  });

  it('keeps a readable record, a comment under the limit, and tells the user each time', async () => {
    const n = w.issue();
    expect((await say(n, '/goal Make total() honour quantities')).kind).toBe('pursue');
    for (const i of [1, 2]) {
      await say(n, '/goal pause');
      const resumed = await say(n, `/goal resume ${LONG}`);
      expect(resumed.kind).toBe('pursue');
      expect(w.replies(n).at(-1)).toContain(
        `shortened to its first ${TEXT_LIMITS.guidance.toLocaleString('en-US')} characters`,
      );
      const goal = await w.stored(n);
      expect(goal?.state).toBe('queued');
      expect(goal?.contract.steering).toHaveLength(i);
    }
    const goal = (await w.stored(n))!;
    for (const s of goal.contract.steering)
      expect(s.length).toBeLessThanOrEqual(TEXT_LIMITS.guidance);
    expect(encodeRecord(goal).length).toBeLessThan(20_000);
    const status = w.fake.comments.filter((c) => c.issueNumber === n).map((c) => c.body);
    for (const body of status) expect(body.length).toBeLessThan(65_536);
  });
});
