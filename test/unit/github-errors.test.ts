// A 403 names the permission the call needs, for the calls issue #9 added.
import { describe, expect, it } from 'vitest';
import { toGitHubError } from '../../src/github/errors.js';

const forbidden = (method: string, url: string) =>
  Object.assign(new Error('Resource not accessible by integration'), {
    status: 403,
    request: { method, url },
    response: { data: { message: 'Resource not accessible by integration' }, headers: {} },
  });

describe('permission hints', () => {
  it('names checks, statuses and actions write for the writes that need them', () => {
    const hint = (method: string, path: string) =>
      toGitHubError(forbidden(method, `https://api.github.com${path}`), 'x', `${method} ${path}`)
        .message;
    expect(hint('POST', '/repos/o/r/check-runs')).toContain('checks: write');
    expect(hint('POST', `/repos/o/r/statuses/${'a'.repeat(40)}`)).toContain('statuses: write');
    expect(hint('POST', '/repos/o/r/actions/workflows/goal.yml/dispatches')).toContain(
      'actions: write',
    );
    expect(hint('GET', '/repos/o/r/actions/runs/1')).toContain('actions: read');
  });
});
