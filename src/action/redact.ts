// Secrets never reach what the Action posts: the configured secrets by value, and anything shaped
// like a GitHub or OpenAI credential by pattern (a token the agent found somewhere else).
const TOKEN_PATTERNS = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}\b/g,
  /\bAUTHORIZATION: (?:basic|bearer) [A-Za-z0-9+/=._-]+/gi,
];

export function makeRedactor(secrets: string[]): (text: string) => string {
  const values = secrets.filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const value of values) out = out.split(value).join('***');
    for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, '***');
    return out;
  };
}
