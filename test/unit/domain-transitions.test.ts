// The goal state machine as a table: every command in every state, with a loop running and without,
// each row saying the new state, which record fields change and which effects follow.
import { describe, expect, it } from 'vitest';
import { effectsOf, MAX_COMMAND_LOG, type CommandEvent } from '../../src/domain/commands.js';
import { pauseCause, stops } from '../../src/domain/stop.js';
import {
  applyCommand,
  applySystem,
  reconcile,
  type DomainCommand,
  type Effect,
  type TransitionContext,
} from '../../src/domain/transitions.js';
import { GOAL_STATES, type GoalRecord, type GoalState } from '../../src/engine/types.js';
import { pursuingRecord } from './report-fixtures.js';

const MAX = { tokens: 20_000_000, usd: 100, timeSec: 48 * 3600, iterations: 500 };
const NOW = '2026-11-21T08:00:00.000Z';

function ctx(loopRunning: boolean, extra: Partial<TransitionContext> = {}): TransitionContext {
  return { loopRunning, now: NOW, runId: '777', maxBudget: MAX, ...extra };
}

/** A realistic goal in `state`, with the stop reason, lock and PR such a goal has. */
function goalIn(state: GoalState): GoalRecord {
  const r = pursuingRecord();
  r.state = state;
  r.pr = { number: 13, url: 'https://github.com/o/r/pull/13' };
  r.stall = { idle: 2, nudged: true, bestScore: 1 };
  delete r.lock;
  delete r.stopReason;
  if (state === 'pursuing') r.lock = { runId: '555', heartbeatAt: '2026-11-21T07:59:00Z' };
  const reasons: Partial<Record<GoalState, GoalRecord['stopReason']>> = {
    achieved: { kind: 'achieved', evidence: 'all verifiers pass' },
    blocked: { kind: 'blocked', blocker: 'needs a key', needs: 'a maintainer' },
    // Stopped at its token limit, which nobody has raised yet: resume must wait for /goal budget.
    'budget-limited': {
      kind: 'budget-limited',
      dimension: 'tokens',
      detail: 'token budget used',
      limit: r.budget.tokens,
    },
    stalled: { kind: 'stalled', detail: 'no progress for 4 iterations' },
    paused: stops.pausedBy('someone'),
    cleared: stops.clearedBy('someone'),
    failed: stops.failed(
      'Model call failed (auth)',
      'Check the key, then `/goal resume`.',
      'model',
    ),
  };
  const reason = reasons[state];
  if (reason) r.stopReason = reason;
  return r;
}

const NEW_CONTRACT = { ...pursuingRecord().contract, outcome: 'Parser handles CR-only files too.' };
const FRESH = (() => {
  const r = pursuingRecord();
  r.id = 'g-12-new';
  r.state = 'queued';
  r.iteration = 0;
  delete r.lock;
  return r;
})();

const COMMANDS: Record<DomainCommand['kind'], DomainCommand> = {
  start: { kind: 'start', goal: FRESH },
  status: { kind: 'status' },
  pause: { kind: 'pause' },
  clear: { kind: 'clear' },
  budget: { kind: 'budget', requested: { tokens: 5_000_000 } },
  edit: { kind: 'edit', contract: NEW_CONTRACT },
  ask: { kind: 'ask', question: 'why is typecheck failing?' },
  resume: { kind: 'resume', guidance: 'Try the tokenizer first.' },
};

interface Row {
  command: DomainCommand['kind'];
  state: GoalState | 'none';
  loop: 'running' | 'stopped';
  /** The goal's state after the command; null: there is still no goal. */
  next: GoalState | null;
  /** Top-level record fields that change (updatedAt aside); 'new goal' when the record is replaced. */
  changed: string[] | 'new goal';
  effects: Effect['kind'][];
  reply?: RegExp;
}

const ACTIVE = new Set<string>(['queued', 'pursuing']);
const LOGGED = ['commands', 'progress'];

/**
 * The expected behaviour, written out per command. A running loop matters only to a goal a loop
 * can be driving (queued, pursuing); in every other state a "running" flag changes nothing.
 */
