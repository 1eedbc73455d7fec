// The GitHub fake's answers, built on the examples GitHub publishes in its REST description and
// overlaid with the fake's state: every field GitHub sends is there, in GitHub's shape, so code
// that reads a field GitHub really sends works here, and code that reads one GitHub does not send
// fails here as it would there (the fake also checks each answer against the schema).
import { githubOpenApi } from './github-openapi.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- GitHub's JSON shapes */

export interface JsonWorld {
  api: string;
  web: string;
  owner: string;
  repo: string;
  userType(login: string): string;
}

const idOf = (s: string): number => {
  let h = 7;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) % 2_000_000_000;
  return h + 1;
};
const node = (kind: string, id: number): string =>
  Buffer.from(`${kind}${id}`).toString('base64').replace(/=+$/, '');

export function jsonBuilders(w: JsonWorld) {
  const spec = githubOpenApi();
  const full = `${w.owner}/${w.repo}`;
  // The fake's address is known only once it listens: read it at each call.
  const api = (): string => w.api;

  const user = (login: string): any => {
    const id = idOf(login);
    const t = spec.example('simple-user');
    const u = `${api()}/users/${encodeURIComponent(login)}`;
    return {
      ...t,
      login,
      id,
      node_id: node('U', id),
      type: w.userType(login),
      url: u,
      // Bots' pages are their apps' pages, as on GitHub (`[bot]` is not valid in a URL path).
      html_url: login.endsWith('[bot]')
        ? `${w.web}/apps/${login.slice(0, -5)}`
        : `${w.web}/${login}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      followers_url: `${u}/followers`,
      following_url: `${u}/following{/other_user}`,
      gists_url: `${u}/gists{/gist_id}`,
      starred_url: `${u}/starred{/owner}{/repo}`,
      subscriptions_url: `${u}/subscriptions`,
      organizations_url: `${u}/orgs`,
      repos_url: `${u}/repos`,
      events_url: `${u}/events{/privacy}`,
      received_events_url: `${u}/received_events`,
      site_admin: false,
    };
  };

  const repository = (defaultBranch: string): any => {
    const t = spec.example('full-repository');
    const id = idOf(full);
    return {
      ...t,
      id,
      node_id: node('R', id),
      name: w.repo,
      full_name: full,
      owner: user(w.owner),
      html_url: `${w.web}/${full}`,
      url: `${api()}/repos/${full}`,
      default_branch: defaultBranch,
      // Required by the schema, missing from GitHub's example.
      has_discussions: t.has_discussions ?? false,
      private: false,
      fork: false,
    };
  };

  const label = (name: string, color: string, description: string): any => {
    const id = idOf(`label:${name}`);
    return {
      ...spec.example('label'),
      id,
      node_id: node('LA', id),
      url: `${api()}/repos/${full}/labels/${encodeURIComponent(name)}`,
      name,
      color,
      description: description || null,
      default: false,
    };
  };

  const comment = (c: {
    id: number;
    issueNumber: number;
    body: string;
    user: string;
    createdAt: string;
    updatedAt: string;
    association: string;
  }): any => ({
    ...spec.example('issue-comment'),
    id: c.id,
    node_id: node('IC', c.id),
    url: `${api()}/repos/${full}/issues/comments/${c.id}`,
    html_url: `${w.web}/${full}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${api()}/repos/${full}/issues/${c.issueNumber}`,
    body: c.body,
    user: user(c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.association,
    pin: null,
    minimized: null,
    reactions: undefined,
  });

  const issue = (i: {
    number: number;
    title: string;
    body: string;
    user: string;
    state: 'open' | 'closed';
    isPull: boolean;
    createdAt: string;
    labels: any[];
    comments: number;
    association: string;
  }): any => {
    const t = spec.example('issue');
    const id = idOf(`issue:${i.number}`);
    const out: any = {
      ...t,
      id,
      node_id: node('I', id),
      url: `${api()}/repos/${full}/issues/${i.number}`,
      repository_url: `${api()}/repos/${full}`,
      labels_url: `${api()}/repos/${full}/issues/${i.number}/labels{/name}`,
      comments_url: `${api()}/repos/${full}/issues/${i.number}/comments`,
      events_url: `${api()}/repos/${full}/issues/${i.number}/events`,
      html_url: `${w.web}/${full}/${i.isPull ? 'pull' : 'issues'}/${i.number}`,
      number: i.number,
      state: i.state,
      title: i.title,
      body: i.body,
      user: user(i.user),
      pinned_comment: null,
      labels: i.labels,
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: i.comments,
      closed_at: null,
      created_at: i.createdAt,
      updated_at: i.createdAt,
      closed_by: null,
      author_association: i.association,
      state_reason: null,
    };
    if (i.isPull)
      out.pull_request = {
        url: `${api()}/repos/${full}/pulls/${i.number}`,
        html_url: `${w.web}/${full}/pull/${i.number}`,
        diff_url: `${w.web}/${full}/pull/${i.number}.diff`,
        patch_url: `${w.web}/${full}/pull/${i.number}.patch`,
        merged_at: null,
      };
    else delete out.pull_request;
    return out;
  };

  const branchEnd = (ref: string, sha: string, ownerLogin: string, repoFullName: string) => {
    const t = spec.example('pull-request').head;
    const [o = ownerLogin, r = w.repo] = repoFullName.split('/');
    return {
      ...t,
      label: `${ownerLogin}:${ref}`,
      ref,
      sha,
      user: user(ownerLogin),
      repo: {
        ...t.repo,
        id: idOf(repoFullName),
        node_id: node('R', idOf(repoFullName)),
        name: r,
        full_name: repoFullName,
        owner: user(o),
        html_url: `${w.web}/${repoFullName}`,
        url: `${api()}/repos/${repoFullName}`,
        fork: repoFullName !== full,
      },
    };
  };

  const pull = (
    i: Parameters<typeof issue>[0],
    p: {
      headRef: string;
      headSha: string;
      headOwner: string;
      headRepoFullName: string;
      baseRef: string;
      baseSha: string;
      draft: boolean;
    },
  ): any => {
    const t = spec.example('pull-request');
    const base = issue(i);
    const url = `${api()}/repos/${full}/pulls/${i.number}`;
    return {
      ...t,
      url,
      id: base.id,
      node_id: node('PR', base.id),
      html_url: `${w.web}/${full}/pull/${i.number}`,
      diff_url: `${w.web}/${full}/pull/${i.number}.diff`,
      patch_url: `${w.web}/${full}/pull/${i.number}.patch`,
      issue_url: `${api()}/repos/${full}/issues/${i.number}`,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      comments_url: `${api()}/repos/${full}/issues/${i.number}/comments`,
      statuses_url: `${api()}/repos/${full}/statuses/${p.headSha}`,
      number: i.number,
      state: i.state,
      locked: false,
      title: i.title,
      user: base.user,
      body: i.body,
      labels: i.labels,
      milestone: null,
      active_lock_reason: null,
      created_at: i.createdAt,
      updated_at: i.createdAt,
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: branchEnd(p.headRef, p.headSha, p.headOwner, p.headRepoFullName),
      base: branchEnd(p.baseRef, p.baseSha, w.owner, full),
      author_association: i.association,
      auto_merge: null,
      draft: p.draft,
      merged: false,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
    };
  };

  const reaction = (id: number, content: string, login: string): any => ({
    ...spec.example('reaction'),
    id,
    node_id: node('RE', id),
    user: user(login),
    content,
    created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });

  const file = (path: string, ref: string, blob: Buffer, sha: string): any => {
    const t = spec.example('content-file');
    const url = `${api()}/repos/${full}/contents/${path}?ref=${encodeURIComponent(ref)}`;
    return {
      ...t,
      type: 'file',
      encoding: 'base64',
      size: blob.length,
      name: path.split('/').pop(),
      path,
      content: blob.toString('base64').replace(/.{60}/g, '$&\n'),
      sha,
      url,
      git_url: `${api()}/repos/${full}/git/blobs/${sha}`,
      html_url: `${w.web}/${full}/blob/${ref}/${path}`,
      download_url: `https://raw.githubusercontent.com/${full}/${ref}/${path}`,
      _links: {
        self: url,
        git: `${api()}/repos/${full}/git/blobs/${sha}`,
        html: `${w.web}/${full}/blob/${ref}/${path}`,
      },
    };
  };

  const directoryEntry = (path: string, ref: string, type: 'file' | 'dir', sha: string): any => {
    const url = `${api()}/repos/${full}/contents/${path}?ref=${encodeURIComponent(ref)}`;
    const html = `${w.web}/${full}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${path}`;
    const git = `${api()}/repos/${full}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
    return {
      type,
      size: 0,
      name: path.split('/').pop(),
      path,
      sha,
      url,
      git_url: git,
      html_url: html,
      download_url: null,
      _links: { self: url, git, html },
    };
  };

  const workflowRun = (id: number, status: string, conclusion: string | null): any => {
    const t = spec.example('workflow-run');
    return {
      ...t,
      id,
      node_id: node('WR', id),
      status,
      conclusion,
      url: `${api()}/repos/${full}/actions/runs/${id}`,
      html_url: `${w.web}/${full}/actions/runs/${id}`,
      repository: { ...t.repository, full_name: full, name: w.repo },
      head_repository: { ...t.head_repository, full_name: full, name: w.repo },
    };
  };

  const checkRun = (c: {
    id: number;
    name: string;
    headSha: string;
    status: string;
    conclusion: string | null;
    startedAt: string | null;
    completedAt: string | null;
    output: { title: string | null; summary: string | null; text: string | null };
    annotations: number;
    detailsUrl: string | null;
    externalId: string | null;
    app: string;
  }): any => {
    const t = spec.example('check-run');
    return {
      ...t,
      id: c.id,
      head_sha: c.headSha,
      node_id: node('CR', c.id),
      external_id: c.externalId,
      url: `${api()}/repos/${full}/check-runs/${c.id}`,
      html_url: `${w.web}/${full}/runs/${c.id}`,
      details_url: c.detailsUrl,
      status: c.status,
      conclusion: c.conclusion,
      started_at: c.startedAt,
      completed_at: c.completedAt,
      output: {
        ...c.output,
        annotations_count: c.annotations,
        annotations_url: `${api()}/repos/${full}/check-runs/${c.id}/annotations`,
      },
      name: c.name,
      app: { ...t.app, slug: c.app.replace(/\[bot\]$/, ''), name: c.app.replace(/\[bot\]$/, '') },
      pull_requests: [],
    };
  };

  const status = (s: {
    id: number;
    state: string;
    context: string;
    description: string | null;
    targetUrl: string | null;
    sha: string;
    creator: string;
    at: string;
  }): any => ({
    ...spec.example('status'),
    url: `${api()}/repos/${full}/statuses/${s.sha}`,
    avatar_url: null,
    id: s.id,
    node_id: node('SC', s.id),
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.at,
    updated_at: s.at,
    creator: user(s.creator),
  });

  const permission = (login: string, legacy: string, role: string): any => ({
    permission: legacy,
    role_name: role,
    user: {
      ...user(login),
      permissions: {
        admin: role === 'admin',
        maintain: role === 'admin' || role === 'maintain',
        push: legacy === 'admin' || legacy === 'write',
        triage: legacy !== 'none' && legacy !== 'read' ? true : role === 'triage',
        pull: legacy !== 'none',
      },
      role_name: role,
    },
  });

  // ---------------------------------------------------------------- Git Data (refs, blobs, trees, commits)

  const gitRef = (ref: string, sha: string): any => ({
    ...spec.example('git-ref'),
    ref,
    node_id: Buffer.from(`Ref${full}:${ref}`).toString('base64'),
    url: `${api()}/repos/${full}/git/${ref}`,
    object: { type: 'commit', sha, url: `${api()}/repos/${full}/git/commits/${sha}` },
  });

  const shortBlob = (sha: string): any => ({
    ...spec.example('short-blob'),
    url: `${api()}/repos/${full}/git/blobs/${sha}`,
    sha,
  });

  const blob = (sha: string, content: Buffer): any => ({
    ...spec.example('blob'),
    sha,
    url: `${api()}/repos/${full}/git/blobs/${sha}`,
    node_id: node('B', idOf(sha)),
    size: content.length,
    // GitHub wraps the base64 at 60 columns, as the contents API does.
    content: content.toString('base64').replace(/.{60}/g, '$&\n'),
    encoding: 'base64',
  });

  const gitTree = (
    sha: string,
    entries: { path: string; mode: string; type: string; sha: string; size?: number }[],
  ): any => ({
    ...spec.example('git-tree'),
    sha,
    url: `${api()}/repos/${full}/git/trees/${sha}`,
    tree: entries.map((e) => ({
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.size === undefined ? {} : { size: e.size }),
      url: `${api()}/repos/${full}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
    })),
    truncated: false,
  });

  const gitCommit = (c: {
    sha: string;
    tree: string;
    parents: string[];
    message: string;
    author: { name: string; email: string; date: string };
    committer: { name: string; email: string; date: string };
  }): any => ({
    ...spec.example('git-commit'),
    sha: c.sha,
    node_id: node('C', idOf(c.sha)),
    url: `${api()}/repos/${full}/git/commits/${c.sha}`,
    html_url: `${w.web}/${full}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message,
    tree: { sha: c.tree, url: `${api()}/repos/${full}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api()}/repos/${full}/git/commits/${p}`,
      html_url: `${w.web}/${full}/commit/${p}`,
    })),
    verification: {
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
      verified_at: null,
    },
  });

  return {
    user,
    repository,
    label,
    comment,
    issue,
    pull,
    reaction,
    file,
    directoryEntry,
    workflowRun,
    checkRun,
    status,
    permission,
    gitRef,
    shortBlob,
    blob,
    gitTree,
    gitCommit,
  };
}
