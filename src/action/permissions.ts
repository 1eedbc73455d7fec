// Who may steer a running goal: the same rule as for starting one (write access, bots by name),
// looked up once per user per run. The Action's own comments never get here: the poll skips
// comments that carry its mark, whoever the token belongs to.
import { authorize } from '../trigger/authorize.js';
import type { ActionEnv } from './route.js';

export function permissionCheck(
  env: ActionEnv,
): (user: string, userType: string) => Promise<boolean> {
  const cache = new Map<string, boolean>();
  return async (user, userType) => {
    const known = cache.get(user);
    if (known !== undefined) return known;
    const verdict = await authorize({
      actor: user,
      actorType: userType,
      allowedBots: env.cfg.allowedBots,
      fromFork: false,
      permission: (u) => env.gh.permission(u),
    });
    cache.set(user, verdict.ok);
    return verdict.ok;
  };
}