function expected(
  command: DomainCommand['kind'],
  state: GoalState | 'none',
  running: boolean,
): Omit<Row, 'command' | 'state' | 'loop'> {
  const live = running && ACTIVE.has(state);
  const same = state === 'none' ? null : state;
  const noGoal = { next: null, changed: [], effects: ['reply' as const] };
  if (state === 'none' && command !== 'start')
    return { ...noGoal, reply: command === 'status' ? /No goal on this issue yet/ : /no goal/i };
  const had = (f: string, when: boolean) => (when ? [f] : []);
  const hasReason = !ACTIVE.has(state) && state !== 'none';
  switch (command) {
    case 'start':
      return state === 'none' || state === 'cleared'
        ? { next: 'queued', changed: 'new goal', effects: ['label', 'pursue'] }
        : { next: same, changed: [], effects: ['reply'], reply: /already active/ };
    case 'status':
      return { next: same, changed: [], effects: ['render-status'] };
    case 'ask':
      return { next: same, changed: [], effects: ['answer-question'] };
    case 'pause':
      if (!ACTIVE.has(state))
        return { next: same, changed: [], effects: ['reply'], reply: /not running/ };
      return live
        ? { next: same, changed: LOGGED, effects: ['stop-loop', 'reply'], reply: /Pausing after/ }
        : {
            next: 'paused',
            changed: [...LOGGED, 'state', 'stopReason', ...had('lock', state === 'pursuing')],
            effects: ['label', 'reply'],
            reply: /^Paused\./,
          };
    case 'clear':
      if (state === 'cleared')
        return { next: same, changed: [], effects: ['reply'], reply: /already cleared/ };
      return live
        ? { next: same, changed: LOGGED, effects: ['stop-loop', 'reply'], reply: /Clearing after/ }
        : {
            next: 'cleared',
            changed: [...LOGGED, 'state', 'stopReason', ...had('lock', state === 'pursuing')],
            effects: ['label', 'comment-on-pr', 'reply'],
            reply: /^Cleared\./,
          };
    case 'budget':
      if (state === 'cleared')
        return { next: same, changed: [], effects: ['reply'], reply: /was cleared/ };
      return {
        next: same,
        changed: [...LOGGED, 'budget'],
        effects: ['reply'],
        reply: live
          ? /^Budget is now 5M tokens.*running loop uses it/
          : state === 'budget-limited'
            ? /^Budget is now 5M tokens.*`\/goal resume` to continue/
            : /^Budget is now 5M tokens, \$10, 5h, 60 iterations\.$/,
      };
    case 'edit':
      if (state === 'cleared')
        return { next: same, changed: [], effects: ['reply'], reply: /was cleared/ };
      return {
        next: same,
        changed: [...LOGGED, 'contract', 'contractRevision', 'stall'],
        effects: ['contract-changed', 'reply'],
        reply: live
          ? /running loop switches to it/
          : ACTIVE.has(state)
            ? /pursues it when its run starts/
            : /`\/goal resume` continues with it/,
      };
    case 'resume':
      if (state === 'cleared')
        return { next: same, changed: [], effects: ['reply'], reply: /no goal to resume/ };
      // Its guidance is steering the running loop takes on at its next step.
      if (live)
        return {
          next: same,
          changed: [...LOGGED, 'contract', 'contractRevision'],
          effects: ['contract-changed', 'reply'],
          reply: /already running; it follows your guidance/,
        };
      if (state === 'budget-limited')
        return { next: same, changed: [], effects: ['reply'], reply: /still used up.*Raise it/ };
      return {
        next: 'queued',
        changed: [
          ...LOGGED,
          'contract',
          'contractRevision',
          ...had('state', state !== 'queued'),
          ...had('stopReason', hasReason),
        ],
        effects: ['contract-changed', 'label', 'pursue'],
      };
  }
}

const ROWS: Row[] = Object.keys(COMMANDS).flatMap((command) =>
  (['none', ...GOAL_STATES] as const).flatMap((state) =>
    (['stopped', 'running'] as const).map((loop) => ({
      command: command as DomainCommand['kind'],
      state,
      loop,
      ...expected(command as DomainCommand['kind'], state, loop === 'running'),
    })),
  ),
);

function changedFields(before: GoalRecord, after: GoalRecord): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('updatedAt');
  return [...keys]
    .filter(
      (k) =>
        JSON.stringify(before[k as keyof GoalRecord]) !==
        JSON.stringify(after[k as keyof GoalRecord]),
    )
    .sort();
}

