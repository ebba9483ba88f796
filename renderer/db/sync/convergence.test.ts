/**
 * Property (issue 7): three to five copies of one consortium — the founder as
 * secretariat, an Accountable Body, a chair, partners — run a random program
 * offline: register edits (by those allowed, and by members on their own
 * entry), partner claims made by their owners (or entered by the Accountable
 * Body on a partner's behalf) and moved through their lifecycle (submitted,
 * queried, answered, approved line by line, paid), membership applications
 * consulted on and decided by whichever copy is chair at the time, a chair
 * re-elected and the Accountable Body replaced mid-stream, conflicts resolved,
 * and attempts every copy must refuse, sent as an altered Quorum would
 * (writeUnchecked): a partner editing its approved claim or another partner's,
 * a partner granting itself a role, a former chair deciding, or a former
 * Accountable Body approving, after its successor's grant. Bundles go from
 * random copies to random copies, some delivered twice and some held back and
 * delivered late; clocks are a little ahead or behind. After a full exchange
 * (every copy to every copy, twice), every copy holds identical data and
 * identical refusals, and every refusal expected by construction is there.
 *
 * Runs: CONVERGENCE_RUNS (default 16). Seed: CONVERGENCE_SEED (default: drawn
 * and printed in the summary line; a failure prints it with the shrink path).
 * To replay a program: CONVERGENCE_SEED=<seed> npx vitest run --project unit renderer/db/sync/convergence.test.ts
 * (the seed fixes the program, not the clocks: copies stamp with the real
 * time, so which changes share a millisecond can differ from run to run).
 * CONVERGENCE_NO_SHRINK=1 stops at the first failure; CONVERGENCE_REPORT=<file>
 * writes, on a failure, the program, what each step did and every differing
 * row as each copy holds it, with its refusals and its changes in the log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyBundle, previewBundle } from './import-bundle';
import { exportBundle } from './export-bundle';
import { ConflictNotFoundError, listConflicts, resolveConflict } from './conflicts';
import { dumpSyncedTables, makeConsortium, writeUnchecked, type TestCopy } from './test-support';
import { AlreadyImportedError, StalePreviewError } from '../../../shared/sync/bundle-errors';
import { HybridLogicalClock } from '../../../shared/sync/hlc';
import { logRef, type ChangeEntry, type FieldValue } from '../../../shared/sync/change';
import { grantIdFor } from '../../../shared/sync/roles';
import { applicationLifecycle, partnerClaimLifecycle, stateOf } from '../../../shared/rules/lifecycles';
import type { InstallationRole, Office } from '../../../shared/domain/entities';
import { NotAuthorisedError } from '../not-authorised';
import { RecordNotFoundError } from '../repository';
import { londonToday } from '../london-today';

// ------------------------------------------------------------------ the program

const MEMBERS: Array<[string, InstallationRole]> = [
  ['Bedfordshire Secretariat', 'secretariat'],
  ['Bedfordshire Rural Communities Charity', 'accountable-body'],
  ['Bedford CVS', 'chair'],
  ['Voluntary Action Luton', 'partner'],
  ['Volunteer Centre Bedford', 'partner'],
];
const SECRETARIAT = 0;
const FIRST_AB = 1;
const FIRST_CHAIR = 2;

const ORG_FIELDS = ['name', 'phone', 'address'] as const;
const ORG_VALUES: Record<(typeof ORG_FIELDS)[number], string[]> = {
  name: ['Ampthill & District CVS', 'Biggleswade Community Trust', 'Leighton-Linslade CVS'],
  phone: ['01632 960001', '01632 960002', '01632 960003'],
  address: ['1 High Street, Bedford', '2 George Street, Luton', '3 Market Square, Ampthill'],
};

type Step =
  | { kind: 'orgEdit'; actor: number; own: boolean; target: number; field: number; value: number }
  | { kind: 'claimCreate'; owner: number; byAB: boolean; project: number; quarter: number; staff: number; travel: number }
  | { kind: 'claimRound'; owner: number; project: number; quarter: number; staff: number; cut: number }
  | { kind: 'claimEdit'; owner: number; pick: number; staff: number }
  | { kind: 'claimSubmit'; owner: number; pick: number }
  | { kind: 'claimQuery'; pick: number }
  | { kind: 'claimApprove'; pick: number; cut: number }
  | { kind: 'claimPay'; pick: number }
  | { kind: 'appCreate'; n: number }
  | { kind: 'appConsult'; pick: number }
  | { kind: 'appDecide'; pick: number; admit: boolean; byFormer: boolean }
  | { kind: 'grantChair'; daysAgo: number }
  | { kind: 'grantAB'; bySecretariat: boolean; daysAgo: number }
  | { kind: 'resolve'; actor: number; pick: number; choice: number }
  | { kind: 'attackApproved'; attacker: number; pick: number; undo: boolean }
  | { kind: 'attackOthersClaim'; attacker: number; pick: number }
  | { kind: 'attackSelfGrant'; attacker: number; office: number }
  | { kind: 'attackFormerChair'; pick: number; app: number }
  | { kind: 'attackFormerAB'; pick: number; claim: number }
  | { kind: 'export'; from: number; to: number; everything: boolean }
  | { kind: 'deliver'; pick: number; duplicate: boolean }
  | { kind: 'send'; from: number; to: number };

const n = fc.nat(7);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('orgEdit' as const), actor: n, own: fc.boolean(), target: n, field: fc.nat(2), value: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('claimCreate' as const), owner: n, byAB: fc.boolean(), project: fc.nat(1), quarter: fc.integer({ min: 1, max: 2 }), staff: fc.integer({ min: 1, max: 5 }), travel: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('claimRound' as const), owner: n, project: fc.nat(1), quarter: fc.integer({ min: 1, max: 4 }), staff: fc.integer({ min: 1, max: 5 }), cut: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('claimEdit' as const), owner: n, pick: n, staff: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('claimSubmit' as const), owner: n, pick: n }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('claimQuery' as const), pick: n }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('claimApprove' as const), pick: n, cut: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('claimPay' as const), pick: n }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('appCreate' as const), n }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('appConsult' as const), pick: n }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('appDecide' as const), pick: n, admit: fc.boolean(), byFormer: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('grantChair' as const), daysAgo: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('grantAB' as const), bySecretariat: fc.boolean(), daysAgo: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), actor: n, pick: n, choice: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attackApproved' as const), attacker: n, pick: n, undo: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attackOthersClaim' as const), attacker: n, pick: n }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attackSelfGrant' as const), attacker: n, office: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attackFormerChair' as const), pick: n, app: n }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attackFormerAB' as const), pick: n, claim: n }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('export' as const), from: n, to: n, everything: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(30), duplicate: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('send' as const), from: n, to: n }) },
);

/**
 * Who will hold the offices: the Accountable Body passes to one or two other
 * copies in turn, the chair to up to two (never to a copy that holds the
 * Accountable Body in the run), never back to an earlier holder
 * (so a copy that knows its successor's grant knows its term is over). The
 * secretariat stays with the founder.
 */
