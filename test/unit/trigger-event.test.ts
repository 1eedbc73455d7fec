// Which events start or steer a goal, and why the others are ignored.
import { describe, expect, it } from 'vitest';
import { classifyEvent } from '../../src/trigger/event.js';

const cfg = { triggerLabel: 'goal-ready' };

function commentPayload(body: string, extra: Record<string, unknown> = {}) {
  return {
    action: 'created',
    issue: { number: 7, title: 'Parser', body: 'issue body' },
    comment: { id: 1001, body, user: { login: 'alice', type: 'User' } },
    sender: { login: 'alice', type: 'User' },
    ...extra,
  };
}

describe('issue_comment', () => {
  it('a new /goal comment on an issue', () => {
    expect(classifyEvent('issue_comment', commentPayload('/goal pause'), cfg)).toEqual({
      kind: 'comment',
      number: 7,
      isPullRequest: false,
      commentId: 1001,
      actor: 'alice',
      actorType: 'User',
      parsed: { kind: 'command', command: { kind: 'pause' } },
    });
  });

  it('a comment on a pull request', () => {
    const payload = commentPayload('/goal', {
      issue: { number: 9, pull_request: { url: 'https://api.github.com/repos/o/r/pulls/9' } },
    });
    expect(classifyEvent('issue_comment', payload, cfg)).toMatchObject({
      kind: 'comment',
      number: 9,
      isPullRequest: true,
    });
  });

  it('a malformed command is carried through, so it gets a reply', () => {
    const intent = classifyEvent('issue_comment', commentPayload('/goal budget'), cfg);
    expect(intent).toMatchObject({ kind: 'comment', parsed: { kind: 'invalid' } });
  });

  it('a bot comment keeps its type for authorisation', () => {
    const payload = commentPayload('/goal resume');
    payload.comment.user = { login: 'renovate[bot]', type: 'Bot' };
    expect(classifyEvent('issue_comment', payload, cfg)).toMatchObject({
      actor: 'renovate[bot]',
      actorType: 'Bot',
    });
  });

  it('ignores comments without a command, and edits and deletions', () => {
    expect(classifyEvent('issue_comment', commentPayload('LGTM'), cfg)).toEqual({
      kind: 'ignore',
      reason: 'The comment has no /goal command.',
    });
    expect(
      classifyEvent('issue_comment', { ...commentPayload('/goal pause'), action: 'edited' }, cfg),
    ).toMatchObject({
      kind: 'ignore',
      reason: expect.stringContaining('edited'),
    });
    expect(
      classifyEvent('issue_comment', { ...commentPayload('/goal pause'), action: 'deleted' }, cfg),
    ).toMatchObject({
      kind: 'ignore',
      reason: expect.stringContaining('deleted'),
    });
  });

  it('ignores a payload without numbers instead of throwing', () => {
    expect(classifyEvent('issue_comment', { action: 'created' }, cfg).kind).toBe('ignore');
    expect(classifyEvent('issue_comment', null, cfg).kind).toBe('ignore');
  });
});

describe('issues', () => {
  const labeled = (name: string) => ({
    action: 'labeled',
    label: { name },
    issue: { number: 12, title: 'Speed up parsing', body: '### Outcome\n\nFast.' },
    sender: { login: 'bob', type: 'User' },
  });

  it('the trigger label starts a goal from the issue', () => {
    expect(classifyEvent('issues', labeled('goal-ready'), cfg)).toEqual({
      kind: 'label',
      number: 12,
      actor: 'bob',
      actorType: 'User',
      title: 'Speed up parsing',
      body: '### Outcome\n\nFast.',
    });
  });

  it('label names compare without case; a null body is empty', () => {
    const payload = labeled('Goal-Ready');
    (payload.issue as { body: string | null }).body = null;
    expect(classifyEvent('issues', payload, cfg)).toMatchObject({ kind: 'label', body: '' });
  });

  it('ignores other labels and other issue actions, naming the trigger label', () => {
    expect(classifyEvent('issues', labeled('bug'), cfg)).toMatchObject({
      kind: 'ignore',
      reason: expect.stringContaining('`goal-ready`'),
    });
    expect(
      classifyEvent('issues', { ...labeled('goal-ready'), action: 'opened' }, cfg),
    ).toMatchObject({
      kind: 'ignore',
      reason: expect.stringContaining('opened'),
    });
    expect(classifyEvent('issues', labeled('goal-ready'), { triggerLabel: 'agent' })).toMatchObject(
      {
        kind: 'ignore',
      },
    );
  });
});

describe('workflow_dispatch', () => {
  const dispatch = (inputs: Record<string, unknown>) => ({
    inputs,
    sender: { login: 'carol', type: 'User' },
  });

  it('accepts the command with or without /goal, and empty as status', () => {
    expect(
      classifyEvent('workflow_dispatch', dispatch({ issue: '7', command: 'resume' }), cfg),
    ).toEqual({
      kind: 'dispatch',
      number: 7,
      actor: 'carol',
      actorType: 'User',
      parsed: { kind: 'command', command: { kind: 'resume' } },
    });
    expect(
      classifyEvent('workflow_dispatch', dispatch({ issue: 7, command: '/goal budget 5M' }), cfg),
    ).toMatchObject({
      parsed: { kind: 'command', command: { kind: 'budget', budget: { tokens: 5_000_000 } } },
    });
    expect(
      classifyEvent('workflow_dispatch', dispatch({ 'issue-number': '#8' }), cfg),
    ).toMatchObject({
      number: 8,
      parsed: { kind: 'command', command: { kind: 'status' } },
    });
  });

  it('a bad command is carried as invalid; a missing issue number is explained', () => {
    expect(
      classifyEvent('workflow_dispatch', dispatch({ issue: '7', command: 'pause now' }), cfg),
    ).toMatchObject({
      kind: 'dispatch',
      parsed: { kind: 'invalid' },
    });
    expect(classifyEvent('workflow_dispatch', dispatch({ command: 'resume' }), cfg)).toMatchObject({
      kind: 'ignore',
      reason: expect.stringContaining('`issue` input'),
    });
    expect(classifyEvent('workflow_dispatch', dispatch({ issue: 'abc' }), cfg).kind).toBe('ignore');
    expect(classifyEvent('workflow_dispatch', dispatch({ issue: '0' }), cfg).kind).toBe('ignore');
  });
});

it('ignores every other event with its name in the reason', () => {
  for (const name of ['push', 'pull_request', 'pull_request_review_comment', 'schedule']) {
    expect(classifyEvent(name, {}, cfg)).toEqual({
      kind: 'ignore',
      reason: expect.stringContaining(`\`${name}\``),
    });
  }
});