describe('applyCommand: every command in every state, loop running and stopped', () => {
  it('covers 8 commands × 10 states (no goal and each state) × 2', () => {
    expect(ROWS).toHaveLength(8 * 10 * 2);
  });

  it.each(ROWS)(
    '$command on $state (loop $loop) → $next, effects $effects',
    ({ command, state, loop, next, changed, effects, reply }) => {
      const before = state === 'none' ? null : goalIn(state);
      const snapshot = JSON.stringify(before);
      const ev: CommandEvent = {
        id: 'comment:42',
        actor: 'maintainer',
        command: COMMANDS[command],
      };
      const t = applyCommand(before, ev, ctx(loop === 'running'));

      expect(JSON.stringify(before)).toBe(snapshot); // pure: the input is never touched
      expect(t.record?.state ?? null).toBe(next);
      expect(t.effects.map((e) => e.kind)).toEqual(effects);
      if (changed === 'new goal') {
        expect(t.record!.id).toBe(FRESH.id);
        expect(t.record!.commands?.map((c) => c.id)).toEqual(['comment:42']);
      } else if (before) {
        expect(changedFields(before, t.record!)).toEqual([...changed].sort());
        // Unchanged means the very same object: adapters write nothing.
        if (changed.length === 0) expect(t.record).toBe(before);
        else expect(t.record!.commands?.at(-1)).toMatchObject({ id: 'comment:42', kind: command });
      }
      const replies = effectsOf(t, 'reply');
      if (reply) expect(replies[0]?.text).toMatch(reply);
      else expect(replies).toEqual([]);
    },
  );
});

