import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolHost } from '../../src/engine/ports.js';
import { createToolHost } from '../../src/tools/index.js';
import { makeRepo, tempDir, type TestRepo } from '../support/git-fixtures.js';

let repo: TestRepo;
let host: ToolHost;
const call = (name: string, args: unknown) =>
  host.execute(name, typeof args === 'string' ? args : JSON.stringify(args), {});

beforeAll(async () => {
  const numbered = Array.from({ length: 1000 }, (_, i) => `row ${i + 1}`).join('\n') + '\n';
  repo = await makeRepo({
    'src/alpha.ts': 'export const alpha = 1;\nexport function handleAlpha() {}\n',
    'src/beta.ts': 'export const beta = 2;\n',
    'docs/guide.md': '# Guide\nalpha is described here\n',
    'big.txt': numbered,
    '.gitignore': 'ignored/\n',
  });
  await writeFile(path.join(repo.dir, 'src/untracked.ts'), 'export const handleGamma = 3;\n');
  host = createToolHost({ root: repo.dir, redact: (text) => text.replaceAll('hunter2', '***') });
});
afterAll(async () => {
  await repo.cleanup();
});

describe('tool host', () => {
  it('lists the six tools in a fixed order with JSON schemas', () => {
    const names = host.specs().map((spec) => spec.name);
    expect(names).toEqual([
      'shell',
      'apply_patch',
      'read_file',
      'search',
      'update_plan',
      'update_goal',
    ]);
    expect(host.specs()).toEqual(host.specs());
    for (const spec of host.specs()) expect(spec.parameters).toMatchObject({ type: 'object' });
  });

  it('answers an unknown tool, malformed JSON and bad arguments with the expected shape, never a throw', async () => {
    const unknown = await call('rm_rf', {});
    expect(unknown).toEqual({
      ok: false,
      output: expect.stringContaining('Unknown tool "rm_rf". The tools are: shell,'),
    });
    const malformed = await call('read_file', '{"path": ');
    expect(malformed.ok).toBe(false);
    expect(malformed.output).toMatch(/not valid JSON .*Expected arguments matching: .*"path"/s);
    const wrongType = await call('shell', { command: 42 });
    expect(wrongType.ok).toBe(false);
    expect(wrongType.output).toMatch(
      /Invalid arguments to shell: command: .*Expected arguments matching/s,
    );
  });

  it('redacts tool output', async () => {
    const result = await call('shell', { command: ['bash', '-c', 'echo the password is hunter2'] });
    expect(result.output).toContain('the password is ***');
    expect(result.output).not.toContain('hunter2');
  });
});

describe('shell tool', () => {
  it('returns exit code, wall time and output, and marks the call mutating', async () => {
    const result = await call('shell', { command: ['bash', '-lc', 'echo hello; exit 2'] });
    expect(result.ok).toBe(false);
    expect(result.mutating).toBe(true);
    expect(result.output).toMatch(/^Exit code: 2\nWall time: \d+\.\d seconds\nOutput:\nhello\n$/);
  });

  it('accepts a plain string and a workdir inside the workspace', async () => {
    const result = await call('shell', { command: 'pwd', workdir: 'src' });
    expect(result.ok).toBe(true);
    expect(result.output).toContain(`${path.join(repo.dir, 'src')}\n`);
  });

  it('refuses a workdir outside the workspace', async () => {
    const result = await call('shell', { command: 'pwd', workdir: '../..' });
    expect(result).toEqual({ ok: false, output: expect.stringMatching(/outside the workspace/) });
  });

  it('truncates long output to head and tail with the omitted line count', async () => {
    const result = await call('shell', { command: 'seq 1 100000' });
    expect(result.output).toMatch(/Total output lines: 100000\nOutput:\n1\n2\n/);
    expect(result.output).toMatch(/… omitted 99744 lines \(\d+ bytes\) …\n99873\n/);
    expect(result.output.endsWith('100000\n')).toBe(true);
  });

  it('reports a timeout', async () => {
    const result = await call('shell', { command: 'sleep 30', timeout_ms: 200 });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/^Command timed out after 200 ms and was killed/);
  });
});

