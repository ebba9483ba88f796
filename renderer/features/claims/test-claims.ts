/**
 * For claims tests on real stores: a fund with one project, two budget lines profiled
 * for Q1 2026/27, an output with a target, and two partners' claims entered on their
 * behalf by the Accountable Body and approved, one at less than claimed. Not used by the app.
 */
import type { TestCopy } from '../../db/sync/test-support';
import { periodField, PROFILE_FIELD_PREFIX, TARGET_FIELD_PREFIX } from '../../../shared/domain/entities';

const profile = (q: number) => periodField(PROFILE_FIELD_PREFIX, '2026/27', q);

/** A fund with one project, two lines profiled for Q1 2026/27, an output with a target, and two partners' claims approved. */
export async function seedApprovedQuarter(ab: TestCopy) {
  const r = ab.repos;
  const bedford = await r.organisations.create({ name: 'Bedford CVS', kind: 'cvs', status: 'member' });
  const luton = await r.organisations.create({ name: 'Voluntary Action Luton', kind: 'cvs', status: 'member' });
  const funderId = await r.funders.create({ name: 'Capacitybuilders' });
  const fundId = await r.funds.create({ funderId, name: 'Improving Reach', awardedPence: 100_000_000 });
  const projectId = await r.projects.create({ name: 'Frontline support', fundId, leadOrganisationId: bedford, deliveryOrganisationIds: [luton], firstYear: '2026/27', firstQuarter: 1, lastYear: '2028/29', lastQuarter: 4 });
  await r.budgetLines.createWithParts({ projectId, code: 'staff', name: 'Staff', order: 0 }, { [profile(1)]: 1_000_000, [profile(2)]: 1_000_000 });
  await r.budgetLines.createWithParts({ projectId, code: 'running-costs', name: 'Running costs', order: 1 }, { [profile(1)]: 150_000 });
  await r.outputs.createWithParts({ projectId, code: 'orgs-supported', name: 'Frontline organisations supported' }, { [periodField(TARGET_FIELD_PREFIX, '2026/27', 1)]: 20 });
  const claim = async (organisationId: string, lines: Record<string, number>, outputs: Record<string, number>) => {
    const id = await r.partnerClaims.create({ organisationId, projectId, financialYear: '2026/27', quarter: 1, lines, outputs, outputsDelivered: 'As counted', enteredOnBehalf: true });
    await r.partnerClaims.recordEvent(id, { type: 'submitted', answer: '' });
    return id;
  };
  const b = await claim(bedford, { staff: 600_000, 'running-costs': 100_000 }, { 'orgs-supported': 12 });
  const l = await claim(luton, { staff: 300_000 }, { 'orgs-supported': 8 });
  await r.partnerClaims.recordEvent(b, { type: 'approved', lines: { staff: 600_000, 'running-costs': 100_000 }, reasons: {} });
  // Approved at less than claimed: what was approved is what the funder is claimed for.
  await r.partnerClaims.recordEvent(l, { type: 'approved', lines: { staff: 250_000 }, reasons: { staff: 'Timesheets support 250 hours' } });
  return { fundId, projectId, bedford, luton };
}