interface Plan {
  size: number;
  skews: number[];
  chairOrder: number[];
  abOrder: number[];
}

const plan: fc.Arbitrary<Plan> = fc
  .record({
    size: fc.integer({ min: 3, max: 5 }),
    skews: fc.array(fc.integer({ min: -1500, max: 1500 }), { minLength: 5, maxLength: 5 }),
    chairNext: fc.array(fc.nat(4), { minLength: 0, maxLength: 2 }),
    abNext: fc.array(fc.nat(4), { minLength: 1, maxLength: 2 }),
  })
  .map(({ size, skews, chairNext, abNext }) => {
    const abOrder = [FIRST_AB];
    for (const pick of abNext) {
      const free = [...Array(size).keys()].filter((i) => !abOrder.includes(i));
      abOrder.push(free[pick % free.length]!);
    }
    // The chair is never granted to a copy that holds the Accountable Body at any time in the run: the constitution
    // (9.1, accountableBodyMayChair false) refuses that grant, and whether it is refused would then depend on who knew what.
    const chairOrder = [FIRST_CHAIR];
    for (const pick of chairNext) {
      const free = [...Array(size).keys()].filter((i) => !chairOrder.includes(i) && !abOrder.includes(i));
      if (free.length > 0) chairOrder.push(free[pick % free.length]!);
    }
    return { size, skews: skews.slice(0, size), chairOrder, abOrder };
  });

// ------------------------------------------------------------------ running it

class Tally {
  runs = 0;
  steps = 0;
  applied = 0;
  refusedLocally = 0;
  skipped = 0;
  attacks = 0;
  delivered = 0;
  duplicates = 0;
  refusals = 0;
  expected = 0;
  conflicts = 0;
  chairGrants = 0;
  abGrants = 0;
  reopened = 0;
}
const tally = new Tally();

