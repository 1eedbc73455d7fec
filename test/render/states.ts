// Every state's status comment, PR body and job summary, rendered from the real engine records in
// test/render/records/ (see generate-records.ts). The snapshot tests and the PNG renderer share it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoalRecord } from '../../src/engine/types.js';
import type { ReportLinks } from '../../src/report/markdown.js';
import { renderPrBody } from '../../src/report/pr-body.js';
import { renderStatus } from '../../src/report/status.js';
import { renderJobSummary } from '../../src/report/summary.js';

const RECORDS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'records');

export const LINKS: ReportLinks = {
  runUrl: 'https://github.com/octo/cart/actions/runs/4242',
  prUrl: 'https://github.com/octo/cart/pull/7',
  commitUrl: (sha) => `https://github.com/octo/cart/commit/${sha}`,
};

export interface StateDocuments {
  name: string;
  record: GoalRecord;
  status: string;
  pr: string;
  summary: string;
}

/** A record as it is on GitHub: an issue number and a draft PR. */
function onGitHub(record: GoalRecord): GoalRecord {
  return { ...record, number: 6, pr: { number: 7, url: LINKS.prUrl! } };
}

export function loadRecord(name: string): GoalRecord {
  return onGitHub(
    JSON.parse(readFileSync(path.join(RECORDS, `${name}.json`), 'utf8')) as GoalRecord,
  );
}

export function stateDocuments(): StateDocuments[] {
  return readdirSync(RECORDS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.json$/, '');
      const record = loadRecord(name);
      return {
        name,
        record,
        status: renderStatus(record, LINKS),
        pr: renderPrBody(record, LINKS),
        summary: renderJobSummary(record, LINKS),
      };
    });
}
