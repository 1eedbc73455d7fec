// What every report says about the evidence, decided once from the same facts that decide
// completion: the judge's verdict on the latest run and the tamper findings. A verifier that
// passes only with tampered tests is never shown as a clean pass or as "fixed"; "not done" lists
// exactly what the judge and the tamper rules still hold against the goal.
import type { GoalRecord } from '../engine/index.js';
import { judge, type Judgement } from '../verify/judge.js';
import { evidenceFindings, findingDetail, oneLine } from './format.js';
import { OUTCOME_MARK, verifierRows, type VerifierRow } from './verifiers.js';

export interface DecidedRow extends VerifierRow {
  /** "✅ pass", "⚠️ pass, not trusted", "❌ fail". */
  mark: string;
  /** "fixed", "passes only with the flagged changes", "142 → 118 (−17%)", or "—". */
  versus: string;
  /** Its pass counts as evidence: passed, and no tamper finding taints it. */
  trusted: boolean;
}

export interface ReportDecision {
  rows: DecidedRow[];
  /** The judge's verdict on the latest run; undefined before any verifier ran. */
  judgement?: Judgement;
  /** What still stands between the goal and `achieved`, one line each. */
  notDone: string[];
}

/** A finding names the verifier it is about (`verifier \`test\``, "`test` ran 40 tests"). */
function namesVerifier(detail: string, name: string): boolean {
  return detail.includes(`\`${name}\``);
}

export function decideReport(record: GoalRecord): ReportDecision {
  const tampered = evidenceFindings(record);
  const specs = record.contract.verification;
  const rows = verifierRows(record).map((row): DecidedRow => {
    const named = tampered.filter((f) => specs.some((s) => namesVerifier(f.detail, s.name)));
    const taints =
      tampered.length > 0 &&
      (tampered.some((f) => !named.includes(f)) ||
        named.some((f) => namesVerifier(f.detail, row.name)));
    const passed = row.outcome === 'pass';
    if (passed && taints)
      return {
        ...row,
        mark: '⚠️ pass, not trusted',
        versus: 'passes only with the flagged changes',
        trusted: false,
      };
    const versus = [row.change, row.movement].filter(Boolean).join(', ') || '—';
    return { ...row, mark: OUTCOME_MARK[row.outcome], versus, trusted: passed };
  });

  const judgement = record.latest
    ? judge(specs, record.latest.results, record.baseline?.results)
    : undefined;
  const notDone: string[] = [];
  if (specs.length === 0)
    notDone.push('no verifier is configured, so nothing can prove the outcome');
  else if (!judgement) notDone.push('no verifier has run on a checkpoint yet');
  notDone.push(...(judgement?.unmet ?? []));
  for (const f of record.findings)
    notDone.push(
      `tamper rule \`${f.rule}\`${f.path ? ` on ${f.path}` : ''}: ${oneLine(findingDetail(f), 300)}`,
    );
  for (const step of record.plan)
    if (step.status !== 'completed')
      notDone.push(`plan: ${step.step} (${step.status.replace('_', ' ')})`);
  return { rows, ...(judgement ? { judgement } : {}), notDone };
}
