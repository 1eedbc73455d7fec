// How the Action recognises its own writes without knowing who its token is. GITHUB_TOKEN writes as
// github-actions[bot], a GitHub App's installation token as `<app>[bot]` (and GET /user is 403 for
// both), a personal token as the person — who may also command the goal from the same account. So
// authorship says nothing; instead every comment the Action posts carries this hidden mark, which
// only the Action writes. A person who copies the mark into their own comment only gets their own
// comment ignored: the mark never grants anything, it only makes the Action skip a comment.

/** Appended to every comment the Action posts (invisible when rendered). */
export const OWN_MARK = '<!-- goal-action:own -->';

/** The record-bearing status comment is also ours (its marker predates OWN_MARK). */
const STATUS_MARK = '<!-- goal-action:status -->';

export function withOwnMark(body: string): string {
  return body.includes(OWN_MARK) ? body : `${body}\n\n${OWN_MARK}`;
}

/** True when the Action wrote this comment (so it is never read as a command). */
export function isOwnWrite(body: string): boolean {
  return body.includes(OWN_MARK) || body.includes(STATUS_MARK);
}
