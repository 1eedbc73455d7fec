// Who may start or steer a goal: people with write access (checked through the permissions API,
// failing closed), bots only when allowed by name, never a fork's pull request. Every refusal has a
// reason to reply with. Our own comments never get here: they carry the Action's mark and are
// ignored when the event is read (trigger/event.ts), whoever the token belongs to.

export type AuthResult =
  | { ok: true }
  | {
      ok: false;
      reason: string;
      /** Say nothing at all. */
      silent: boolean;
      /** Answer with a reaction rather than a comment (bots: no comment ping-pong between bots). */
      reactionOnly?: boolean;
    };

export interface AuthorizeParams {
  actor: string;
  actorType: string;
  /** Who started this run, when it differs from the actor (a re-run in the Actions UI). */
  triggeringActor?: string;
  allowedBots: string[];
  /** The comment is on a pull request whose head is in a fork. */
  fromFork: boolean;
  /** The user's permission on the repository (admin, maintain, write, triage, read, none). */
  permission: (user: string) => Promise<string>;
  /** How the request arrived. */
  via?: 'comment' | 'label' | 'dispatch';
  /**
   * The actor is the Action itself, proven by the one-time continuation nonce its own dispatch
   * carried (whatever account the token is): the actor is not checked, a different person who
   * re-ran the run still is.
   */
  actorIsAction?: boolean;
}

const WRITERS = new Set(['admin', 'maintain', 'write']);

/** `Name[bot]` and `name` are the same account for comparison; logins are case-insensitive. */
function same(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/\[bot\]$/, '');
  return norm(a) !== '' && norm(a) === norm(b);
}

function isBot(login: string, type?: string): boolean {
  return type === 'Bot' || /\[bot\]$/i.test(login);
}

export async function authorize(p: AuthorizeParams): Promise<AuthResult> {
  if (!p.actor.trim()) {
    return {
      ok: false,
      silent: false,
      reason: 'The event names no user, so nobody can be checked for permission.',
    };
  }
  if (p.fromFork) {
    return {
      ok: false,
      silent: false,
      reason:
        '`/goal` is not available on pull requests from forks: the goal would run with write access on code this repository does not control. Push the branch to this repository (or open an issue) and use `/goal` there.',
    };
  }
  const people = p.actorIsAction ? [] : [{ login: p.actor, type: p.actorType }];
  if (p.triggeringActor && !same(p.triggeringActor, p.actor)) {
    people.push({ login: p.triggeringActor, type: isBot(p.triggeringActor) ? 'Bot' : 'User' });
  }
  for (const person of people) {
    const refusal = await check(person.login, person.type, p);
    if (refusal) return refusal;
  }
  return { ok: true };
}

async function check(
  login: string,
  type: string,
  p: AuthorizeParams,
): Promise<AuthResult | undefined> {
  if (isBot(login, type)) {
    if (p.allowedBots.some((bot) => same(bot, login))) return undefined;
    return {
      ok: false,
      silent: false,
      reactionOnly: true,
      reason: `@${login} is a bot; bots may send /goal commands only when listed in the \`allowed-bots\` input.`,
    };
  }
  let permission: string;
  try {
    permission = (await p.permission(login)).trim().toLowerCase();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      silent: false,
      reason: `Could not verify permission for @${login} (${detail}), so nothing was done. Re-run the workflow; if it keeps failing, check that the token can read collaborator permissions.`,
    };
  }
  if (WRITERS.has(permission)) return undefined;
  const relabel =
    p.via === 'label' ? ' A maintainer can remove and add the label again to start the goal.' : '';
  return {
    ok: false,
    silent: false,
    reason: `@${login} has ${permission || 'no'} access to this repository; starting or steering a goal needs write, maintain or admin access.${relabel}`,
  };
}
