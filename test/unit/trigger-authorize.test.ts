// Who may start or steer a goal. The permission lookup is a fake; this is the decision logic.
import { describe, expect, it } from 'vitest';
import { authorize, type AuthorizeParams } from '../../src/trigger/authorize.js';

const PERMISSIONS: Record<string, string> = {
  alice: 'admin',
  mona: 'maintain',
  wendy: 'write',
  trish: 'triage',
  rita: 'read',
  nobody: 'none',
};

function params(over: Partial<AuthorizeParams> = {}): AuthorizeParams {
  return {
    actor: 'alice',
    actorType: 'User',
    allowedBots: [],
    fromFork: false,
    permission: async (user) => {
      const permission = PERMISSIONS[user.toLowerCase()];
      if (permission === undefined) throw new Error('HTTP 404');
      return permission;
    },
    ...over,
  };
}

describe('authorize', () => {
  it('allows admin, maintain and write', async () => {
    for (const actor of ['alice', 'mona', 'wendy', 'Wendy']) {
      expect(await authorize(params({ actor }))).toEqual({ ok: true });
    }
  });

  it('refuses triage, read and none, visibly, naming the access needed', async () => {
    for (const actor of ['trish', 'rita', 'nobody']) {
      const result = await authorize(params({ actor }));
      expect(result).toMatchObject({ ok: false, silent: false });
      expect(result.ok ? '' : result.reason).toContain(
        `@${actor} has ${PERMISSIONS[actor]} access`,
      );
      expect(result.ok ? '' : result.reason).toContain('write, maintain or admin');
    }
  });

  it('tells a label refused for lack of access how a maintainer starts it', async () => {
    const result = await authorize(params({ actor: 'rita', via: 'label' }));
    expect(result.ok ? '' : result.reason).toContain('add the label again');
  });

  it('fails closed when the permission lookup fails', async () => {
    const result = await authorize(params({ actor: 'stranger' }));
    expect(result).toMatchObject({ ok: false, silent: false });
    expect(result.ok ? '' : result.reason).toContain(
      'Could not verify permission for @stranger (HTTP 404)',
    );
  });

  it('checks a maintainer who runs the Action with their own token like anyone else', async () => {
    // Our own comments are recognised by their mark (trigger/event.ts), never by the author.
    expect(await authorize(params({ actor: 'wendy' }))).toEqual({ ok: true });
  });

  it('allows the Action’s own dispatch (proven by its nonce) whatever bot sent it', async () => {
    for (const actor of ['github-actions[bot]', 'goal-app[bot]'])
      expect(
        await authorize(params({ actor, actorType: 'Bot', via: 'dispatch', actorIsAction: true })),
      ).toEqual({ ok: true });
  });

  it('refuses any other dispatch by a bot, and one by a reader', async () => {
    expect(
      await authorize(params({ actor: 'github-actions[bot]', actorType: 'Bot', via: 'dispatch' })),
    ).toMatchObject({ ok: false, reactionOnly: true });
    expect(await authorize(params({ actor: 'rita', via: 'dispatch' }))).toMatchObject({
      ok: false,
    });
  });

  it('refuses bots not allowed by name, visibly but with a reaction only', async () => {
    const result = await authorize(params({ actor: 'renovate[bot]', actorType: 'Bot' }));
    expect(result).toEqual({
      ok: false,
      silent: false,
      reactionOnly: true,
      reason: expect.stringContaining('`allowed-bots`'),
    });
  });

  it('allows a bot listed in allowed-bots, with or without [bot], any case', async () => {
    for (const listed of ['renovate[bot]', 'Renovate']) {
      expect(
        await authorize(
          params({ actor: 'renovate[bot]', actorType: 'Bot', allowedBots: [listed] }),
        ),
      ).toEqual({ ok: true });
    }
  });

  it('refuses fork pull requests with an explanation, even for admins', async () => {
    const result = await authorize(params({ fromFork: true }));
    expect(result).toMatchObject({ ok: false, silent: false });
    expect(result.ok ? '' : result.reason).toContain('forks');
  });

  it('checks the triggering actor of a re-run too', async () => {
    expect(await authorize(params({ actor: 'alice', triggeringActor: 'wendy' }))).toEqual({
      ok: true,
    });
    const result = await authorize(params({ actor: 'alice', triggeringActor: 'rita' }));
    expect(result).toMatchObject({ ok: false, silent: false });
    expect(result.ok ? '' : result.reason).toContain('@rita');
    const failed = await authorize(params({ actor: 'alice', triggeringActor: 'ghost' }));
    expect(failed.ok ? '' : failed.reason).toContain('Could not verify permission for @ghost');
  });

  it('a re-run of our own dispatch is checked against the person who re-ran it', async () => {
    const result = await authorize(
      params({
        actor: 'github-actions[bot]',
        actorType: 'Bot',
        via: 'dispatch',
        actorIsAction: true,
        triggeringActor: 'rita',
      }),
    );
    expect(result).toMatchObject({ ok: false });
  });

  it('refuses an event without an actor', async () => {
    expect(await authorize(params({ actor: '' }))).toMatchObject({ ok: false, silent: false });
  });
});
