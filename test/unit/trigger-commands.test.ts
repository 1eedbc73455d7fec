// The /goal command language as a maintainer types it: every command, the options, where commands
// are (not) recognised, Unicode tricks, and the replies malformed commands get.
import { describe, expect, it } from 'vitest';
import {
  COMMAND_USAGE,
  editDistance,
  nearestCommand,
  parseComment,
  type GoalCommand,
} from '../../src/trigger/commands.js';

function command(body: string): GoalCommand {
  const parsed = parseComment(body);
  if (parsed.kind !== 'command')
    throw new Error(`expected a command, got ${JSON.stringify(parsed)}`);
  return parsed.command;
}

function error(body: string): string {
  const parsed = parseComment(body);
  if (parsed.kind !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(parsed)}`);
  expect(parsed.usage).toBe(COMMAND_USAGE);
  return parsed.error;
}

describe('commands', () => {
  it('starts a goal with the objective', () => {
    expect(command('/goal make npm test pass on Node 24')).toEqual({
      kind: 'start',
      objective: 'make npm test pass on Node 24',
      budget: {},
      verify: [],
    });
  });

  it('reads /goal alone and /goal status as status', () => {
    expect(command('/goal')).toEqual({ kind: 'status' });
    expect(command('/goal   ')).toEqual({ kind: 'status' });
    expect(command('/goal status')).toEqual({ kind: 'status' });
  });

  it('reads pause, clear, resume, budget, edit and ask', () => {
    expect(command('/goal pause')).toEqual({ kind: 'pause' });
    expect(command('/goal clear')).toEqual({ kind: 'clear' });
    expect(command('/goal resume')).toEqual({ kind: 'resume' });
    expect(command('/goal resume try the streaming parser instead')).toEqual({
      kind: 'resume',
      guidance: 'try the streaming parser instead',
    });
    expect(command('/goal budget 5M')).toEqual({ kind: 'budget', budget: { tokens: 5_000_000 } });
    expect(command('/goal budget 5M tokens, $20, 6h')).toEqual({
      kind: 'budget',
      budget: { tokens: 5_000_000, usd: 20, timeSec: 6 * 3600 },
    });
    expect(command('/goal budget --usd 20 --iterations 100')).toEqual({
      kind: 'budget',
      budget: { usd: 20, iterations: 100 },
    });
    expect(command('/goal edit support CRLF input too')).toEqual({
      kind: 'edit',
      objective: 'support CRLF input too',
    });
    expect(command('/goal ask why did iteration 3 revert the cache?')).toEqual({
      kind: 'ask',
      question: 'why did iteration 3 revert the cache?',
    });
  });

  it('accepts the capitalisation and punctuation phones add', () => {
    expect(command('/Goal Pause')).toEqual({ kind: 'pause' });
    expect(command('/GOAL resume.')).toEqual({ kind: 'resume' });
    expect(command('/goal status?')).toEqual({ kind: 'status' });
    expect(command('/goal edit: a new objective')).toEqual({
      kind: 'edit',
      objective: 'a new objective',
    });
  });
});

describe('options', () => {
  it('reads every option after the objective', () => {
    expect(
      command(
        '/goal make tests pass --budget 1.5m --usd $5 --time 1h30m --iterations 40 --verify "npm test" --verify npm run lint',
      ),
    ).toEqual({
      kind: 'start',
      objective: 'make tests pass',
      budget: { tokens: 1_500_000, usd: 5, timeSec: 5400, iterations: 40 },
      verify: ['npm test', 'npm run lint'],
    });
  });

  it('accepts token amounts, dollar forms and durations', () => {
    const budget = (opts: string) => (command(`/goal x ${opts}`) as { budget: object }).budget;
    expect(budget('--budget 500k')).toEqual({ tokens: 500_000 });
    expect(budget('--budget 2M')).toEqual({ tokens: 2_000_000 });
    expect(budget('--budget 2000000')).toEqual({ tokens: 2_000_000 });
    expect(budget('--budget "2M tokens, $5"')).toEqual({ tokens: 2_000_000, usd: 5 });
    expect(budget('--usd 5')).toEqual({ usd: 5 });
    expect(budget('--usd 2.50')).toEqual({ usd: 2.5 });
    expect(budget('--time 90m')).toEqual({ timeSec: 5400 });
    expect(budget('--time 2d')).toEqual({ timeSec: 172_800 });
    expect(budget('--time 3h')).toEqual({ timeSec: 10_800 });
  });

  it('reads quoted values in every quote style, and `--opt=value`', () => {
    const verify = (opts: string) => (command(`/goal x ${opts}`) as { verify: string[] }).verify;
    expect(verify(`--verify 'npm test -- --ci'`)).toEqual(['npm test -- --ci']);
    expect(verify('--verify `cargo test --all`')).toEqual(['cargo test --all']);
    expect(verify('--verify “npm test”')).toEqual(['npm test']);
    expect(verify('--verify="npm test" --time=2h')).toEqual(['npm test']);
  });

  it('reads an em dash as -- (phones replace it)', () => {
    expect(command('/goal x —budget 2M —verify npm test')).toEqual({
      kind: 'start',
      objective: 'x',
      budget: { tokens: 2_000_000 },
      verify: ['npm test'],
    });
  });

  it('continues the objective on following lines up to a blank line; options may follow there', () => {
    const body =
      'Thanks!\n/goal make the parser\n  handle CRLF input\n--budget 2M\n\nI will look later.';
    expect(command(body)).toEqual({
      kind: 'start',
      objective: 'make the parser\nhandle CRLF input',
      budget: { tokens: 2_000_000 },
      verify: [],
    });
  });

  it('a quoted objective may start with a reserved word and contain --', () => {
    expect(command('/goal "clear the cache on logout" --time 1h')).toMatchObject({
      kind: 'start',
      objective: 'clear the cache on logout',
      budget: { timeSec: 3600 },
    });
    expect(command('/goal "support --dry-run"')).toMatchObject({ objective: 'support --dry-run' });
    // A quote that only opens the objective stays part of it.
    expect(command('/goal "Foo" crashes on load')).toMatchObject({
      objective: '"Foo" crashes on load',
    });
    expect(command('/goal fix `--dry-run` output')).toMatchObject({
      objective: 'fix `--dry-run` output',
    });
  });
});

describe('where commands are recognised', () => {
  it('only at the start of a line, with up to three leading spaces', () => {
    expect(command('   /goal pause')).toEqual({ kind: 'pause' });
    expect(parseComment('please /goal pause')).toEqual({ kind: 'none' });
    expect(parseComment('    /goal pause')).toEqual({ kind: 'none' }); // an indented code block
    expect(parseComment('- /goal pause')).toEqual({ kind: 'none' });
  });

  it('never inside fenced code blocks, including unclosed and tilde fences', () => {
    expect(parseComment('Try:\n```\n/goal pause\n```')).toEqual({ kind: 'none' });
    expect(parseComment('~~~md\n/goal pause\n~~~')).toEqual({ kind: 'none' });
    expect(parseComment('````\n```\n/goal pause\n````')).toEqual({ kind: 'none' });
    expect(parseComment('```\nnever closed\n/goal pause')).toEqual({ kind: 'none' });
    expect(command('```\n/goal clear\n```\n/goal pause')).toEqual({ kind: 'pause' });
  });

  it('never in a block quote or its lazy continuation', () => {
    expect(parseComment('> /goal clear')).toEqual({ kind: 'none' });
    expect(parseComment('> they wrote\n/goal clear')).toEqual({ kind: 'none' });
    expect(command('> they wrote\n\n/goal pause')).toEqual({ kind: 'pause' });
  });

  it('never in an HTML comment (a reader cannot see it)', () => {
    expect(parseComment('<!--\n/goal clear\n-->')).toEqual({ kind: 'none' });
  });

  it('the first command wins', () => {
    expect(command('/goal pause\n\n/goal clear')).toEqual({ kind: 'pause' });
    expect(error('/goal pause now\n\n/goal clear')).toContain('takes no text');
  });

  it('not /goalx, /goal: or a comment without a command', () => {
    expect(parseComment('/goalx pause')).toEqual({ kind: 'none' });
    expect(parseComment('/goals')).toEqual({ kind: 'none' });
    expect(parseComment('LGTM, thanks')).toEqual({ kind: 'none' });
    expect(parseComment('')).toEqual({ kind: 'none' });
  });

  it('reads fullwidth and zero-width-split commands as the /goal a reader sees', () => {
    expect(command('／ｇｏａｌ ｐａｕｓｅ')).toEqual({ kind: 'pause' });
    expect(command('/go\u200bal pa\u200duse')).toEqual({ kind: 'pause' });
    expect(command('\u202e/goal clear')).toEqual({ kind: 'clear' });
    expect(command('/goal pause\r\n')).toEqual({ kind: 'pause' });
  });

  it('ignores look-alike letters: Cyrillic "о" is not /goal', () => {
    expect(parseComment('/g\u043eal pause')).toEqual({ kind: 'none' });
  });
});

