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

export function goalBranchName(title: string, number?: number): string {
  const slug = slugify(title);
  if (number !== undefined) return slug ? `goal/${number}-${slug}` : `goal/${number}`;
  return `goal/${slug || 'untitled'}`;
}
