// Event payloads for tests, taken from the examples GitHub publishes (@octokit/webhooks-examples)
// and edited only where a test needs it (numbers, logins, bodies, the repository): the Action reads
// the payload the runner hands it, so tests hand it what GitHub really sends, every field included.
import { createRequire } from 'node:module';

/* eslint-disable @typescript-eslint/no-explicit-any -- webhook payloads are large JSON */

const require = createRequire(import.meta.url);
const EXAMPLES: { name: string; examples: any[] }[] = require('@octokit/webhooks-examples');

function example(event: string, pick: (e: any) => boolean): any {
  const found = EXAMPLES.find((x) => x.name === event)?.examples.find(pick);
  if (!found) throw new Error(`webhook-events: no ${event} example`);
  return structuredClone(found);
}

export interface EventRepo {
  owner: string;
  repo: string;
}

export interface EventUser {
  login: string;
  /** `Bot` for apps (`<app>[bot]`), `User` otherwise. */
  type?: 'User' | 'Bot';
}

function user(template: any, u: EventUser): any {
  const type = u.type ?? (u.login.endsWith('[bot]') ? 'Bot' : 'User');
  return { ...template, login: u.login, type, html_url: `https://github.com/${u.login}` };
}

function repository(template: any, r: EventRepo): any {
  return {
    ...template,
    name: r.repo,
    full_name: `${r.owner}/${r.repo}`,
    owner: { ...template.owner, login: r.owner },
    html_url: `https://github.com/${r.owner}/${r.repo}`,
  };
}

function issue(
  template: any,
  i: { number: number; title: string; body: string; author: EventUser; isPull?: boolean },
  r: EventRepo,
): any {
  const out = {
    ...template,
    number: i.number,
    title: i.title,
    body: i.body,
    user: user(template.user, i.author),
    html_url: `https://github.com/${r.owner}/${r.repo}/${i.isPull ? 'pull' : 'issues'}/${i.number}`,
  };
  if (i.isPull)
    out.pull_request = {
      url: `https://api.github.com/repos/${r.owner}/${r.repo}/pulls/${i.number}`,
      html_url: `https://github.com/${r.owner}/${r.repo}/pull/${i.number}`,
      diff_url: `https://github.com/${r.owner}/${r.repo}/pull/${i.number}.diff`,
      patch_url: `https://github.com/${r.owner}/${r.repo}/pull/${i.number}.patch`,
    };
  else delete out.pull_request;
  return out;
}

/** `issue_comment` / `created`, as GitHub delivers it. */
export function issueCommentEvent(p: {
  repo: EventRepo;
  issue: { number: number; title: string; body: string; author: EventUser; isPull?: boolean };
  comment: { id: number; body: string; author: EventUser };
}): any {
  const e = example('issue_comment', (x) => x.action === 'created' && !x.organization);
  e.issue = issue(e.issue, p.issue, p.repo);
  e.comment = {
    ...e.comment,
    id: p.comment.id,
    body: p.comment.body,
    user: user(e.comment.user, p.comment.author),
    html_url: `${e.issue.html_url}#issuecomment-${p.comment.id}`,
  };
  e.sender = user(e.sender, p.comment.author);
  e.repository = repository(e.repository, p.repo);
  return e;
}

/** `issues` / `labeled`, as GitHub delivers it. */
export function issueLabeledEvent(p: {
  repo: EventRepo;
  issue: { number: number; title: string; body: string; author: EventUser };
  label: string;
  sender: EventUser;
}): any {
  const e = example('issues', (x) => x.action === 'labeled' && !x.organization);
  e.issue = issue(e.issue, p.issue, p.repo);
  e.label = { ...e.label, name: p.label };
  e.sender = user(e.sender, p.sender);
  e.repository = repository(e.repository, p.repo);
  return e;
}

/**
 * `workflow_dispatch`, as GitHub delivers it. A dispatch made with the workflow's own GITHUB_TOKEN
 * arrives with sender `github-actions[bot]`; one made with an App token with `<app>[bot]`.
 */
export function workflowDispatchEvent(p: {
  repo: EventRepo;
  inputs: Record<string, string>;
  sender: EventUser;
  workflow?: string;
  ref?: string;
}): any {
  const e = example('workflow_dispatch', () => true);
  e.inputs = { ...p.inputs };
  e.sender = user(e.sender, p.sender);
  e.repository = repository(e.repository, p.repo);
  e.workflow = p.workflow ?? '.github/workflows/goal.yml';
  e.ref = p.ref ?? 'refs/heads/main';
  return e;
}