/** Imports a bundle; a bundle already imported (a duplicate) is refused as such and changes nothing. */
async function deliver(to: TestCopy, bytes: Uint8Array): Promise<void> {
  try {
    let report;
    for (let attempt = 1; ; attempt++) {
      try {
        report = await applyBundle(to.ctx, await previewBundle(to.ctx, bytes, 'bundle.quorum'));
        break;
      } catch (error) {
        // The trust list includes the roles held now, by this copy's clock: a grant stamped by a clock up to 1.5 s
        // ahead comes into force between preview and apply. A person would open the bundle again; so does this,
        // a little later each time (never more than the skew).
        if (!(error instanceof StalePreviewError) || attempt === 10) throw error;
        tally.reopened++;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    TRACE.push(`  import into ${to.node.slice(0, 8)}: ${JSON.stringify({ refused: report.refused.map((r) => r.message), held: report.heldBack.length })}`);
  } catch (error) {
    if (!(error instanceof AlreadyImportedError)) throw error;
    TRACE.push(`  import into ${to.node.slice(0, 8)}: already imported`);
  }
}
const TRACE: string[] = [];

async function send(from: TestCopy, to: TestCopy): Promise<void> {
  const { bytes } = await exportBundle(from.ctx, { recipientNodeId: to.node, compressed: false });
  await deliver(to, bytes);
}

/** From now on the copy's clock reads `now` (keeping its state: it never runs backwards from what it has stamped or received). */
function setClock(copy: TestCopy, now: () => number): void {
  copy.ctx.clock = new HybridLogicalClock(copy.node, now, copy.ctx.clock.snapshot());
  copy.ctx.now = () => new Date(now());
}

/** From now on the copy's clock runs `ms` ahead of the system clock (behind when negative). */
const skewClock = (copy: TestCopy, ms: number) => setClock(copy, () => Date.now() + ms);

const dateDaysAgo = (days: number) => londonToday(new Date(Date.now() - days * 86_400_000));

interface World {
  plan: Plan;
  copies: TestCopy[];
  orgs: string[];
  projects: string[];
  /** How far along chairOrder and abOrder the grants have gone (index of the current holder). */
  chairAt: number;
  abAt: number;
  /** Grant row ids, in the order of chairOrder and abOrder. */
  chairGrants: string[];
  abGrants: string[];
  mailbox: Array<{ bytes: Uint8Array; to: TestCopy }>;
  /** Log references of the changes each copy wrote without judging them (writeUnchecked). */
  unchecked: Map<TestCopy, Set<string>>;
  /** Refusal ids (`${logRef}#${field}`) every copy must hold by construction. */
  expected: Set<string>;
}

/** Runs a write through the copy's own writer: refused there (its roles as it knows them now) means nothing was saved. */
async function attempt(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
    tally.applied++;
    TRACE.push('  written');
  } catch (error) {
    TRACE.push(`  not written: ${String(error)}`);
    if (error instanceof NotAuthorisedError) tally.refusedLocally++;
    else if (error instanceof ConflictNotFoundError || error instanceof RecordNotFoundError) tally.skipped++;
    else throw error;
  }
}

const pickOf = <T,>(list: readonly T[], pick: number): T | undefined => (list.length === 0 ? undefined : list[pick % list.length]);

/** Copies that never hold the secretariat or the Accountable Body in this run: the ones whose attacks must be refused whatever their clocks say. */
function attackers(world: World): TestCopy[] {
  return world.copies.filter((_, i) => i !== SECRETARIAT && !world.plan.abOrder.includes(i));
}

/** Appends changes no honest writer would make, and expects every copy to refuse each of their fields. */
async function sendUnchecked(world: World, copy: TestCopy, writes: Array<{ table: string; row: string; fields: Record<string, FieldValue> }>): Promise<void> {
  await writeUnchecked(copy, writes);
  const run = await copy.db.changeLog.where('[node+firstSeq]').between([copy.node, 0], [copy.node, Infinity]).last();
  const entries: ChangeEntry[] = run!.entries.slice(-writes.length);
  let refs = world.unchecked.get(copy);
  if (!refs) world.unchecked.set(copy, (refs = new Set()));
  for (const entry of entries) {
    refs.add(logRef(entry));
    // A grant is refused whole, under its office (merge.ts applyGrant); any other change field by field.
    for (const field of entry.table === 'roleGrants' ? ['office'] : Object.keys(entry.fields)) world.expected.add(`${logRef(entry)}#${field}`);
  }
  tally.attacks++;
}

async function claimsOn(copy: TestCopy, filter: (row: Record<string, unknown>) => boolean = () => true) {
  return ((await copy.db.partnerClaims.toArray()) as unknown as Array<Record<string, unknown> & { id: string; _clocks: Record<string, string> }>)
    .filter((row) => !row.deleted && filter(row))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * A copy that held `office` and knows, from its own store, a later grant of it
 * to a successor: whatever it does in that office from now on is after its
 * term ended, on every copy's timeline. (Later grant: a greater clock stamp, so
 * the successor's term starts after its own.)
 */
async function formerHolders(world: World, order: number[], at: number, grants: string[]): Promise<TestCopy[]> {
  const out: TestCopy[] = [];
  for (let i = 0; i < at; i++) {
    const copy = world.copies[order[i]!]!;
    if (order[i] === SECRETARIAT) continue;
    const own = await copy.db.roleGrants.get(grants[i]!);
    if (!own) continue;
    for (let j = i + 1; j <= at; j++) {
      const later = await copy.db.roleGrants.get(grants[j]!);
      if (later && later._clocks.office! > own._clocks.office!) {
        out.push(copy);
        break;
      }
    }
  }
  return out;
}

async function runStep(world: World, s: Step): Promise<void> {
  tally.steps++;
  TRACE.push(JSON.stringify(s));
  const { copies, plan: p } = world;
  const copy = (i: number) => copies[i % p.size]!;
  const otherThan = (c: TestCopy, i: number) => copies[(copies.indexOf(c) + 1 + (i % (p.size - 1))) % p.size]!;
  const orgOf = (c: TestCopy) => world.orgs[copies.indexOf(c)]!;
  const ab = copies[p.abOrder[world.abAt]!]!;
  const chair = copies[p.chairOrder[world.chairAt]!]!;
  const secretariat = copies[SECRETARIAT]!;
  switch (s.kind) {
    case 'orgEdit': {
      const actor = copy(s.actor);
      const target = s.own ? orgOf(actor) : world.orgs[s.target % p.size]!;
      const field = ORG_FIELDS[s.field]!;
      return attempt(() => actor.repos.organisations.update(target, { [field]: ORG_VALUES[field][s.value]! }));
    }
    case 'claimCreate': {
      // Claims come from every copy but the founder; the Accountable Body may enter one on a partner's behalf.
      const owner = copy(1 + (s.owner % (p.size - 1)));
      const writer = s.byAB ? ab : owner;
      const values = {
        organisationId: orgOf(owner),
        projectId: world.projects[s.project]!,
        financialYear: '2026/27',
        quarter: s.quarter,
        lines: { staff: s.staff * 10_000, ...(s.travel > 0 ? { travel: s.travel * 1_500 } : {}) },
        outputsDelivered: `${s.staff * 3} groups supported`,
        ...(s.byAB ? { enteredOnBehalf: true } : {}),
      };
      const id = writer.repos.partnerClaims.naturalId(values)!;
      if (await writer.db.partnerClaims.get(id)) return void tally.skipped++;
      return attempt(() => writer.repos.partnerClaims.create(values));
    }
    case 'claimRound': {
      // A quarter that goes smoothly: the partner claims and submits, its bundle reaches the Accountable Body,
      // which approves line by line, and its bundle comes back. (Each write still goes through its copy's writer.)
      const owner = copy(1 + (s.owner % (p.size - 1)));
      const values = { organisationId: orgOf(owner), projectId: world.projects[s.project]!, financialYear: '2026/27', quarter: s.quarter, lines: { staff: s.staff * 10_000, travel: 4_500 }, outputsDelivered: `${s.staff * 3} groups supported` };
      const id = owner.repos.partnerClaims.naturalId(values)!;
      if (await owner.db.partnerClaims.get(id)) return void tally.skipped++;
      await attempt(() => owner.repos.partnerClaims.create(values));
      await attempt(() => owner.repos.partnerClaims.recordEvent(id, { type: 'submitted', answer: '' }));
      if (owner !== ab) await send(owner, ab);
      const row = await ab.db.partnerClaims.get(id);
      if (!row || stateOf(partnerClaimLifecycle, row).status !== 'submitted') return;
      const lines = s.cut === 0 ? values.lines : { staff: values.lines.staff - 5_000 * s.cut, travel: 4_500 };
      await attempt(() => ab.repos.partnerClaims.recordEvent(id, { type: 'approved', lines, reasons: s.cut === 0 ? {} : { staff: 'Two days not evidenced' } }));
      if (owner !== ab) await send(ab, owner);
      tally.delivered += owner !== ab ? 2 : 0;
      return;
    }
    case 'claimEdit': {
      const owner = copy(1 + (s.owner % (p.size - 1)));
      const claim = pickOf(await claimsOn(owner, (row) => row.organisationId === orgOf(owner)), s.pick);
      if (!claim) return void tally.skipped++;
      return attempt(() => owner.repos.partnerClaims.update(claim.id, { lines: { ...(claim.lines as Record<string, number>), staff: s.staff * 9_000 } }));
    }
    case 'claimSubmit': {
      // Submitting a draft, or answering the Accountable Body's query.
      const owner = copy(1 + (s.owner % (p.size - 1)));
      const claim = pickOf(await claimsOn(owner, (row) => row.organisationId === orgOf(owner)), s.pick);
      if (!claim) return void tally.skipped++;
      const queried = stateOf(partnerClaimLifecycle, claim).status === 'queried';
      return attempt(() => owner.repos.partnerClaims.recordEvent(claim.id, { type: 'submitted', answer: queried ? 'Timesheets attached' : '' }));
    }
    case 'claimQuery': {
      const claim = pickOf(await claimsOn(ab, (row) => stateOf(partnerClaimLifecycle, row).status === 'submitted'), s.pick);
      if (!claim) return void tally.skipped++;
      return attempt(() => ab.repos.partnerClaims.recordEvent(claim.id, { type: 'queried', query: 'Please send the timesheets for the staff line' }));
    }
    case 'claimApprove': {
      // Line by line: in full, or less with a reason.
      const claim = pickOf(await claimsOn(ab, (row) => stateOf(partnerClaimLifecycle, row).status === 'submitted'), s.pick);
      if (!claim) return void tally.skipped++;
      const lines: Record<string, number> = {};
      const reasons: Record<string, string> = {};
      for (const [line, pence] of Object.entries(claim.lines as Record<string, number>)) {
        lines[line] = s.cut === 0 ? pence : s.cut === 1 ? Math.floor(pence * 0.8) : 0;
        if (lines[line] !== pence) reasons[line] = 'Not all of it was evidenced';
      }
      return attempt(() => ab.repos.partnerClaims.recordEvent(claim.id, { type: 'approved', lines, reasons }));
    }
    case 'claimPay': {
      const claim = pickOf(await claimsOn(ab, (row) => stateOf(partnerClaimLifecycle, row).status === 'approved'), s.pick);
      if (!claim) return void tally.skipped++;
      const amountPence = stateOf(partnerClaimLifecycle, claim).approvedTotalPence!;
      return attempt(() => ab.repos.partnerClaims.recordEvent(claim.id, { type: 'paid', paidOn: '2026-07-20', reference: `BACS ${claim.id.slice(-6)}`, amountPence }));
    }
    case 'appCreate':
      return attempt(() => secretariat.repos.applications.create({ organisationName: `Applicant ${s.n}`, contactName: 'A. Person', receivedOn: '2026-11-02' }));
    case 'appConsult': {
      const app = pickOf(await secretariat.repos.applications.list(), s.pick);
      if (!app || stateOf(applicationLifecycle, app).status !== 'received') return void tally.skipped++;
      return attempt(() => secretariat.repos.applications.recordEvent(app.id, { type: 'consulting' }));
    }
    case 'appDecide': {
      // Decided by whichever copy is chair now — or by the chair before it, which may not have heard yet.
      const decider = s.byFormer && world.chairAt > 0 ? copies[p.chairOrder[world.chairAt - 1]!]! : chair;
      const open = (await decider.repos.applications.list()).filter((app) => ['received', 'consulting', 'referred'].includes(stateOf(applicationLifecycle, app).status));
      const app = pickOf(open.sort((a, b) => (a.id < b.id ? -1 : 1)), s.pick);
      if (!app) return void tally.skipped++;
      return attempt(() => decider.repos.applications.recordEvent(app.id, { type: 'decided', decision: s.admit ? 'admitted' : 'refused', reason: s.admit ? '' : 'Too few criteria met' }));
    }
    case 'grantChair': {
      // The secretariat grants the chair to the newly elected chair's copy.
      if (world.chairAt + 1 >= p.chairOrder.length) return void tally.skipped++;
      const next = copies[p.chairOrder[world.chairAt + 1]!]!;
      const grant = { office: 'chair' as const, node: next.node, organisationId: orgOf(next), from: dateDaysAgo(s.daysAgo) };
      await secretariat.repos.roleGrants.create(grant);
      world.chairGrants.push(grantIdFor(grant));
      world.chairAt++;
      tally.chairGrants++;
      tally.applied++;
      return;
    }
    case 'grantAB': {
      // The secretariat, or the Accountable Body itself, grants the office to its successor.
      if (world.abAt + 1 >= p.abOrder.length) return void tally.skipped++;
      const next = copies[p.abOrder[world.abAt + 1]!]!;
      const grantor = s.bySecretariat ? secretariat : ab;
      const grant = { office: 'accountable-body' as const, node: next.node, organisationId: orgOf(next), from: dateDaysAgo(s.daysAgo) };
      try {
        await grantor.repos.roleGrants.create(grant);
      } catch (error) {
        // The Accountable Body's copy may not know yet that it holds the office.
        if (!(error instanceof NotAuthorisedError)) throw error;
        tally.refusedLocally++;
        return;
      }
      world.abGrants.push(grantIdFor(grant));
      world.abAt++;
      tally.abGrants++;
      tally.applied++;
      return;
    }
    case 'resolve': {
      const actor = copy(s.actor);
      const open = await listConflicts(actor.ctx);
      const conflict = pickOf(open, s.pick);
      if (!conflict) return void tally.skipped++;
      const resolution = s.choice === 0 ? { keep: 'current' as const } : s.choice === 1 ? { keep: 'other' as const } : { value: conflict.keptValue as FieldValue };
      return attempt(() => resolveConflict(actor.ctx, conflict.id, resolution));
    }
    case 'attackApproved': {
      // A partner un-approves or edits its own claim after the Accountable Body approved it.
      const attacker = pickOf(attackers(world), s.attacker);
      if (!attacker) return void tally.skipped++;
      const claim = pickOf(
        await claimsOn(attacker, (row) => row.organisationId === orgOf(attacker) && ['approved', 'paid'].includes(stateOf(partnerClaimLifecycle, row).status)),
        s.pick,
      );
      if (!claim) return void tally.skipped++;
      const fields: Record<string, FieldValue> = s.undo
        ? { [`event:${crypto.randomUUID()}`]: { type: 'submitted', answer: 'please look again' } }
        : { lines: { ...(claim.lines as Record<string, number>), staff: 999_999 } };
      return sendUnchecked(world, attacker, [{ table: 'partnerClaims', row: claim.id, fields }]);
    }
    case 'attackOthersClaim': {
      const attacker = pickOf(attackers(world), s.attacker);
      if (!attacker) return void tally.skipped++;
      const claim = pickOf(await claimsOn(attacker, (row) => row.organisationId !== orgOf(attacker)), s.pick);
      if (!claim) return void tally.skipped++;
      return sendUnchecked(world, attacker, [{ table: 'partnerClaims', row: claim.id, fields: { lines: { staff: 1 } } }]);
    }
    case 'attackSelfGrant': {
      const attacker = pickOf(attackers(world), s.attacker);
      if (!attacker) return void tally.skipped++;
      const office = (['secretariat', 'chair', 'accountable-body'] as Office[])[s.office]!;
      // Dated 40 days ago: no grant the program makes has that date, so the id is the attack's own.
      const grant = { office, node: attacker.node, organisationId: orgOf(attacker), from: dateDaysAgo(40), note: '' };
      return sendUnchecked(world, attacker, [{ table: 'roleGrants', row: grantIdFor(grant), fields: grant }]);
    }
    case 'attackFormerChair': {
      const former = pickOf(await formerHolders(world, p.chairOrder, world.chairAt, world.chairGrants), s.pick);
      if (!former) return void tally.skipped++;
      const app = pickOf((await former.repos.applications.list()).sort((a, b) => (a.id < b.id ? -1 : 1)), s.app);
      if (!app) return void tally.skipped++;
      return sendUnchecked(world, former, [{ table: 'applications', row: app.id, fields: { [`event:${crypto.randomUUID()}`]: { type: 'decided', decision: 'admitted', reason: '' } } }]);
    }
    case 'attackFormerAB': {
      const former = pickOf(await formerHolders(world, p.abOrder, world.abAt, world.abGrants), s.pick);
      if (!former) return void tally.skipped++;
      const claim = pickOf(await claimsOn(former), s.claim);
      if (!claim) return void tally.skipped++;
      return sendUnchecked(world, former, [{ table: 'partnerClaims', row: claim.id, fields: { [`event:${crypto.randomUUID()}`]: { type: 'approved', lines: claim.lines as Record<string, number>, reasons: {} } } }]);
    }
    case 'export': {
      const from = copy(s.from);
      const to = otherThan(from, s.to);
      const { bytes } = await exportBundle(from.ctx, { recipientNodeId: s.everything ? null : to.node, compressed: true });
      world.mailbox.push({ bytes, to });
      return;
    }
    case 'deliver': {
      // Delivered now; a duplicate stays in the mailbox and is delivered again later.
      if (world.mailbox.length === 0) return void tally.skipped++;
      const index = s.pick % world.mailbox.length;
      const { bytes, to } = world.mailbox[index]!;
      if (s.duplicate) tally.duplicates++;
      else world.mailbox.splice(index, 1);
      tally.delivered++;
      await deliver(to, bytes);
      return;
    }
    case 'send': {
      // Exported and imported at once: what the recipient has not acknowledged.
      const from = copy(s.from);
      const to = otherThan(from, s.to);
      tally.delivered++;
      await send(from, to);
      return;
    }
  }
}

/** A store's synced tables, row by row (`table/id` → canonical JSON), with `_log` references to the changes in `without` left out. */
async function rowsWithout(copy: TestCopy, without: ReadonlySet<string>): Promise<Map<string, string>> {
  const dump = JSON.parse(await dumpSyncedTables(copy.db, () => false)) as Record<string, Array<Record<string, unknown>>>;
  const out = new Map<string, string>();
  for (const [table, rows] of Object.entries(dump)) {
    for (const row of rows) {
      if (without.size > 0 && Array.isArray(row._log)) row._log = row._log.filter((ref: string) => !without.has(ref));
      out.set(`${table}/${String(row.id)}`, JSON.stringify(row));
    }
  }
  return out;
}

/** The rows that differ between two dumps, each side as it is ('—' when missing): empty when they are identical. */
function differences(a: Map<string, string>, b: Map<string, string>): Array<{ row: string; here: string; there: string }> {
  const out: Array<{ row: string; here: string; there: string }> = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) if (a.get(key) !== b.get(key)) out.push({ row: key, here: a.get(key) ?? '—', there: b.get(key) ?? '—' });
  return out.sort((x, y) => (x.row < y.row ? -1 : 1));
}

async function refusalIds(copy: TestCopy): Promise<string[]> {
  return ((await copy.db.refusals.toCollection().primaryKeys()) as string[]).sort();
}

/** On a failure, for diagnosis (CONVERGENCE_REPORT=<file>): the program, what each step did, and each differing row on every copy with its refusals, the grants and its changes in the log. */
async function writeReport(world: World, steps: Step[]): Promise<void> {
  const { writeFileSync } = await import('node:fs');
  const copies = world.copies;
  const out: Record<string, unknown> = { plan: world.plan, nodes: copies.map((c, i) => `${i} ${c.node} ${c.name} skew ${world.plan.skews[i]}`), steps, trace: TRACE };
  const diffs: unknown[] = [];
  for (const copy of copies.slice(1)) {
    const own = world.unchecked.get(copy) ?? new Set<string>();
    for (const d of differences(await rowsWithout(copy, own), await rowsWithout(copies[0]!, own))) {
      const [table, ...rest] = d.row.split('/');
      const row = rest.join('/');
      const perCopy: unknown[] = [];
      for (const c of copies) {
        perCopy.push({
          copy: c.node.slice(0, 8),
          row: (await rowsWithout(c, new Set())).get(d.row) ?? '—',
          refusals: (await c.db.refusals.where('key').equals(`${table}/${row}`).toArray()).map((r) => `${r.ref}#${r.field}: ${r.action}: ${r.reason}`),
          grants: (await c.db.roleGrants.toArray()).map((g) => `${g.id} @ ${g._clocks.office}`).sort(),
          log: (await c.db.changeLog.toArray()).flatMap((run) => run.entries.filter((e) => e.table === table && e.row === row).map((e) => `${e.hlc}|${e.seq} ${JSON.stringify(e.fields)}`)),
        });
      }
      diffs.push({ differsOn: copy.node.slice(0, 8), row: d.row, perCopy });
    }
  }
  out.diffs = diffs;
  out.grantRefusals = (await copies[0]!.db.refusals.where('key').startsWith('roleGrants/').toArray()).map((r) => `${r.ref} ${r.reason}`);
  writeFileSync(process.env.CONVERGENCE_REPORT!, JSON.stringify(out, null, 1));
}

async function scenario(p: Plan, steps: Step[]): Promise<void> {
  TRACE.length = 0;
  const c = await makeConsortium(MEMBERS.slice(0, p.size), { exchange: send });
  const copies = c.copies;
  try {
    const orgs = await Promise.all(copies.map(async (copy) => (await copy.db.installation.get('self'))!.organisationId));
    // The register of members, written by the secretariat, in place of each copy's test-only local entry (makeCopy):
    // members' edits to their own entry then reach a record every copy holds.
    for (const copy of copies) await copy.db.organisations.delete(orgs[copies.indexOf(copy)]!);
    const secretariat = copies[SECRETARIAT]!;
    for (const [i, copy] of copies.entries()) {
      await secretariat.repos.organisations.create({ name: copy.name, kind: 'cvs', status: 'member', joinedOn: '2026-04-01' }, orgs[i]);
    }
    const projects = [await secretariat.repos.projects.create({ name: 'Capacity building' }), await secretariat.repos.projects.create({ name: 'Volunteering for all' })];
    await secretariat.repos.applications.create({ organisationName: 'Ampthill Community Group', contactName: 'A. Person', receivedOn: '2026-11-02' });
    await secretariat.repos.applications.create({ organisationName: 'Sandy Youth Trust', contactName: 'B. Person', receivedOn: '2026-11-03' });
    await c.spread();
    for (const [i, copy] of copies.entries()) skewClock(copy, p.skews[i] ?? 0);

    const world: World = {
      plan: p,
      copies,
      orgs,
      projects,
      chairAt: 0,
      abAt: 0,
      chairGrants: [grantIdFor({ office: 'chair', node: copies[FIRST_CHAIR]!.node, from: '2026-04-01' })],
      abGrants: [grantIdFor({ office: 'accountable-body', node: copies[FIRST_AB]!.node, from: '2026-04-01' })],
      mailbox: [],
      unchecked: new Map(),
      expected: new Set(),
    };
    for (const s of steps) await runStep(world, s);

    // Bundles held back until now arrive late; then everyone hears from everyone, twice.
    for (const { bytes, to } of world.mailbox) await deliver(to, bytes);
    for (let round = 0; round < 2; round++) for (const from of copies) for (const to of copies) if (from !== to) await send(from, to);

    // Fair comparison. An altered copy (one that wrote changes with writeUnchecked) never judged those changes
    // itself: they sit in its own log, but its rows never took them and it holds no refusal for them, since a
    // copy does not import its own changes. Every other copy judged and refused them, and lists them in the
    // record's history (_log) and among its refusals. So each copy is compared with the founder (which never
    // writes unchecked) with only its OWN unchecked changes left out of both sides; everything else — every
    // value, clock, history entry, conflict, grant and every refusal of anyone else's change — must be identical.
    try {
      await expectConverged(world);
    } catch (error) {
      if (process.env.CONVERGENCE_REPORT) await writeReport(world, steps);
      throw error;
    }
  } finally {
    for (const copy of copies) await copy.db.delete();
  }
}

async function expectConverged(world: World): Promise<void> {
  const { copies } = world;
  const reference = copies[SECRETARIAT]!;
  const referenceRefusals = await refusalIds(reference);
  for (const copy of copies.slice(1)) {
    const own = world.unchecked.get(copy) ?? new Set<string>();
    expect(differences(await rowsWithout(copy, own), await rowsWithout(reference, own)), `${copy.name}’s data (here) against the founder’s (there)`).toEqual([]);
    const isOwn = (id: string) => own.has(id.slice(0, id.lastIndexOf('#')));
    expect(await refusalIds(copy), `${copy.name}’s refusals`).toEqual(referenceRefusals.filter((id) => !isOwn(id)));
  }
  // Copies that wrote nothing unchecked hold exactly the same tables, byte for byte.
  const honest = copies.filter((copy) => !world.unchecked.has(copy));
  const dumps = await Promise.all(honest.map((copy) => dumpSyncedTables(copy.db, () => false)));
  expect(new Set(dumps).size).toBe(1);
  // Every refusal expected by construction is there.
  const held = new Set(referenceRefusals);
  for (const id of world.expected) expect(held.has(id), `refusal ${id}`).toBe(true);

  tally.runs++;
  tally.refusals += referenceRefusals.length;
  tally.expected += world.expected.size;
  tally.conflicts += await reference.db.conflicts.count();
}

const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 16);
const SEED = Number(process.env.CONVERGENCE_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('convergence', () => {
  it('copies that edit, claim, decide, change officers and attempt what they may not, exchanging bundles in any order with duplicates and delays, end with identical data and identical refusals', async () => {
    const started = Date.now();
    await fc.assert(fc.asyncProperty(plan, fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }), scenario), { numRuns: RUNS, seed: SEED, ...(process.env.CONVERGENCE_NO_SHRINK ? { endOnFailure: true } : {}) });
    const t = tally;
    console.log(
      `convergence: ${t.runs} runs (seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s, ${t.steps} steps (${t.applied} written, ${t.refusedLocally} refused by the writing copy, ${t.skipped} with nothing to do, ${t.attacks} unchecked attempts), ` +
        `${t.delivered} bundles delivered (${t.duplicates} again later, ${t.reopened} opened again after a stale preview), ${t.chairGrants} new chairs, ${t.abGrants} new Accountable Bodies, ${t.refusals} refusals on every copy (${t.expected} expected by construction, all present), ${t.conflicts} conflicts`,
    );
  }, 240_000);
});

