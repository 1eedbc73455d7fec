// What the boundary enforces on this runner, and what it cannot: shown in the job summary and the
// status comment, so nobody has to guess how safe a run was.

import type { Privilege } from './boundary.js';

export interface SandboxReport {
  /** `full`: every protection holds; `partial`: some gaps (listed); `off`: none. */
  level: 'full' | 'partial' | 'off';
  enforced: string[];
  gaps: string[];
}

export function describeBoundary(facts: {
  mode: 'strict' | 'auto' | 'off';
  privilege: Privilege;
  separateUser: boolean;
  namespaces: boolean;
  network: 'on' | 'off';
  networkIsolated: boolean;
}): SandboxReport {
  if (facts.mode === 'off')
    return {
      level: 'off',
      enforced: ['an allow-listed environment for agent commands'],
      gaps: [
        "sandbox is `off`: agent commands run as the Action's own user, in its namespaces, and can reach what the Action can",
      ],
    };
  const enforced: string[] = ['secrets are absent from the environment of every agent command'];
  const gaps: string[] = [];
  if (facts.separateUser)
    enforced.push('agent commands run as their own unprivileged user, without sudo');
  if (facts.namespaces) {
    enforced.push(
      'own PID and mount namespaces: the Action’s processes are invisible, every agent process dies with its call',
      '$RUNNER_TEMP (file commands, credentials files) is hidden; the Action’s .git is read-only',
      'no capabilities and no way to regain them (no_new_privs)',
    );
    if (!facts.separateUser)
      gaps.push(
        "no separate user (needs root or passwordless sudo): inside the user namespace, files the Action's user owns outside the workspace stay writable",
      );
  } else {
    gaps.push(
      facts.separateUser
        ? 'no PID/mount namespaces here: agent processes are found by uid, and the Action’s .git is protected by file permissions only (the agent, able to write the workspace root, could replace it)'
        : 'no separate user and no namespaces (needs root, passwordless sudo, or unprivileged user namespaces): agent commands run as the Action’s own user',
    );
  }
  if (facts.network === 'off') {
    if (facts.networkIsolated) enforced.push('no network for agent commands (loopback only)');
    else
      gaps.push(
        '`network: off` asked for, but no network namespace is available: the network stays on',
      );
  }
  return { level: gaps.length === 0 ? 'full' : 'partial', enforced, gaps };
}