describe('applyCommand: what the table rows do not show', () => {
  const ev = (command: DomainCommand, id = 'comment:7', notices?: string[]): CommandEvent => ({
    id,
    actor: 'maintainer',
    command,
    ...(notices ? { notices } : {}),
  });

  it('applies a command once: the same id again changes nothing', () => {
    const first = applyCommand(goalIn('paused'), ev(COMMANDS.budget), ctx(false));
    const again = applyCommand(first.record, ev(COMMANDS.budget), ctx(false));
    expect(again.record).toBe(first.record);
    expect(again.effects).toEqual([]);
    expect(again.outcome).toBe('already applied');
    const other = applyCommand(first.record, ev(COMMANDS.budget, 'comment:8'), ctx(false));
    expect(other.record).not.toBe(first.record);
  });

  it('a start delivered again while the goal still waits for a runner is pursued, not refused', () => {
    const started = applyCommand(null, ev(COMMANDS.start, 'comment:11'), ctx(false)).record!;
    const again = applyCommand(started, ev(COMMANDS.start, 'comment:11'), ctx(false));
    expect(again.record).toBe(started);
    expect(again.effects).toEqual([{ kind: 'pursue' }]);
    const running = applySystem(started, { kind: 'loop-started', runId: '777' }, ctx(true));
    expect(
      applyCommand(running.record, ev(COMMANDS.start, 'comment:11'), ctx(true)).effects,
    ).toEqual([]);
    // The run that queued it, re-run before its loop ever started, continues it.
    const rerun = applySystem(started, { kind: 'rerun', runId: '777', attempt: 2 }, ctx(false));
    expect(rerun.effects.map((e) => e.kind)).toEqual(['label', 'pursue']);
  });

  it('edit changes the record the same way whether or not the loop runs (stall tracking too)', () => {
    const running = applyCommand(goalIn('pursuing'), ev(COMMANDS.edit), ctx(true)).record!;
    const stopped = applyCommand(goalIn('pursuing'), ev(COMMANDS.edit), ctx(false)).record!;
    expect(running).toEqual(stopped);
    expect(running.stall).toEqual({ idle: 0, nudged: false, bestScore: 1 });
    expect(running.contract.outcome).toBe(NEW_CONTRACT.outcome);
    expect(running.contractRevision).toBe(2);
  });

  it('edit keeps the steering given with earlier resumes', () => {
    const r = goalIn('paused');
    r.contract.steering = ['keep the API'];
    const t = applyCommand(r, ev(COMMANDS.edit), ctx(false));
    expect(t.record!.contract.steering).toEqual(['keep the API']);
  });

  it('a pause left to the running loop carries the structured stop for it', () => {
    const t = applyCommand(goalIn('pursuing'), ev(COMMANDS.pause), ctx(true));
    const [stopLoop] = effectsOf(t, 'stop-loop');
    expect(stopLoop?.reason).toEqual({
      kind: 'paused',
      detail: 'Paused by @maintainer.',
      cause: 'user',
    });
  });

  it('budget is capped by the repository maximum and the reply says so', () => {
    const t = applyCommand(
      goalIn('paused'),
      ev({ kind: 'budget', requested: { tokens: 90_000_000, usd: 20 } }),
      ctx(false),
    );
    expect(t.record!.budget).toMatchObject({ tokens: MAX.tokens, usd: 20 });
    expect(effectsOf(t, 'reply')[0]!.text).toMatch(/capped at 20M tokens \(asked for 90M tokens\)/);
  });

  it('a raised limit lets a budget-limited goal resume', () => {
    const raised = applyCommand(goalIn('budget-limited'), ev(COMMANDS.budget), ctx(false));
    const t = applyCommand(raised.record, ev({ kind: 'resume' }, 'comment:9'), ctx(false));
    expect(t.record!.state).toBe('queued');
    expect(t.record!.stopReason).toBeUndefined();
    expect(t.effects.map((e) => e.kind)).toEqual(['label', 'pursue']);
  });

  it('resume without guidance on a running goal changes nothing', () => {
    const r = goalIn('pursuing');
    const t = applyCommand(r, ev({ kind: 'resume' }), ctx(true));
    expect(t.record).toBe(r);
    expect(effectsOf(t, 'reply')[0]!.text).toBe('The goal is already running.');
  });

  it('guidance given to a running goal reaches its loop through reconcile', () => {
    const mine = goalIn('pursuing');
    const stored = applyCommand(mine, ev(COMMANDS.resume, 'dispatch:9'), ctx(true)).record!;
    const t = reconcile(mine, stored);
    expect(t.record!.contract.steering).toEqual(['Try the tokenizer first.']);
    expect(effectsOf(t, 'contract-changed')).toHaveLength(1);
  });

  it('resume adds its guidance to the steering and bumps the contract revision', () => {
    const t = applyCommand(goalIn('stalled'), ev(COMMANDS.resume), ctx(false));
    expect(t.record!.contract.steering).toEqual(['Try the tokenizer first.']);
    expect(effectsOf(t, 'contract-changed')[0]).toMatchObject({ revision: 2 });
  });

  it('notices about shortened text come first in the reply, also when nothing else is said', () => {
    const notice = 'The guidance was shortened to 4,000 characters.';
    const t = applyCommand(
      goalIn('paused'),
      ev(COMMANDS.resume, 'comment:3', [notice]),
      ctx(false),
    );
    expect(effectsOf(t, 'reply').map((e) => e.text)).toEqual([notice]);
    const edit = applyCommand(
      goalIn('paused'),
      ev(COMMANDS.edit, 'comment:4', [notice]),
      ctx(false),
    );
    expect(effectsOf(edit, 'reply')[0]!.text).toMatch(
      /^The guidance was shortened.*\n\nObjective updated/s,
    );
  });

  it('keeps only the newest commands in the log', () => {
    let r: GoalRecord | null = goalIn('paused');
    for (let i = 0; i < MAX_COMMAND_LOG + 5; i++)
      r = applyCommand(r, ev(COMMANDS.budget, `comment:${i}`), ctx(false)).record;
    expect(r!.commands).toHaveLength(MAX_COMMAND_LOG);
    expect(r!.commands![0]!.id).toBe('comment:5');
    expect(r!.commands!.at(-1)!.id).toBe(`comment:${MAX_COMMAND_LOG + 4}`);
  });
});

