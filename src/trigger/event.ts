// Which GitHub event this run is, and what it asks for. Pure: the event name and payload in, an
// intent out — everything we will not act on becomes `ignore` with a reason for the log.
import { isOwnWrite } from '../github/own-mark.js';
import { COMMAND_USAGE, parseComment, type ParsedComment } from './commands.js';

export type Intent =
  | {
      kind: 'comment';
      number: number;
      isPullRequest: boolean;
      commentId: number;
      actor: string;
      actorType: string;
      parsed: ParsedComment;
    }
  | { kind: 'label'; number: number; actor: string; actorType: string; title: string; body: string }
  | {
      kind: 'dispatch';
      number: number;
      actor: string;
      actorType: string;
      parsed: ParsedComment;
      /** The one-time nonce the Action's own continuation dispatch carries (checked later). */
      continuation?: string;
    }
  | { kind: 'ignore'; reason: string };

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function positiveInt(value: unknown): number | undefined {
  const n =
    typeof value === 'string' && /^\s*#?\d+\s*$/.test(value)
      ? Number(value.replace('#', ''))
      : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function user(value: unknown): { login: string; type: string } {
  const u = object(value);
  return { login: text(u?.login), type: text(u?.type) || 'User' };
}

export function classifyEvent(
  eventName: string,
  // The webhook payload as @actions/github hands it over; every field is checked before use.
  payload: unknown,
  cfg: { triggerLabel: string },
): Intent {
  const p = object(payload) ?? {};
  switch (eventName) {
    case 'issue_comment':
      return classifyComment(p);
    case 'issues':
      return classifyIssue(p, cfg.triggerLabel);
    case 'workflow_dispatch':
      return classifyDispatch(p);
    default:
      return {
        kind: 'ignore',
        reason: `The \`${eventName}\` event does not start or steer goals (use issue_comment, issues or workflow_dispatch).`,
      };
  }
}

function classifyComment(p: Json): Intent {
  const action = text(p.action);
  if (action !== 'created') {
    return {
      kind: 'ignore',
      reason: `A comment was ${action || 'changed'}; only new comments carry commands.`,
    };
  }
  const issue = object(p.issue);
  const comment = object(p.comment);
  const number = positiveInt(issue?.number);
  const commentId = positiveInt(comment?.id);
  if (!number || !commentId)
    return { kind: 'ignore', reason: 'The comment event has no issue number or comment id.' };
  const body = text(comment?.body);
  // Whoever the token is (a bot, an App, a person's PAT), the Action's own comments carry its mark.
  if (isOwnWrite(body))
    return { kind: 'ignore', reason: 'The comment is our own (it carries goal-action’s mark).' };
  const parsed = parseComment(body);
  if (parsed.kind === 'none')
    return { kind: 'ignore', reason: 'The comment has no /goal command.' };
  const author = user(comment?.user);
  return {
    kind: 'comment',
    number,
    isPullRequest: Boolean(issue?.pull_request),
    commentId,
    actor: author.login,
    actorType: author.type,
    parsed,
  };
}

function classifyIssue(p: Json, triggerLabel: string): Intent {
  const action = text(p.action);
  if (action !== 'labeled') {
    return {
      kind: 'ignore',
      reason: `An issue was ${action || 'changed'}; goals start when the \`${triggerLabel}\` label is added.`,
    };
  }
  const label = text(object(p.label)?.name);
  // GitHub treats label names case-insensitively.
  if (label.toLowerCase() !== triggerLabel.toLowerCase()) {
    return {
      kind: 'ignore',
      reason: `The label \`${label}\` is not the trigger label \`${triggerLabel}\`.`,
    };
  }
  const issue = object(p.issue);
  const number = positiveInt(issue?.number);
  if (!number) return { kind: 'ignore', reason: 'The issue event has no issue number.' };
  const sender = user(p.sender);
  return {
    kind: 'label',
    number,
    actor: sender.login,
    actorType: sender.type,
    title: text(issue?.title),
    body: text(issue?.body),
  };
}

function classifyDispatch(p: Json): Intent {
  const inputs = object(p.inputs) ?? {};
  const rawNumber = inputs.issue ?? inputs['issue-number'] ?? inputs.issue_number;
  const number = positiveInt(rawNumber);
  if (!number) {
    return {
      kind: 'ignore',
      reason: `workflow_dispatch needs the issue or pull request number in the \`issue\` input (got ${JSON.stringify(rawNumber ?? '')}).`,
    };
  }
  const command = text(inputs.command).trim();
  // "resume", "/goal resume" and "" (status) all mean the same command.
  const line = /^\/goal(\s|$)/i.test(command) ? command : `/goal ${command}`.trim();
  const parsed = parseComment(line);
  const sender = user(p.sender);
  const continuation = text(inputs.continuation).trim();
  return {
    kind: 'dispatch',
    number,
    actor: sender.login,
    actorType: sender.type,
    ...(/^[A-Za-z0-9_-]{16,128}$/.test(continuation) ? { continuation } : {}),
    parsed:
      parsed.kind === 'none'
        ? {
            kind: 'invalid',
            error: `The \`command\` input "${command}" is not a /goal command; write e.g. \`resume\` or \`/goal budget 5M\`.`,
            usage: COMMAND_USAGE,
          }
        : parsed,
  };
}
