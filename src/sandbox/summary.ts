// The job summary's account of the boundary: what held on this runner and what could not.
import type { SandboxReport } from './report.js';

export function renderSandboxSummary(report: SandboxReport): string {
  const title = {
    full: '🛡️ Sandbox: full boundary',
    partial: '⚠️ Sandbox: partial — some protections are not available on this runner',
    off: '⚠️ Sandbox: off — agent commands ran with the Action’s own rights',
  }[report.level];
  const lines = [`\n### ${title}\n`];
  for (const item of report.enforced) lines.push(`- ✅ ${item}`);
  for (const gap of report.gaps) lines.push(`- ⚠️ ${gap}`);
  lines.push('', 'See SECURITY.md for what each runner kind allows.', '');
  return lines.join('\n');
}