// ------------------------------------------------------------------ counterexamples the property found

describe('convergence: cases the property found', () => {
  const made: TestCopy[] = [];
  const consortium = async (members: Array<[string, InstallationRole]>) => {
    const c = await makeConsortium(members, { exchange: send });
    made.push(...c.copies);
    await c.spread();
    return c.copies;
  };
  const orgOf = async (copy: TestCopy) => (await copy.db.installation.get('self'))!.organisationId;
  /** Identical synced tables (test-only local organisation rows aside) and identical refusals on every copy. */
  const expectSameEverywhere = async (copies: TestCopy[]) => {
    const [first, ...rest] = await Promise.all(copies.map((copy) => rowsWithout(copy, new Set())));
    for (const rows of rest) expect(differences(rows, first!).filter((d) => !d.row.startsWith('organisations/org-'))).toEqual([]);
    const refusals = await Promise.all(copies.map(refusalIds));
    for (const ids of refusals.slice(1)) expect(ids).toEqual(refusals[0]);
  };
  afterEach(async () => {
    for (const copy of made.splice(0)) await copy.db.delete();
  });

  it('judges the Accountable Body’s last approval, made in the same millisecond as its grant of the office to its successor, as made in office (roles.ts: terms start at the grant’s clock stamp)', async () => {
    const [s, ab, p] = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Bedfordshire Rural Communities Charity', 'accountable-body'],
      ['Voluntary Action Luton', 'partner'],
    ]) as [TestCopy, TestCopy, TestCopy];
    const project = await s.repos.projects.create({ name: 'Capacity building' });
    await send(s, p);
    await send(s, ab);
    const claim = await p.repos.partnerClaims.create({ organisationId: await orgOf(p), projectId: project, financialYear: '2026/27', quarter: 1, lines: { staff: 10_000 }, outputsDelivered: '3 groups supported' });
    await p.repos.partnerClaims.recordEvent(claim, { type: 'submitted', answer: '' });
    await send(p, ab);
    // The Accountable Body's clock does not move on between its approval and its grant: the same millisecond.
    const frozen = Date.now() + 5;
    setClock(ab, () => frozen);
    await ab.repos.partnerClaims.recordEvent(claim, { type: 'approved', lines: { staff: 10_000 }, reasons: {} });
    await ab.repos.roleGrants.create({ office: 'accountable-body', node: s.node, organisationId: await orgOf(s), from: dateDaysAgo(1) });
    setClock(ab, () => Date.now());
    await send(ab, s);
    await send(ab, p);
    await send(s, p);
    for (const copy of [s, ab, p]) expect(stateOf(partnerClaimLifecycle, (await copy.db.partnerClaims.get(claim))!).status).toBe('approved');
    await expectSameEverywhere([s, ab, p]);
  });

  /**
   * A change refused while its record did not exist yet, followed by the record's creation: whether the creation
   * comes first in clock order or not, every copy must end as the fold in clock order ends, whatever arrived first.
   */
  const refusedBeforeItsRecord = async (order: 'refused-first-in-clock-order' | 'creation-first-in-clock-order') => {
    const [s, ab, p, early, late] = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Bedfordshire Rural Communities Charity', 'accountable-body'],
      ['Voluntary Action Luton', 'partner'],
      ['Volunteer Centre Bedford', 'partner'],
      ['Bedford CVS', 'partner'],
    ]) as [TestCopy, TestCopy, TestCopy, TestCopy, TestCopy];
    const project = await s.repos.projects.create({ name: 'Capacity building' });
    for (const copy of [ab, p, early, late]) await send(s, copy);
    // The secretariat hands the Accountable Body to another copy; the old one has not heard.
    await s.repos.roleGrants.create({ office: 'accountable-body', node: late.node, organisationId: await orgOf(late), from: dateDaysAgo(1) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const values = { organisationId: await orgOf(p), projectId: project, financialYear: '2026/27', quarter: 1, lines: { staff: 10_000 }, outputsDelivered: '3 groups supported' };
    const enterOnBehalf = () => ab.repos.partnerClaims.create({ ...values, lines: { staff: 12_000 }, enteredOnBehalf: true });
    const claimItself = () => p.repos.partnerClaims.create(values);
    // Two copies that have not heard from each other write the same claim (one per partner and quarter).
    if (order === 'refused-first-in-clock-order') {
      await enterOnBehalf();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await claimItself();
    } else {
      await claimItself();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await enterOnBehalf();
    }
    for (const copy of [early, late]) await send(s, copy);
    // One copy hears from the old Accountable Body first, the other from the partner first.
    await send(ab, early);
    await send(p, early);
    await send(p, late);
    await send(ab, late);
    await expectSameEverywhere([early, late]);
    for (let round = 0; round < 2; round++) for (const from of [s, ab, p, early, late]) for (const to of [s, ab, p, early, late]) if (from !== to) await send(from, to);
    await expectSameEverywhere([s, ab, p, early, late]);
  };

  it('keeps in a record’s history a change refused before the record existed, whichever arrived first (merge.ts, import-plan.ts)', async () => {
    await refusedBeforeItsRecord('refused-first-in-clock-order');
  });

  it('judges a change refused while its record did not exist again once a creation older in clock order arrives (merge.ts, import-plan.ts)', async () => {
    await refusedBeforeItsRecord('creation-first-in-clock-order');
  });

  // Found by the property: a stored grant is judged again when the timeline changes (merge.ts settleStoredGrants).
  it('refuses on the old Accountable Body’s own copy what it did after the secretariat had handed the office on, its own grant of the office included, once it hears (roles.ts changedCopies, merge.ts / import-plan.ts: stored grants judged again)', async () => {
    const [s, ab, p, q] = (await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Bedfordshire Rural Communities Charity', 'accountable-body'],
      ['Voluntary Action Luton', 'partner'],
      ['Volunteer Centre Bedford', 'partner'],
    ])) as [TestCopy, TestCopy, TestCopy, TestCopy];
    const project = await s.repos.projects.create({ name: 'Capacity building' });
    for (const copy of [ab, p, q]) await send(s, copy);
    // The secretariat hands the Accountable Body to Q; the old one, not knowing, enters a claim and hands the office to P.
    await s.repos.roleGrants.create({ office: 'accountable-body', node: q.node, organisationId: await orgOf(q), from: dateDaysAgo(1) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const claim = await ab.repos.partnerClaims.create({ organisationId: await orgOf(p), projectId: project, financialYear: '2026/27', quarter: 1, lines: { staff: 12_000 }, outputsDelivered: '3 groups supported', enteredOnBehalf: true });
    const grant = { office: 'accountable-body' as const, node: p.node, organisationId: await orgOf(p), from: dateDaysAgo(1) };
    await ab.repos.roleGrants.create(grant);
    for (let round = 0; round < 2; round++) for (const from of [s, ab, p, q]) for (const to of [s, ab, p, q]) if (from !== to) await send(from, to);
    for (const copy of [s, ab, p, q]) {
      expect(await copy.db.partnerClaims.get(claim), copy.name).toBeUndefined();
      expect(await copy.db.roleGrants.get(grantIdFor(grant)), copy.name).toBeUndefined();
    }
    await expectSameEverywhere([s, ab, p, q]);
  });

  it('holds the same conflict row on the copy that resolved it as on the others (writer.ts: no `_log` on derived conflict rows)', async () => {
    const [s, ab, p] = (await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Bedfordshire Rural Communities Charity', 'accountable-body'],
      ['Voluntary Action Luton', 'partner'],
    ])) as [TestCopy, TestCopy, TestCopy];
    const organisation = await s.repos.organisations.create({ name: 'Ampthill & District CVS', kind: 'cvs' });
    await send(s, ab);
    await send(s, p);
    // The secretariat and the Accountable Body change the same telephone number without seeing each other's.
    await s.repos.organisations.update(organisation, { phone: '01632 960001' });
    await ab.repos.organisations.update(organisation, { phone: '01632 960002' });
    await send(s, ab);
    await send(ab, s);
    const [open] = await listConflicts(s.ctx);
    expect(open).toBeDefined();
    await resolveConflict(s.ctx, open!.id, { keep: 'current' });
    for (let round = 0; round < 2; round++) for (const from of [s, ab, p]) for (const to of [s, ab, p]) if (from !== to) await send(from, to);
    await expectSameEverywhere([s, ab, p]);
  });
});
