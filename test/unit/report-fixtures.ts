// Realistic goal records for the renderer and codec tests.
import type {
  GoalRecord,
  VerifierResult,
  VerifierSpec,
  VerificationRun,
} from '../../src/engine/types.js';

export function spec(name: string, extra: Partial<VerifierSpec> = {}): VerifierSpec {
  return {
    name,
    command: `npm run ${name}`,
    timeoutSec: 600,
    kind: 'check',
    required: true,
    source: 'config',
    ...extra,
  };
}

export function result(
  name: string,
  passed: boolean,
  extra: Partial<VerifierResult> = {},
): VerifierResult {
  return {
    name,
    passed,
    exitCode: passed ? 0 : 1,
    timedOut: false,
    durationMs: 1200,
    outputTail: passed ? 'ok' : 'FAIL something',
    attempts: 1,
    flaky: false,
    ...extra,
  };
}

export function run(iteration: number, results: VerifierResult[], sha?: string): VerificationRun {
  return { iteration, at: '2026-11-20T10:00:00Z', results, ...(sha ? { sha } : {}) };
}

const SHA1 = '1111111aaaaaaabbbbbbbcccccccdddddddeeee';
const SHA2 = '2222222aaaaaaabbbbbbbcccccccdddddddeeee';
const SHA3 = '3333333aaaaaaabbbbbbbcccccccdddddddeeee';

/** Pursuing, iteration 3: tests fixed, lint unchanged, typecheck still failing as at baseline. */
export function pursuingRecord(): GoalRecord {
  return {
    version: 1,
    id: 'g-12-crlf',
    number: 12,
    title: 'Parser handles CRLF line endings',
    contract: {
      outcome: 'The parser accepts files with CRLF line endings and round-trips them unchanged.',
      verification: [spec('tests', { command: 'npm test' }), spec('lint'), spec('typecheck')],
      verificationNotes: [],
      constraints: ['Public API of src/parser.ts stays the same'],
      boundaries: ['src/**', 'test/**'],
      protectedPaths: ['.github/workflows/**'],
      iterationPolicy: 'Smallest change that moves a failing verifier.',
      blockedCondition: 'A needed decision is outside the repository.',
      steering: [],
      allowedChanges: [],
    },
    contractRevision: 1,
    restatement: 'I will make the tokenizer treat \\r\\n as one line break and add tests.',
    state: 'pursuing',
    budget: { tokens: 2_000_000, usd: 10, timeSec: 5 * 3600, iterations: 60 },
    ledger: {
      usage: {
        inputTokens: 900_000,
        cachedInputTokens: 600_000,
        outputTokens: 40_000,
        reasoningTokens: 10_000,
      },
      tokens: 340_000,
      usd: 0.42,
      elapsedSec: 754,
      modelCalls: 14,
    },
    iteration: 3,
    branch: 'goal/12-parser-crlf',
    baseRef: 'main',
    baseSha: '0000000aaaaaaabbbbbbbcccccccdddddddeeee',
    checkpoints: [
      {
        sha: SHA1,
        iteration: 1,
        at: '2026-11-20T10:01:00Z',
        summary: 'Tokenizer treats CRLF as newline',
      },
      { sha: SHA2, iteration: 3, at: '2026-11-20T10:09:00Z', summary: 'Round-trip test for CRLF' },
    ],
    baseline: run(0, [
      result('tests', false, { failingTests: ['parses CRLF'], testCount: 210 }),
      result('lint', true),
      result('typecheck', false, { failingTests: ['src/util.ts(3,1)'] }),
    ]),
    latest: run(
      3,
      [
        result('tests', true, { testCount: 212 }),
        result('lint', true),
        result('typecheck', false, { failingTests: ['src/util.ts(3,1)'] }),
      ],
      SHA2,
    ),
    plan: [
      { step: 'Normalise CRLF in the tokenizer', status: 'completed' },
      { step: 'Keep original endings on output', status: 'in_progress' },
      { step: 'Fix the pre-existing type error in util.ts', status: 'pending' },
    ],
    progress: [
      {
        iteration: 1,
        kind: 'decision',
        text: 'Normalise in the tokenizer rather than in every caller.',
      },
      { iteration: 1, kind: 'action', text: 'Edited src/tokenizer.ts' },
      {
        iteration: 2,
        kind: 'action',
        text: 'Tried a regex split; reverted it, it broke Unicode line separators.',
      },
      { iteration: 3, kind: 'verification', text: 'tests pass, typecheck fails as at baseline' },
    ],
    findings: [],
    flaky: [],
    stall: { idle: 0, nudged: false },
    history: [
      {
        iteration: 1,
        passing: 2,
        total: 3,
        metrics: {},
        tokens: 100_000,
        sha: SHA1,
        note: 'tokenizer',
      },
      { iteration: 2, passing: 1, total: 3, metrics: {}, tokens: 120_000, note: 'regex split' },
      {
        iteration: 3,
        passing: 2,
        total: 3,
        metrics: {},
        tokens: 120_000,
        sha: SHA2,
        note: 'round-trip',
      },
    ],
    runs: [
      {
        id: '9001',
        url: 'https://github.com/o/r/actions/runs/9001',
        startedAt: '2026-11-20T10:00:00Z',
      },
    ],
    pr: { number: 13, url: 'https://github.com/o/r/pull/13' },
    createdAt: '2026-11-20T09:59:00Z',
    updatedAt: '2026-11-20T10:10:00Z',
  };
}