describe('malformed commands name the problem and the right form', () => {
  it('reserved words with text', () => {
    const message = error('/goal clear the cache on logout');
    expect(message).toContain('`/goal clear` takes no text');
    expect(message).toContain('`/goal "clear the cache on logout"`');
    expect(error('/goal pause please')).toContain('`/goal pause` takes no text');
    expect(error('/goal status now')).toContain('`/goal status` takes no text');
  });

  it('unknown options, with the known ones and how to keep the text', () => {
    const message = error('/goal support the --dry-run flag');
    expect(message).toContain('Unknown option `--dry-run`');
    expect(message).toContain('`--budget`, `--usd`, `--time`, `--iterations`, `--verify`');
    expect(message).toContain('backticks');
  });

  it('missing values and bad amounts', () => {
    expect(error('/goal x --verify')).toContain(
      '`--verify` needs a value, e.g. `--verify "npm test"`',
    );
    expect(error('/goal x --budget')).toContain('`--budget` needs a value');
    expect(error('/goal x --budget lots')).toContain('`--budget` does not understand "lots"');
    expect(error('/goal x --usd five')).toContain('`--usd` does not understand "five"');
    expect(error('/goal x --time 3')).toContain('`--time 3h` (90m, 1h30m, 2d)');
    expect(error('/goal x --iterations 4.5')).toContain('`--iterations 40`');
    expect(error('/goal x --usd 0')).toContain('more than zero');
    expect(error('/goal x --budget 2M --budget 3M')).toContain('token limit is given twice');
    expect(error('/goal x --verify "npm test" extra')).toContain(
      'after the quoted value of `--verify`',
    );
    expect(error('/goal x --verify "npm test')).toContain('quote is not closed');
  });

  it('an empty objective for start, edit and ask', () => {
    expect(error('/goal --budget 2M')).toContain('The objective is empty');
    expect(error('/goal edit')).toContain('`/goal edit <objective>`');
    expect(error('/goal ask')).toContain('`/goal ask <question>`');
  });

  it('budget without an amount, or with a bare number', () => {
    expect(error('/goal budget')).toContain('needs an amount, e.g. `/goal budget 5M`');
    const bare = error('/goal budget 40');
    expect(bare).toContain('"40" has no unit');
    expect(bare).toContain('`40 iterations`');
    expect(error('/goal budget --verify "npm test"')).toContain('does not take `--verify`');
  });

  it('options where only text belongs', () => {
    expect(error('/goal edit new objective --budget 5M')).toContain('`/goal budget <amount>`');
    expect(error('/goal resume --budget 5M')).toContain('raise the budget first');
    // ask takes any question, even one about options.
    expect(command('/goal ask what does --budget do?')).toEqual({
      kind: 'ask',
      question: 'what does --budget do?',
    });
  });

  it('cuts what it echoes, so a huge comment gets a short reply', () => {
    expect(error(`/goal x --usd ${'z'.repeat(5_000)}`).length).toBeLessThan(300);
    expect(error(`/goal pause ${'z'.repeat(5_000)}`).length).toBeLessThan(400);
  });

  it('/goal help answers with the usage', () => {
    expect(error('/goal help')).toContain('how to write');
  });

  it('the usage documents the syntax decisions', () => {
    for (const text of [
      '--budget 2M',
      '--usd 5',
      '--time 3h',
      '--iterations 40',
      '--verify "npm test"',
    ]) {
      expect(COMMAND_USAGE).toContain(text);
    }
    expect(COMMAND_USAGE).toContain('first blank line');
    expect(COMMAND_USAGE).toContain('must be quoted');
  });
});

