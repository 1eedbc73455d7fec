// Deterministic branch names for goals: `goal/<issue>-<slug>` on GitHub, `goal/<slug>` locally.

/** Lowercase ASCII words joined by dashes; accents folded (é → e), everything else dropped. */
export function slugify(text: string, maxLen = 40): string {
  const folded = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/œ/g, 'oe')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd');
  const words = folded.split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length <= maxLen) {
      slug = next;
      continue;
    }
    // A first word longer than the limit is cut rather than dropped, so the slug is never empty
    // when the text had letters.
    if (!slug) slug = word.slice(0, maxLen);
    break;
  }
  return slug.replace(/-+$/, '');
}

/**
 * What an issue-form or habit prefix adds in front of the objective: `[goal]`, `[Goal] [perf]`,
 * `goal:`, `Goal -`, `feat:`. Names made from the title (PR title, branch) leave it out.
 */
const TITLE_PREFIX =
  /^\s*(?:(?:\[[^\]\n]{1,30}\]|\((?:goal|feat|fix|chore)\))\s*|(?:goal|feat|fix|chore|perf|refactor)\s*(?:\([^)\n]{0,30}\))?\s*[:\-–—]\s+)+/i;

/** The objective a title states, without issue-form prefixes like `[goal]` or `goal:`. */
export function goalTitle(title: string): string {
  const stripped = title.replace(TITLE_PREFIX, '').trim();
  return stripped || title.trim();
}

/** The draft PR's title: `goal: <objective>`, once, however the issue title was prefixed. */
export function pullRequestTitle(title: string, max = 200): string {
  const text = goalTitle(title).replace(/\s+/g, ' ');
  return `goal: ${text.length > max ? `${text.slice(0, max - 1)}…` : text}`;
}

export function goalBranchName(title: string, number?: number): string {
  const slug = slugify(goalTitle(title));
  if (number !== undefined) return slug ? `goal/${number}-${slug}` : `goal/${number}`;
  return `goal/${slug || 'untitled'}`;
}
