// The context keeper's elision: one batch replaces old tool outputs (each with a pointer to its
// saved copy) and the stale evidence of old iteration messages, keeps the newest outputs whole, and
// leaves everything before the first replaced item byte-identical, so the prefix breaks once.
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/engine/context.js';
import type { ConversationItem } from '../../src/engine/ports.js';

function conversationWith(outputs: number, size = 4_000): Conversation {
  const c = new Conversation('You pursue goals.', [], '# The goal starts now.');
  c.append(
    { type: 'message', role: 'user', content: '# Iteration 1\n\nevidence one' },
    '# Iteration 1 (elided)',
  );
  for (let i = 0; i < outputs; i++) {
    c.append({ type: 'tool_call', callId: `c${i}`, name: 'shell', arguments: `{"n":${i}}` });
    c.append({ type: 'tool_result', callId: `c${i}`, output: `${i}:`.padEnd(size, 'x') });
  }
  c.append(
    { type: 'message', role: 'user', content: '# Iteration 2\n\nevidence two' },
    '# Iteration 2 (elided)',
  );
  return c;
}

const outputs = (c: Conversation) =>
  c
    .request(100)
    .input.filter(
      (i): i is Extract<ConversationItem, { type: 'tool_result' }> => i.type === 'tool_result',
    )
    .map((i) => i.output);

describe('eliding in one batch', () => {
  it('replaces every output but the newest with a pointer, and old evidence with its heading', () => {
    const c = conversationWith(5);
    const before = c.tokens();
    expect(c.elisionCandidates(2).map((x) => x.callId)).toEqual(['c0', 'c1', 'c2']);
    const saved = c.elide(2, (id) => `.goal-action/scratch/${id}.txt`);
    expect(saved).toBeGreaterThan(3 * 900);
    expect(c.tokens()).toBeLessThan(before - 3 * 900);
    const now = outputs(c);
    expect(now.slice(0, 3)).toEqual([
      '[output elided: 4000 chars, saved in .goal-action/scratch/c0.txt (read_file)]',
      '[output elided: 4000 chars, saved in .goal-action/scratch/c1.txt (read_file)]',
      '[output elided: 4000 chars, saved in .goal-action/scratch/c2.txt (read_file)]',
    ]);
    expect(now[3]).toMatch(/^3:x+$/);
    expect(now[4]).toMatch(/^4:x+$/);
    const messages = c.request(100).input.filter((i) => i.type === 'message');
    expect(messages.map((m) => (m as { content: string }).content)).toEqual([
      '# The goal starts now.',
      '# Iteration 1 (elided)',
      '# Iteration 2\n\nevidence two',
    ]);
  });

  it('says only the size when nothing was saved', () => {
    const c = conversationWith(2);
    c.elide(1);
    expect(outputs(c)[0]).toBe('[output elided to save context: 4000 characters]');
  });

  it('changes nothing already sent when called again with nothing new to elide', () => {
    const c = conversationWith(4);
    c.elide(1);
    const first = JSON.stringify(c.request(100));
    expect(c.elisionCandidates(1)).toEqual([]);
    expect(c.elide(1)).toBe(0);
    expect(JSON.stringify(c.request(100))).toBe(first);
  });

  it('keeps the newest outputs within a token budget, and always the newest one', () => {
    const c = conversationWith(6, 4_000); // ~1 000 tokens each
    expect(c.recentToKeep(6, 100_000)).toBe(6);
    expect(c.recentToKeep(6, 2_100)).toBe(2);
    expect(c.recentToKeep(6, 10)).toBe(1);
    expect(c.recentToKeep(0, 100_000)).toBe(0);
  });

  it('keeps encrypted reasoning through elision, and out of the compaction transcript', () => {
    const c = conversationWith(2);
    c.append({ type: 'reasoning', encryptedContent: 'enc_abc', summary: ['checked the totals'] });
    c.elide(0);
    expect(c.request(100).input.filter((i) => i.type === 'reasoning')).toEqual([
      { type: 'reasoning', encryptedContent: 'enc_abc', summary: ['checked the totals'] },
    ]);
    const transcript = c.transcriptText(10_000);
    expect(transcript).toContain('reasoning: checked the totals');
    expect(transcript).not.toContain('enc_abc');
  });
});