describe('read_file tool', () => {
  it('returns numbered lines of a range and says how to read on', async () => {
    const result = await call('read_file', { path: 'big.txt', start_line: 10, end_line: 12 });
    expect(result).toEqual({
      ok: true,
      output: 'big.txt\n    10\trow 10\n    11\trow 11\n    12\trow 12\n(lines 10-12 of 1000)',
    });
    const first = await call('read_file', { path: 'big.txt' });
    expect(first.output).toMatch(
      /\n {3}400\trow 400\n\(lines 1-400 of 1000; call read_file with start_line=401 to read on\)$/,
    );
  });

  it('refuses paths outside the workspace and explains missing files', async () => {
    expect((await call('read_file', { path: '../../etc/passwd' })).output).toMatch(
      /outside the workspace/,
    );
    expect((await call('read_file', { path: 'nope.txt' })).output).toMatch(/does not exist/);
    expect((await call('read_file', { path: 'big.txt', start_line: 5000 })).output).toMatch(
      /has 1000 lines/,
    );
  });
});

describe('search tool', () => {
  it('greps tracked and untracked files with line numbers', async () => {
    const result = await call('search', { pattern: 'handle[A-Z][a-z]+' });
    expect(result.ok).toBe(true);
    expect(result.output.split('\n').sort()).toEqual([
      'src/alpha.ts:2:export function handleAlpha() {}',
      'src/untracked.ts:1:export const handleGamma = 3;',
    ]);
  });

  it('lists files by glob, restricts a grep by glob, and bounds the results', async () => {
    expect((await call('search', { glob: 'src/*.ts' })).output.split('\n').sort()).toEqual([
      'src/alpha.ts',
      'src/beta.ts',
      'src/untracked.ts',
    ]);
    expect((await call('search', { pattern: 'alpha', glob: '*.md' })).output).toBe(
      'docs/guide.md:2:alpha is described here',
    );
    const bounded = await call('search', { pattern: '^row', max_results: 5 });
    expect(bounded.output).toMatch(/^big.txt:1:row 1\n(.*\n){4}\(showing 5 of 1000 matches;/);
    expect((await call('search', { pattern: 'no-such-text-anywhere' })).output).toMatch(
      /^No matches/,
    );
  });

  it('says clearly when the workspace is not a git repository', async () => {
    const plain = await tempDir('tools-plain-');
    try {
      const result = await createToolHost({ root: plain }).execute('search', '{"pattern":"x"}', {});
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/search works in a git repository/);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});

describe('apply_patch through the host', () => {
  it('applies a patch and marks the call mutating', async () => {
    const result = await call('apply_patch', {
      input:
        '*** Begin Patch\n*** Update File: src/beta.ts\n-export const beta = 2;\n+export const beta = 3;\n*** End Patch',
    });
    expect(result).toMatchObject({ ok: true, mutating: true });
    expect(await readFile(path.join(repo.dir, 'src/beta.ts'), 'utf8')).toBe(
      'export const beta = 3;\n',
    );
  });
});

describe('goal tools', () => {
  it('update_plan returns the plan and allows at most one step in progress', async () => {
    const plan = [
      { step: 'Reproduce', status: 'completed' },
      { step: 'Fix', status: 'in_progress' },
      { step: 'Test', status: 'pending' },
    ];
    expect(await call('update_plan', { explanation: 'started', plan })).toEqual({
      ok: true,
      output: 'Plan updated (1 of 3 steps completed).',
      plan,
    });
    const two = await call('update_plan', {
      plan: plan.map((step) => ({ ...step, status: 'in_progress' })),
    });
    expect(two.ok).toBe(false);
    expect(two.output).toContain('at most one step may be in_progress');
    expect((await call('update_plan', { plan: [{ step: 'x', status: 'doing' }] })).ok).toBe(false);
  });

  it('update_goal requires evidence for complete and a blocker for blocked', async () => {
    expect(
      (await call('update_goal', { status: 'complete', evidence: 'all tests pass' })).goal,
    ).toEqual({
      status: 'complete',
      evidence: 'all tests pass',
    });
    expect(
      (await call('update_goal', { status: 'blocked', blocker: 'no DB', needs: 'a test DB' })).goal,
    ).toEqual({
      status: 'blocked',
      blocker: 'no DB',
      needs: 'a test DB',
    });
    const noEvidence = await call('update_goal', { status: 'complete' });
    expect(noEvidence.ok).toBe(false);
    expect(noEvidence.goal).toBeUndefined();
    expect(noEvidence.output).toMatch(/evidence/);
    expect((await call('update_goal', { status: 'blocked', blocker: '  ' })).output).toMatch(
      /blocked needs a blocker/,
    );
    expect((await call('update_goal', { status: 'done' })).ok).toBe(false);
  });
});