/** Achieved: bundle size brought from 142 to 118 against a target of < 120. */
export function achievedMetricRecord(): GoalRecord {
  const r = pursuingRecord();
  r.contract.outcome = 'Bring the bundle below 120 kB.';
  r.contract.verification = [
    spec('tests', { command: 'npm test' }),
    spec('bundle-kb', {
      kind: 'metric',
      command: 'npm run size',
      pattern: 'size: (\\d+)',
      target: { kind: 'absolute', op: '<', value: 120 },
    }),
  ];
  r.baseline = run(0, [
    result('tests', true, { testCount: 212 }),
    result('bundle-kb', false, { metricValue: 142 }),
  ]);
  r.latest = run(
    4,
    [result('tests', true, { testCount: 212 }), result('bundle-kb', true, { metricValue: 118 })],
    SHA3,
  );
  r.history = [
    {
      iteration: 1,
      passing: 1,
      total: 2,
      metrics: { 'bundle-kb': 135 },
      tokens: 90_000,
      note: 'tree-shake lodash',
    },
    {
      iteration: 2,
      passing: 1,
      total: 2,
      metrics: { 'bundle-kb': 127.5 },
      tokens: 80_000,
      note: 'lazy chart',
    },
    {
      iteration: 3,
      passing: 1,
      total: 2,
      metrics: { 'bundle-kb': 124 },
      tokens: 70_000,
      note: 'drop moment',
    },
    {
      iteration: 4,
      passing: 2,
      total: 2,
      metrics: { 'bundle-kb': 118 },
      tokens: 60_000,
      sha: SHA3,
      note: 'minify',
    },
  ];
  r.iteration = 4;
  r.checkpoints.push({
    sha: SHA3,
    iteration: 4,
    at: '2026-11-20T10:20:00Z',
    summary: 'Minify CSS',
  });
  r.plan = r.plan.map((s) => ({ ...s, status: 'completed' as const }));
  r.state = 'achieved';
  r.stopReason = { kind: 'achieved', evidence: 'bundle-kb 118 < 120 and tests pass on 3333333' };
  return r;
}

export function budgetLimitedRecord(): GoalRecord {
  const r = pursuingRecord();
  r.ledger.tokens = 2_000_000;
  r.ledger.usd = 3.1;
  r.state = 'budget-limited';
  r.stopReason = {
    kind: 'budget-limited',
    dimension: 'tokens',
    detail: 'token budget used (2000000 of 2000000)',
  };
  return r;
}

export function blockedRecord(): GoalRecord {
  const r = pursuingRecord();
  r.state = 'blocked';
  r.stopReason = {
    kind: 'blocked',
    blocker:
      'The integration tests need the STAGING_URL service, which is unreachable from the runner.',
    needs: 'a reachable staging URL or permission to mock the service',
  };
  return r;
}

/** Stalled with a deleted test, a weakened assertion and a flaky test. */
export function tamperedRecord(): GoalRecord {
  const r = pursuingRecord();
  r.state = 'stalled';
  r.stopReason = { kind: 'stalled', detail: 'no verifier progress for 3 iterations' };
  r.findings = [
    {
      rule: 'test-deleted',
      path: 'test/parser.test.ts',
      detail: 'A test file present at base was deleted.',
    },
    {
      rule: 'assertion-weakened',
      path: 'test/tokenizer.test.ts',
      detail: 'expect(...).toBe replaced with toBeTruthy',
    },
  ];
  r.flaky = ['tokenizer > handles mixed endings'];
  r.latest = run(3, [
    result('tests', true, { flaky: true, attempts: 3, testCount: 212 }),
    result('lint', false),
    result('typecheck', false, { failingTests: ['src/util.ts(3,1)'] }),
  ]);
  return r;
}