describe('applySystem', () => {
  const c = ctx(false);

  it('loop started: pursuing, with the run and the lock', () => {
    const t = applySystem(goalIn('queued'), { kind: 'loop-started', runId: '777' }, c);
    expect(t.record).toMatchObject({ state: 'pursuing', lock: { runId: '777', heartbeatAt: NOW } });
    expect(t.record!.runs.at(-1)).toEqual({ id: '777', startedAt: NOW });
    expect(t.effects).toEqual([{ kind: 'label', state: 'pursuing' }]);
  });

  it.each([
    [stops.deadline(), 'paused', ['label', 'dispatch-continuation']],
    [stops.cancelled(), 'paused', ['label']],
    [stops.pausedBy('x'), 'paused', ['label']],
    [stops.awaitingConfirmation(), 'paused', ['label']],
    [stops.clearedBy('x'), 'cleared', ['label', 'comment-on-pr']],
    [{ kind: 'achieved', evidence: 'green' } as const, 'achieved', ['label']],
    [stops.failed('boom', 'fix it', 'crash'), 'failed', ['label']],
  ])('loop stopped with %o → %s, effects %o', (reason, state, effects) => {
    const r = goalIn('pursuing');
    r.runs.push({ id: '777', startedAt: '2026-11-21T07:00:00Z' });
    const t = applySystem(r, { kind: 'loop-stopped', reason }, c);
    expect(t.record!.state).toBe(state);
    expect(t.record!.stopReason).toEqual(reason);
    expect(t.record!.lock).toBeUndefined();
    expect(t.record!.runs.at(-1)!.endedAt).toBe(NOW);
    expect(t.effects.map((e) => e.kind)).toEqual(effects);
  });

  it('continuation follows the cause, never the words: a deadline pause without the words still continues', () => {
    const reason = { kind: 'paused', detail: 'Stopped for now.', cause: 'deadline' } as const;
    const t = applySystem(goalIn('pursuing'), { kind: 'loop-stopped', reason }, c);
    expect(effectsOf(t, 'dispatch-continuation')).toHaveLength(1);
    const worded = { kind: 'paused', detail: 'reached its time limit', cause: 'user' } as const;
    const u = applySystem(goalIn('pursuing'), { kind: 'loop-stopped', reason: worded }, c);
    expect(effectsOf(u, 'dispatch-continuation')).toHaveLength(0);
  });

  it('deadline reached and lock lost tell the loop what to do and change nothing', () => {
    const r = goalIn('pursuing');
    const d = applySystem(r, { kind: 'deadline-reached' }, ctx(true));
    expect(d.record).toBe(r);
    expect(d.effects).toEqual([{ kind: 'stop-loop', reason: stops.deadline() }]);
    const l = applySystem(r, { kind: 'lock-lost', by: '888' }, ctx(true));
    expect(l.record).toBe(r);
    expect(l.effects).toEqual([{ kind: 'abandon-loop', by: '888' }]);
  });

  it.each([
    ['queued', false, 'failed', ['label']],
    ['pursuing', false, 'failed', ['label']],
    ['pursuing', true, 'pursuing', []],
    ['achieved', false, 'achieved', []],
    ['paused', false, 'paused', []],
  ] as const)(
    'failed outside the loop on a %s goal (loop running: %s) → %s',
    (state, running, next, effects) => {
      const t = applySystem(
        goalIn(state),
        {
          kind: 'failed-outside-loop',
          error: 'The `openai-api-key` input is empty.',
          action: 'Add the secret, then `/goal resume`.',
          cause: 'config',
        },
        ctx(running),
      );
      expect(t.record!.state).toBe(next);
      expect(t.effects.map((e) => e.kind)).toEqual(effects);
      if (next === 'failed')
        expect(t.record!.stopReason).toMatchObject({ kind: 'failed', cause: 'config' });
    },
  );

  describe('re-run', () => {
    const rerunOf = (state: GoalState, attempt = 2) => {
      const r = goalIn(state);
      r.runs = [{ id: '777', startedAt: '2026-11-21T07:00:00Z' }];
      return applySystem(r, { kind: 'rerun', runId: '777', attempt }, c);
    };
    it.each([
      ['paused', 'queued', ['label', 'pursue']],
      ['pursuing', 'queued', ['label', 'pursue']],
      ['stalled', 'queued', ['label', 'pursue']],
      ['achieved', 'achieved', ['render-status']],
      ['cleared', 'cleared', ['render-status']],
      ['failed', 'failed', ['render-status']], // cause 'model': a re-run cannot fix it
      ['budget-limited', 'budget-limited', ['render-status']],
    ] as const)('of a %s goal → %s', (state, next, effects) => {
      const t = rerunOf(state);
      expect(t.record!.state).toBe(next);
      expect(t.effects.map((e) => e.kind)).toEqual(effects);
    });

    it('a first attempt, or a run that never worked on the goal, is not a re-run', () => {
      expect(rerunOf('paused', 1).outcome).toBe('not-a-rerun');
      const r = goalIn('paused');
      expect(applySystem(r, { kind: 'rerun', runId: '999', attempt: 3 }, c).outcome).toBe(
        'not-a-rerun',
      );
    });

    it('continues a failure whose cause a re-run fixes', () => {
      const r = goalIn('failed');
      r.stopReason = stops.failed('provider 503', 'Re-run later.', 'transient');
      r.runs = [{ id: '777', startedAt: '2026-11-21T07:00:00Z' }];
      const t = applySystem(r, { kind: 'rerun', runId: '777', attempt: 2 }, c);
      expect(t.record!.state).toBe('queued');
    });
  });

  it('continuation nonce: issued, then consumed once', () => {
    const issued = applySystem(
      goalIn('paused'),
      { kind: 'continuation-issued', nonceHash: 'f'.repeat(64), runId: '777' },
      c,
    ).record!;
    expect(issued.continuation).toEqual({ nonceHash: 'f'.repeat(64), issuedAt: NOW, byRun: '777' });
    const consumed = applySystem(issued, { kind: 'continuation-consumed', runId: '778' }, c);
    expect(consumed.record!.continuation!.consumedBy).toBe('778');
    const again = applySystem(consumed.record, { kind: 'continuation-consumed', runId: '778' }, c);
    expect(again.record).toBe(consumed.record);
  });
});

