/**
 * The claims benchmark's page side (scripts/bench-claims.mjs; docs/architecture.md,
 * "Claims: funder claims"): ten years of claims written straight with bulkPut — one
 * fund, 12 projects, 8 partners each claiming on every project every quarter with 10
 * budget lines (3,840 partner claims, 38,400 claim lines, every one submitted and
 * approved), 120 budget lines profiled over 40 quarters, 24 outputs with targets, the
 * Accountable Body's own costs in 40 claims to the funder — and a change log holding
 * each claim's changes (made, submitted, approved, a quarter of them queried and
 * answered) among 100,000 other entries, with every row's `_log`. Then what opening
 * the screens costs:
 *
 * - a claim to the funder (the last quarter: cumulative over all 40) as its page opens
 *   it: loadFunderClaim (the reads by index and the derivation) and the summary, the
 *   project's lines and the three charts drawn by React into the page;
 * - a partner claim's history (changesToRecords through the row's `_log`), the newest
 *   30 changes as History opens, and every change.
 *
 * Each timing is set beside a plain toArray of the tables the claim reads. Not used by the app.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { QuorumDatabase } from '../../db/database';
import { changesToRecords } from '../../db/history';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { periodField, PROFILE_FIELD_PREFIX, TARGET_FIELD_PREFIX } from '../../../shared/domain/entities';
import { formatTimestamp } from '../../../shared/sync/hlc';
import { insertLogRef, logRef, type ChangeEntry, type FieldValue, type LogRun, type SyncedTable } from '../../../shared/sync/change';
import { loadFunderClaim, type FunderClaimView } from './funder-claim-data';
import { CumulativeSpendChart, OutputsChart, SpendByPartnerChart } from './ClaimCharts';
import { ProjectDetail, Summary } from './FunderClaimPage';

export interface Shape {
  years: number;
  projects: number;
  partners: number;
  lines: number;
  outputsPerProject: number;
  otherEntries: number;
}

export const TEN_YEARS: Shape = { years: 10, projects: 12, partners: 8, lines: 10, outputsPerProject: 2, otherEntries: 100_000 };
const FIRST_YEAR = 2017;
const RUN_SIZE = 1000;

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const yearLabel = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;

/** Writes the store; returns what it holds and the claim and quarter to open. */
export async function buildStore(name: string, shape: Shape = TEN_YEARS) {
  const started = performance.now();
  const next = random(2026);
  const node = 'benchnode-ab';
  const partnerNode = 'benchnode-partners';
  const base = { _clocks: {} as Record<string, string> };
  const organisations = Array.from({ length: shape.partners + 1 }, (_, i) => ({ ...base, id: `org-${i}`, name: i === 0 ? 'The Accountable Body' : `Partner organisation ${i}`, kind: 'cvs', status: 'member' }));
  const funder = { ...base, id: 'funder-1', name: 'Capacitybuilders' };
  const fund = { ...base, id: 'fund-1', funderId: funder.id, name: 'Infrastructure fund', restricted: true, awardedPence: 2_000_000_000, startOn: `${FIRST_YEAR}-04-01`, endOn: `${FIRST_YEAR + shape.years}-03-31`, claimFrequency: 'quarterly', partnerClaimDueDays: 14, claimDueDays: 30, terms: '' };
  const projects = Array.from({ length: shape.projects }, (_, p) => ({
    ...base,
    id: `project-${p}`,
    name: `Project ${String(p + 1).padStart(2, '0')}`,
    leadOrganisationId: 'org-1',
    deliveryOrganisationIds: organisations.slice(2).map((o) => o.id),
    fundId: fund.id,
    firstYear: yearLabel(FIRST_YEAR),
    firstQuarter: 1,
    lastYear: yearLabel(FIRST_YEAR + shape.years - 1),
    lastQuarter: 4,
  }));
  const budgetLines: Array<Record<string, unknown>> = [];
  const outputs: Array<Record<string, unknown>> = [];
  const profile = new Map<string, number>();
  for (const project of projects) {
    for (let l = 0; l < shape.lines; l++) {
      const row: Record<string, unknown> = { ...base, id: `budgetLine:${project.id}:line-${l}`, projectId: project.id, code: `line-${l}`, name: `Budget line ${l + 1}`, category: 'other', order: l };
      for (let y = 0; y < shape.years; y++) {
        for (let q = 1; q <= 4; q++) {
          const pence = 200_000 + Math.floor(next() * 100_000);
          row[periodField(PROFILE_FIELD_PREFIX, yearLabel(FIRST_YEAR + y), q)] = pence;
          profile.set(`${project.id}|line-${l}|${y}|${q}`, pence);
        }
      }
      budgetLines.push(row);
    }
    for (let o = 0; o < shape.outputsPerProject; o++) {
      const row: Record<string, unknown> = { ...base, id: `output:${project.id}:output-${o}`, projectId: project.id, code: `output-${o}`, name: `Output ${o + 1}`, order: o };
      for (let y = 0; y < shape.years; y++) for (let q = 1; q <= 4; q++) row[periodField(TARGET_FIELD_PREFIX, yearLabel(FIRST_YEAR + y), q)] = 20 + Math.floor(next() * 20);
      outputs.push(row);
    }
  }

  // The log: each claim's changes, among other entries, in runs of RUN_SIZE per copy.
  const start = Date.parse(`${FIRST_YEAR}-04-01T09:00:00Z`);
  const claimEntries = shape.years * 4 * shape.projects * shape.partners * 3.25;
  const step = Math.floor((shape.years * 365 * 24 * 3600 * 1000) / (claimEntries + shape.otherEntries));
  let tick = 0;
  const seqs = new Map<string, number>([
    [node, 1],
    [partnerNode, 1],
  ]);
  const pending = new Map<string, ChangeEntry[]>([
    [node, []],
    [partnerNode, []],
  ]);
  const runs: LogRun[] = [];
  const logs = new Map<string, string[]>();
  const write = (by: string, table: SyncedTable, row: string, fields: Record<string, FieldValue>) => {
    const seq = seqs.get(by)!;
    seqs.set(by, seq + 1);
    const hlc = formatTimestamp(start + tick++ * step, 0, by);
    const entry: ChangeEntry = { seq, hlc, table, row, fields };
    const list = pending.get(by)!;
    list.push(entry);
    if (list.length === RUN_SIZE) {
      runs.push({ node: by, firstSeq: list[0]!.seq, lastSeq: list[list.length - 1]!.seq, entries: list.splice(0), prevHash: '', hash: 'x'.repeat(64), signature: 'x'.repeat(88) });
    }
    const key = `${table}/${row}`;
    let refs = logs.get(key);
    if (!refs) logs.set(key, (refs = []));
    insertLogRef(refs, logRef(entry));
    return hlc;
  };
  const other = () => write(next() < 0.5 ? node : partnerNode, 'attendance', `attendance-${Math.floor(next() * 5000)}`, { note: `Change ${tick}` });
  const otherPerClaim = shape.otherEntries / (shape.years * 4 * shape.projects * shape.partners);

  const claims: Array<Record<string, unknown>> = [];
  const funderClaims: Array<Record<string, unknown>> = [];
  for (let y = 0; y < shape.years; y++) {
    const fy = yearLabel(FIRST_YEAR + y);
    for (let q = 1; q <= 4; q++) {
      for (const project of projects) {
        for (let p = 1; p <= shape.partners; p++) {
          const organisationId = `org-${p}`;
          const id = `partnerClaim:${organisationId}:${project.id}:${fy}:Q${q}`;
          const lines: Record<string, number> = {};
          for (let l = 0; l < shape.lines; l++) lines[`line-${l}`] = Math.floor((profile.get(`${project.id}|line-${l}|${y}|${q}`)! * (0.8 + next() * 0.3)) / shape.partners);
          const approvedLines = { ...lines, 'line-0': Math.floor(lines['line-0']! * 0.95) };
          const content = { organisationId, projectId: project.id, financialYear: fy, quarter: q, lines, outputs: { 'output-0': 2 + Math.floor(next() * 4), 'output-1': 2 + Math.floor(next() * 4) }, outputsDelivered: 'As counted', narrative: 'Delivered as planned.', evidence: 'Timesheets, invoices', enteredOnBehalf: false };
          const clocks: Record<string, string> = {};
          const made = write(partnerNode, 'partnerClaims', id, content as unknown as Record<string, FieldValue>);
          for (const field of Object.keys(content)) clocks[field] = made;
          const events: Record<string, unknown> = {};
          const event = (by: string, field: string, value: Record<string, FieldValue>) => {
            events[field] = value;
            clocks[field] = write(by, 'partnerClaims', id, { [field]: value });
          };
          for (let k = 0; k < otherPerClaim / 2; k++) other();
          event(partnerNode, 'event:s1', { type: 'submitted', answer: '' });
          if (next() < 0.25) {
            event(node, 'event:q1', { type: 'queried', query: 'Please send the timesheets for line 1', line: 'line-0', on: '' });
            event(partnerNode, 'event:s2', { type: 'submitted', answer: 'Sent by e-mail' });
          }
          for (let k = 0; k < otherPerClaim / 2; k++) other();
          event(node, 'event:a1', { type: 'approved', lines: approvedLines, reasons: { 'line-0': 'Part of the hours were outside the project' }, on: '' });
          claims.push({ id, ...content, ...events, _clocks: clocks, _log: logs.get(`partnerClaims/${id}`) });
        }
      }
      const ownCosts: Record<string, number> = {};
      for (const project of projects) ownCosts[`${project.id}/line-9`] = 50_000 + Math.floor(next() * 10_000);
      funderClaims.push({ ...base, id: `funderClaim:${fund.id}:${fy}:Q${q}`, fundId: fund.id, financialYear: fy, quarter: q, ownCosts, varianceExplanation: '', outputsNarrative: '' });
    }
  }
  for (const [by, list] of pending) if (list.length > 0) runs.push({ node: by, firstSeq: list[0]!.seq, lastSeq: list[list.length - 1]!.seq, entries: list.splice(0), prevHash: '', hash: 'x'.repeat(64), signature: 'x'.repeat(88) });

  const db = new QuorumDatabase(name);
  await db.open();
  await db.organisations.bulkPut(organisations as never);
  await db.funders.bulkPut([funder] as never);
  await db.funds.bulkPut([fund] as never);
  await db.projects.bulkPut(projects as never);
  await db.budgetLines.bulkPut(budgetLines as never);
  await db.outputs.bulkPut(outputs as never);
  await db.funderClaims.bulkPut(funderClaims as never);
  for (let i = 0; i < claims.length; i += 500) await db.partnerClaims.bulkPut(claims.slice(i, i + 500) as never);
  for (let i = 0; i < runs.length; i += 20) await db.changeLog.bulkPut(runs.slice(i, i + 20));
  db.close();
  const queried = claims.find((c) => 'event:q1' in c)!;
  return {
    claims: claims.length,
    claimLines: claims.length * shape.lines,
    budgetLines: budgetLines.length,
    projects: projects.length,
    partners: shape.partners,
    logEntries: tick,
    runs: runs.length,
    open: { fundId: fund.id, financialYear: yearLabel(FIRST_YEAR + shape.years - 1), quarter: 4 as const },
    historyOf: String(queried.id),
    buildMs: Math.round(performance.now() - started),
  };
}

