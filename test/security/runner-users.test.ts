// The Action as hosted runners run it — a normal user — with and without passwordless sudo, built
// dist/index.js end to end. With sudo the boundary is full (a separate agent user through sudo, in
// namespaces); without it, a user namespace gives what it can and the job summary says what not.
// Needs root here to create the users (and the `sudo` package for the first case; the project's
// scripts/install-test-deps.sh installs it); skipped otherwise.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFile, rm } from 'node:fs/promises';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GoalWorld } from '../support/goal-world.js';
import {
  COMPLETE,
  FIX,
  GoalWorld as World,
  MAINTAINER,
  goalScript,
} from '../support/goal-world.js';
import {
  API_KEY,
  JOB_SECRET,
  expectNoCanary,
  isRoot,
  liveProcesses,
  mark,
  shell,
} from './support.js';

const SUDO_USER = 'ga-runner-sudo';
const PLAIN_USER = 'ga-runner-plain';
const SUDOERS = `/etc/sudoers.d/${SUDO_USER}`;
const hasSudo = existsSync('/usr/bin/sudo');

async function ensureUser(name: string): Promise<{ uid: number; gid: number }> {
  const exists = await execa('id', ['-u', name], { reject: false });
  if (exists.exitCode !== 0) await execa('useradd', ['--create-home', '--user-group', name]);
  const uid = Number((await execa('id', ['-u', name])).stdout);
  const gid = Number((await execa('id', ['-g', name])).stdout);
  return { uid, gid };
}

/**
 * The test's bare remote belongs to root; the runner's user may use it, as a machine-wide git
 * setting would say (on a real runner the remote is GitHub over https).
 */
const SYSTEM_GITCONFIG = path.join(os.tmpdir(), `ga-runner-users-${process.pid}.gitconfig`);
const REMOTE_OWNED_BY_ROOT = { GIT_CONFIG_SYSTEM: SYSTEM_GITCONFIG };

let world: GoalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function goalAs(user: { uid: number; gid: number }, tag: string) {
  const script = goalScript([
    shell(
      `cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n' | grep -c canary; ` +
        `echo '[core]' >> .git/config 2>&1 || echo git-config-refused; ` +
        `(setsid bash -c 'exec -a ${tag} sleep 600' &); echo agent-uid=$(id -u)`,
    ),
    FIX,
    COMPLETE,
  ]);
  world = await World.create(script);
  const issue = world.issue();
  const run = await world.comment(
    issue.number,
    MAINTAINER,
    '/goal Make total() honour quantities',
    {
      user,
      inputs: { 'openai-api-key': API_KEY },
      env: { NPM_TOKEN: JOB_SECRET, ...REMOTE_OWNED_BY_ROOT },
    },
  );
  return { world, run };
}

describe.skipIf(!isRoot)(
  'the Action run by a normal user, as on hosted runners (needs root)',
  () => {
    let sudoUser: { uid: number; gid: number };
    let plainUser: { uid: number; gid: number };
    beforeAll(async () => {
      await writeFile(SYSTEM_GITCONFIG, '[safe]\n\tdirectory = *\n', { mode: 0o644 });
      plainUser = await ensureUser(PLAIN_USER);
      if (hasSudo) {
        sudoUser = await ensureUser(SUDO_USER);
        await writeFile(SUDOERS, `${SUDO_USER} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 });
      }
    });
    afterAll(async () => {
      await rm(SUDOERS, { force: true });
      await rm(SYSTEM_GITCONFIG, { force: true });
    });

    it.skipIf(!hasSudo)(
      'with passwordless sudo: the full boundary, and the goal is achieved',
      async () => {
        const tag = mark();
        const { world: w, run } = await goalAs(sudoUser, tag);
        expect(run.failed, run.stdout + run.stderr).toBe(false);
        expect(run.outputs.status).toBe('achieved');
        expect(run.summary).toContain('Sandbox: full boundary');
        const seen = w.openai.requests.map((r) => JSON.stringify(r.body)).join('\n');
        expect(seen).toContain('git-config-refused');
        expect(seen).toContain('Output:\\n0\\n'); // no process environ shows the canary
        // The agent is neither the runner's user nor root, and its per-run user is gone afterwards.
        const agentUid = Number(/agent-uid=(\d+)/.exec(seen)?.[1]);
        expect(agentUid).toBeGreaterThan(0);
        expect(agentUid).not.toBe(sudoUser.uid);
        expect(
          (await execa('getent', ['passwd', String(agentUid)], { reject: false })).exitCode,
        ).toBe(2);
        expect(await liveProcesses(tag)).toEqual([]);
        await expectNoCanary(w, run);
      },
    );

    it('without sudo: a user namespace, the gaps stated, secrets and .git still out of reach', async () => {
      const tag = mark();
      const { world: w, run } = await goalAs(plainUser, tag);
      expect(run.failed, run.stdout + run.stderr).toBe(false);
      expect(run.outputs.status).toBe('achieved');
      expect(run.summary).toContain('Sandbox: partial');
      expect(run.summary).toContain('no separate user');
      const seen = w.openai.requests.map((r) => JSON.stringify(r.body)).join('\n');
      expect(seen).toContain('git-config-refused');
      expect(seen).toContain('Output:\\n0\\n'); // the Action's environ is not even visible
      expect(await liveProcesses(tag)).toEqual([]);
      await expectNoCanary(w, run);
    });

    it('without sudo, `sandbox: strict` refuses to run and says why', async () => {
      world = await World.create(goalScript([FIX, COMPLETE]));
      const issue = world.issue();
      const run = await world.comment(
        issue.number,
        MAINTAINER,
        '/goal Make total() honour quantities',
        {
          user: plainUser,
          inputs: { sandbox: 'strict' },
          env: REMOTE_OWNED_BY_ROOT,
        },
      );
      expect(run.failed).toBe(true);
      expect(run.stdout).toMatch(/sandbox: strict, but this runner cannot give the full boundary/);
      expect(world.openai.requests).toHaveLength(0);
    });
  },
);
