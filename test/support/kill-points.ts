// Kill points for fault-injection tests: a lost runner, simulated by SIGKILLing the Action's whole
// process group at a chosen moment, triggered from OUTSIDE the Action: git hooks on the bare remote
// (during a push, after a push was accepted), a verifier script, the scripted model server (request
// k), and an observing proxy in front of the GitHub fake (a status-comment write, PR creation). The
// Action has no test-only code path: it only ever sees a remote, a verifier and two HTTP servers.
//
// One Tripwire per world. `arm('push:3')` makes the third push after arming the kill point; every
// observer counts its own kind of event and, on the armed one, the runner is killed while that
// event is in flight (the hook or verifier waits, the proxy holds the request, the model server
// holds its answer).
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
}

function readProc(pid: string): Proc | null {
  try {
    // The command may hold spaces and parentheses: the fields start after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid: Number(pid), ppid: Number(fields[1]), pgid: Number(fields[2]) };
  } catch {
    return null; // gone meanwhile
  }
}

/**
 * Processes of one simulated runner: every process whose environment names this API URL (the
 * Action), and all their descendants, whatever their group or environment (agent commands and
 * verifiers run in groups of their own, with an allow-listed environment).
 */
export function runnerProcesses(apiUrl: string): Proc[] {
  const needle = `GITHUB_API_URL=${apiUrl}\0`;
  const all: Proc[] = [];
  const found = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const proc = readProc(name);
    if (!proc) continue;
    all.push(proc);
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').includes(needle))
        found.set(proc.pid, proc);
    } catch {
      // Not ours to read, or gone.
    }
  }
  // Descendants, breadth first (bounded by the process count).
  for (let grew = true, rounds = 0; grew && rounds < all.length; rounds++) {
    grew = false;
    for (const p of all)
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.set(p.pid, p);
        grew = true;
      }
  }
  return [...found.values()];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * SIGKILLs the runner as a lost machine would end it: each process group it has (the Action runs
 * in its own, as the runner starts it), then any straggler that left the group. Waits, bounded,
 * until none is left, so the next run never races the dead one.
 */
export async function killRunner(apiUrl: string): Promise<number> {
  const ownGroup = Number(
    readFileSync('/proc/self/stat', 'latin1').split(') ')[1]!.split(' ')[2] ?? -1,
  );
  let killed = 0;
  for (let round = 0; round < 50; round++) {
    const procs = runnerProcesses(apiUrl);
    if (procs.length === 0) return killed;
    for (const pgid of new Set(procs.map((p) => p.pgid))) {
      if (pgid === ownGroup || pgid <= 1) continue;
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // ESRCH: already gone.
      }
    }
    for (const { pid } of procs) {
      try {
        process.kill(pid, 'SIGKILL');
        killed += 1;
      } catch {
        // Already gone.
      }
    }
    await sleep(50);
  }
  throw new Error(`killRunner: processes of ${apiUrl} survived 50 rounds of SIGKILL`);
}

export type PointKind =
  /** pre-receive on the remote: a push in flight (nothing updated yet). */
  | 'push'
  /** post-receive on the remote: the push's refs are updated, the pusher has no answer yet. */
  | 'pushed'
  /** A verifier run (its first command of the run). */
  | 'verify'
  /** The k-th model request since arming. */
  | 'model'
  /** Any GitHub write (POST/PATCH/PUT/DELETE): `github-write:1` is the Action's start-up. */
  | 'github-write'
  /** A write of the status comment (create or update); killed before GitHub sees it. */
  | 'status-write'
  /** POST /pulls: GitHub creates the PR, the runner dies before it hears so. */
  | 'pr-create';

/** Counts events per kind since arming and kills the runner on the armed one. */
export class Tripwire {
  private armed: string | null = null;
  private counts = new Map<string, number>();
  private watcher: NodeJS.Timeout | undefined;
  private fired: ((point: string) => void) | undefined;
  /** Resolves with the point once the runner was killed there. */
  killed: Promise<string> = Promise.resolve('');

  private constructor(
    readonly dir: string,
    private readonly apiUrl: () => string,
  ) {}