export async function deleteStore(name: string) {
  await new QuorumDatabase(name).delete();
}

const consortium = { financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION };

function Screen({ view }: { view: FunderClaimView }) {
  const project = view.figures.projects[0]!;
  return createElement(
    'div',
    null,
    createElement(Summary, { view }),
    createElement(ProjectDetail, { view, projectId: project.projectId }),
    createElement(CumulativeSpendChart, { project }),
    createElement(OutputsChart, { project }),
    createElement(SpendByPartnerChart, { shares: view.figures.byPartner, names: view.organisationNames }),
  );
}

/**
 * Opening a claim to the funder: its reads and derivation (loadFunderClaim), then its
 * summary, lines and charts drawn into the page (React, synchronously). Beside it, a
 * toArray of the tables it reads, first or after it as `rawFirst` says.
 */
export async function timeOpenClaim(name: string, open: { fundId: string; financialYear: string; quarter: 1 | 2 | 3 | 4 }, rawFirst = false) {
  const db = new QuorumDatabase(name);
  await db.open();
  const raw = async () => {
    const t = performance.now();
    await Promise.all([db.funds.toArray(), db.projects.toArray(), db.budgetLines.toArray(), db.outputs.toArray(), db.partnerClaims.toArray(), db.funderClaims.toArray(), db.organisations.toArray()]);
    return performance.now() - t;
  };
  let rawMs = rawFirst ? await raw() : 0;
  const host = document.createElement('div');
  host.style.width = '1000px';
  document.body.append(host);
  const t0 = performance.now();
  const view = (await loadFunderClaim(db, open.fundId, open.financialYear, open.quarter, consortium))!;
  const loadMs = performance.now() - t0;
  const root = createRoot(host);
  flushSync(() => root.render(createElement(Screen, { view })));
  // recharts draws a chart once it has measured its container: wait until all three are drawn.
  const drawn = () => host.querySelectorAll('svg.recharts-surface').length >= 3 && host.querySelectorAll('.recharts-line-curve').length >= 2;
  for (let waited = 0; !drawn() && waited < 10_000; waited++) await new Promise((resolve) => setTimeout(resolve, 0));
  const ms = performance.now() - t0;
  const svgs = host.querySelectorAll('svg.recharts-surface').length;
  const points = host.querySelectorAll('.recharts-line-dots > *').length + host.querySelectorAll('.recharts-line-curve').length;
  root.unmount();
  host.remove();
  if (!rawFirst) rawMs = await raw();
  db.close();
  return { ms, loadMs, drawMs: ms - loadMs, rawMs, claimedPence: view.figures.claimedPence, approvedClaims: view.approvedClaims, charts: svgs, points };
}

/** A partner claim's history as History opens it (the newest 30), and in full. */
export async function timeClaimHistory(name: string, claimId: string) {
  const db = new QuorumDatabase(name);
  await db.open();
  const t0 = performance.now();
  const first = await changesToRecords(db, [{ table: 'partnerClaims', row: claimId }], { limit: 30 });
  const ms = performance.now() - t0;
  const t1 = performance.now();
  const all = await changesToRecords(db, [{ table: 'partnerClaims', row: claimId }]);
  const allMs = performance.now() - t1;
  db.close();
  return { ms, allMs, changes: first.changes.length, total: all.total };
}
