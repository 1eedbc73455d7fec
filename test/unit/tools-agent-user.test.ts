import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAgentUser, removeAgentUser, type AgentUser } from '../../src/tools/agent-user.js';
import { runCommand } from '../../src/tools/exec.js';
import { makeRepo, type TestRepo } from '../support/git-fixtures.js';

const isRoot = process.getuid?.() === 0;
const SECRET = 'agent-user-test-secret-4f1c';

describe.skipIf(!isRoot)('agent user (needs root to create users; skipped otherwise)', () => {
  const name = `ga-test-${process.pid}`;
  let repo: TestRepo;
  let agent: AgentUser;

  beforeAll(async () => {
    repo = await makeRepo({ 'README.md': '# hello\n' });
    const prepared = await prepareAgentUser({ name, workspace: repo.dir });
    if (!prepared) throw new Error('prepareAgentUser returned null although the test runs as root');
    agent = prepared;
  });
  afterAll(async () => {
    await removeAgentUser(name);
    await repo.cleanup();
  });

  it('creates an unprivileged user', async () => {
    expect(agent.uid).toBeGreaterThan(0);
    const id = await runCommand(['id', '-un'], { cwd: repo.dir, timeoutMs: 10_000, runAs: agent });
    expect(id.output.trim()).toBe(name);
  });

  it('cannot read the environment of the Action process through /proc', async () => {
    // /proc/<pid>/environ shows the environment a process started with, so the secret goes into a
    // fresh process that then runs the same command as itself (the control) and as the agent.
    const probe = path.join(repo.dir, '..', `probe-${process.pid}.mts`);
    const execModule = pathToFileURL(path.resolve('src/tools/exec.ts')).href;
    await writeFile(
      probe,
      `import { runCommand } from ${JSON.stringify(execModule)};
const runAs = JSON.parse(process.argv[2]);
const read = (who) => runCommand('cat /proc/$PPID/environ; echo; cat /proc/' + process.pid + '/environ', { cwd: '/', timeoutMs: 10000, ...who });
const self = await read({});
const agent = await read({ runAs });
console.log(JSON.stringify({ self: self.output, agent: agent.output, agentExit: agent.exitCode }));
`,
    );
    try {
      const child = await execa(
        process.execPath,
        ['--import', 'tsx', probe, JSON.stringify(agent)],
        {
          env: { GOAL_ACTION_TEST_SECRET: SECRET },
          reject: false,
        },
      );
      const seen = JSON.parse(child.stdout) as { self: string; agent: string; agentExit: number };
      expect(seen.self).toContain(SECRET);
      expect(seen.agentExit).not.toBe(0);
      expect(seen.agent).toMatch(/Permission denied[\s\S]*Permission denied/);
      expect(seen.agent).not.toContain(SECRET);
    } finally {
      await rm(probe, { force: true });
    }
  });

  it('works in the workspace with group-writable files, but cannot write .git', async () => {
    await writeFile(path.join(repo.dir, 'by-action.txt'), 'x\n');
    const edit = await runCommand(
      'echo more >> README.md && mkdir -p made/dir && echo new > made/dir/file.txt',
      {
        cwd: repo.dir,
        timeoutMs: 10_000,
        runAs: agent,
      },
    );
    expect(edit.output).toBe('');
    expect(edit.exitCode).toBe(0);
    const file = await stat(path.join(repo.dir, 'made/dir/file.txt'));
    expect(file.uid).toBe(agent.uid);
    expect(file.mode & 0o020).toBe(0o020);
    expect((await stat(path.join(repo.dir, 'made/dir'))).gid).toBe(agent.gid);

    const hook = await runCommand('echo evil > .git/hooks/pre-commit', {
      cwd: repo.dir,
      timeoutMs: 10_000,
      runAs: agent,
    });
    expect(hook.exitCode).not.toBe(0);
    expect(hook.output).toMatch(/Permission denied/);

    // The agent's own read-only git commands still work in a repository it does not own (in the
    // sandbox the per-run HOME's .gitconfig says safe.directory; see src/sandbox/run-dirs.ts).
    const status = await runCommand(['git', '-c', 'safe.directory=*', 'status', '--porcelain'], {
      cwd: repo.dir,
      timeoutMs: 10_000,
      runAs: agent,
    });
    expect(status.exitCode).toBe(0);
    expect(status.output).toContain(' M README.md');
  });

  it('is idempotent: preparing again reuses the user', async () => {
    const again = await prepareAgentUser({ name, workspace: repo.dir });
    expect(again?.uid).toBe(agent.uid);
  });
});

describe('agent user name', () => {
  it('rejects a name that is not a plain user name', async () => {
    await expect(prepareAgentUser({ name: 'Bad Name;rm', workspace: '/tmp' })).rejects.toThrow(
      /Invalid agent user name/,
    );
  });
});