describe('reconcile (the loop write hit a conflict)', () => {
  const mineAt = () => {
    const r = goalIn('pursuing');
    r.lock = { runId: '777', heartbeatAt: NOW };
    return r;
  };
  const routeApplies = (stored: GoalRecord, command: DomainCommand, id: string) =>
    applyCommand(stored, { id, actor: 'maintainer', command }, ctx(true)).record!;

  it('takes on an edit and a budget the route job applied, keeps its own spending', () => {
    const base = mineAt();
    let stored = routeApplies(base, COMMANDS.edit, 'comment:1');
    stored = routeApplies(stored, COMMANDS.budget, 'comment:2');
    const mine = structuredClone(base);
    mine.ledger.tokens += 5_000;
    mine.iteration += 1;
    const t = reconcile(mine, stored);
    expect(t.record!.contract.outcome).toBe(NEW_CONTRACT.outcome);
    expect(t.record!.contractRevision).toBe(2);
    expect(t.record!.budget.tokens).toBe(5_000_000);
    expect(t.record!.ledger.tokens).toBe(base.ledger.tokens + 5_000);
    expect(t.record!.iteration).toBe(base.iteration + 1);
    expect(t.record!.stall).toEqual({ idle: 0, nudged: false, bestScore: 1 });
    expect(t.record!.commands!.map((c) => c.id)).toEqual(['comment:1', 'comment:2']);
    expect(t.effects.map((e) => e.kind)).toEqual(['contract-changed']);
  });

  it('a pause the route job recorded stops the loop', () => {
    const stored = routeApplies(mineAt(), COMMANDS.pause, 'comment:5');
    const t = reconcile(mineAt(), stored);
    expect(t.effects).toEqual([
      {
        kind: 'stop-loop',
        reason: { kind: 'paused', detail: 'Paused by @maintainer.', cause: 'user' },
      },
    ]);
    expect(pauseCause((t.effects[0] as { reason: GoalRecord['stopReason'] }).reason)).toBe('user');
  });

  it('re-applies nothing it already applied, and returns its own record when nothing is new', () => {
    const mine = routeApplies(mineAt(), COMMANDS.edit, 'comment:1');
    const stored = structuredClone(mine);
    const t = reconcile(mine, stored);
    expect(t.record).toBe(mine);
    expect(t.effects).toEqual([]);
  });

  it('a lock now held by another run, or a new goal, abandons the loop and keeps the stored record', () => {
    const stored = mineAt();
    stored.lock = { runId: '888', heartbeatAt: NOW };
    const t = reconcile(mineAt(), stored);
    expect(t.record).toBe(stored);
    expect(t.effects).toEqual([{ kind: 'abandon-loop', by: '888' }]);
    const replaced = { ...mineAt(), id: 'g-other' };
    expect(reconcile(mineAt(), replaced).effects[0]).toMatchObject({ kind: 'abandon-loop' });
  });

  it('keeps a continuation nonce consumed by the other writer consumed', () => {
    const mine = mineAt();
    mine.continuation = { nonceHash: 'a'.repeat(64), issuedAt: NOW, byRun: '777' };
    const stored = structuredClone(mine);
    stored.continuation!.consumedBy = '778';
    expect(reconcile(mine, stored).record!.continuation!.consumedBy).toBe('778');
  });
});