describe('commands that are almost commands', () => {
  it.each([
    ['/goal pasue', '/goal pause'],
    ['/goal puase', '/goal pause'],
    ['/goal resmue', '/goal resume'],
    ['/goal stauts', '/goal status'],
    ['/goal clera', '/goal clear'],
    ['/goal Pause!', undefined],
    ['/goal hepl', '/goal help'],
    ['/goal budgte 5M', '/goal budget 5M'],
  ])('%s → did you mean `%s`?, and no goal', (body, meant) => {
    const parsed = parseComment(body);
    if (meant === undefined) {
      expect(parsed).toEqual({ kind: 'command', command: { kind: 'pause' } });
      return;
    }
    expect(parsed.kind).toBe('invalid');
    expect(error(body)).toContain(`did you mean \`${meant}\`?`);
    expect(error(body)).toContain('No goal was started');
  });

  it('refuses a one-word objective near a command, and says how to start it on purpose', () => {
    const message = error('/goal clean');
    expect(message).toContain('did you mean `/goal clear`?');
    expect(message).toContain('`/goal "clean"`');
    expect(command('/goal "clean"')).toMatchObject({ kind: 'start', objective: 'clean' });
  });

  it('still starts goals whose objective merely begins with a near word, or is one unrelated word', () => {
    expect(command('/goal clean up the cache on logout')).toMatchObject({
      kind: 'start',
      objective: 'clean up the cache on logout',
    });
    expect(command('/goal refactor')).toMatchObject({ kind: 'start', objective: 'refactor' });
    expect(command('/goal budgeting report for Q3')).toMatchObject({ kind: 'start' });
    expect(command('/goal pass')).toMatchObject({ kind: 'start', objective: 'pass' });
  });

  it('measures typos as a person makes them: one swap of neighbours is one slip', () => {
    expect(editDistance('pasue', 'pause')).toBe(1);
    expect(editDistance('pause', 'pause')).toBe(0);
    expect(editDistance('resmue', 'resume')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearestCommand('pase')).toBe('pause');
    expect(nearestCommand('deploy')).toBeUndefined();
  });
});