  static async create(apiUrl: () => string): Promise<Tripwire> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tripwire-'));
    chmodSync(dir, 0o777);
    // Counts this event; on the armed one, tells the test (the hit file) and waits to be killed.
    // The wait is bounded: were the test gone, the push or verifier would just carry on.
    await writeFile(
      path.join(dir, 'tripwire.sh'),
      [
        '#!/bin/sh',
        `dir='${dir}'; kind="$1"`,
        'f="$dir/count-$kind"; n=$(( $(cat "$f" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$f"',
        'if [ "$(cat "$dir/armed" 2>/dev/null)" = "$kind:$n" ]; then',
        '  echo "$kind:$n" > "$dir/hit.tmp"; mv "$dir/hit.tmp" "$dir/hit"',
        '  sleep 60',
        'fi',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    return new Tripwire(dir, apiUrl);
  }

  get script(): string {
    return path.join(this.dir, 'tripwire.sh');
  }

  /** Makes the n-th event of `kind` (counted from now) a kill point. */
  arm(point: `${PointKind}:${number}`): Promise<string> {
    this.disarm();
    for (const f of readdirSync(this.dir))
      if (f.startsWith('count-') || f === 'hit') rmSync(path.join(this.dir, f), { force: true });
    this.counts.clear();
    this.armed = point;
    writeFileSync(path.join(this.dir, 'armed'), point);
    this.killed = new Promise<string>((resolve) => (this.fired = resolve));
    // The shell observers leave a hit file; look for it until disarmed (bounded by the run's own
    // timeout: the test disarms after every run).
    this.watcher = setInterval(() => {
      if (this.armed && existsSync(path.join(this.dir, 'hit'))) void this.kill(this.armed);
    }, 25);
    return this.killed;
  }

  disarm(): void {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = undefined;
    this.armed = null;
    writeFileSync(path.join(this.dir, 'armed'), '');
  }

  /** For in-process observers: counts the event; true (after killing the runner) on the armed one. */
  async fire(kind: PointKind): Promise<boolean> {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    if (this.armed !== `${kind}:${n}`) return false;
    await this.kill(this.armed);
    return true;
  }

  private async kill(point: string): Promise<void> {
    this.disarm();
    await killRunner(this.apiUrl());
    this.fired?.(point);
  }

  /** pre-receive and post-receive hooks on a bare remote that report to this tripwire. */
  async installHooks(remote: string): Promise<void> {
    const hooks = path.join(remote, 'hooks');
    for (const [hook, kind] of [
      ['pre-receive', 'push'],
      ['post-receive', 'pushed'],
    ] as const) {
      // Read the ref list first: git writes it to the hook's stdin.
      await writeFile(
        path.join(hooks, hook),
        `#!/bin/sh\ncat >/dev/null\nexec sh '${this.script}' ${kind}\n`,
        { mode: 0o755 },
      );
    }
  }

  async close(): Promise<void> {
    this.disarm();
    await rm(this.dir, { recursive: true, force: true });
  }
}

export interface ObservedRequest {
  method: string;
  path: string;
  body: string;
}

/** Which kill-point kinds a GitHub request counts as, and when each would kill. */
export type Classify = (req: ObservedRequest) => { kind: PointKind; when: 'before' | 'after' }[];

/** The GitHub requests of the kill points above. */
export const githubPoints: Classify = (req) => {
  const points: { kind: PointKind; when: 'before' | 'after' }[] = [];
  if (req.method === 'GET' || req.method === 'HEAD') return points;
  points.push({ kind: 'github-write', when: 'before' });
  if (req.body.includes('<!-- goal-action:status -->') && /\/comments(\/\d+)?$/.test(req.path))
    points.push({ kind: 'status-write', when: 'before' });
  if (req.method === 'POST' && /\/pulls$/.test(req.path.split('?')[0]!))
    points.push({ kind: 'pr-create', when: 'after' });
  return points;
};

/**
 * An HTTP proxy in front of the GitHub fake that reports each request to the tripwire: a kill
 * `before` means GitHub never sees the request, `after` that GitHub handled it and the runner died
 * before the answer arrived.
 */
export async function startObservingProxy(
  target: string,
  tripwire: Tripwire,
  classify: Classify = githubPoints,
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const info = { method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString() };
      const points = classify(info);
      const fire = async (when: 'before' | 'after') => {
        for (const p of points) if (p.when === when && (await tripwire.fire(p.kind))) return true;
        return false;
      };
      void (async () => {
        if (await fire('before')) return void res.destroy();
        const forwarded = http.request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: info.method,
            path: info.path,
            headers: { ...req.headers, host: upstream.host },
          },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (c: Buffer) => parts.push(c));
            answer.on('end', () => {
              void (async () => {
                if (await fire('after')) return void res.destroy();
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                res.end(Buffer.concat(parts));
              })();
            });
          },
        );
        forwarded.on('error', () => res.destroy());
        forwarded.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
