import { describe, expect, it } from 'vitest';
import { eventWords } from './event-words';
import { fieldChangeWords } from './history-words';

describe('a lifecycle step in words', () => {
  it('says what happened to an application, with its dates in words and the meeting by name', () => {
    expect(eventWords('applications', { type: 'consulting', closesOn: '2026-12-15', consulted: ['a', 'b', 'c'] })).toBe('Members consulted until 15 December 2026 (3 members asked)');
    expect(eventWords('applications', { type: 'referred', meetingId: 'm1', reason: '1 member objects' }, (id) => (id === 'm1' ? 'Consortium meeting, 8 December 2026' : ''))).toBe(
      'Referred to ‘Consortium meeting, 8 December 2026’: 1 member objects',
    );
    expect(eventWords('applications', { type: 'decided', decision: 'admitted', on: '2026-12-08', atMeetingId: 'm1', reason: 'Agreed by consensus' })).toBe('Admitted from 8 December 2026 by the meeting: Agreed by consensus');
    expect(eventWords('applications', { type: 'decided', decision: 'refused', on: '2026-12-16', atMeetingId: '', reason: 'Shows 2 of 5' })).toBe('Refused on 16 December 2026: Shows 2 of 5');
    expect(eventWords('applications', { type: 'notified', on: '2026-12-17' })).toBe('Applicant told of the decision on 17 December 2026');
  });
  it('says what happened to claims, minutes and motions, money in pounds', () => {
    expect(eventWords('partnerClaims', { type: 'approved', lines: { staff: 120_000, travel: 5_050 }, reasons: {} })).toBe('Approved: £1,250.50 over 2 lines');
    expect(eventWords('partnerClaims', { type: 'approved', lines: { staff: 120_000, travel: 3_000 }, reasons: { travel: 'One ticket not evidenced' } })).toBe('Approved: £1,230.00 over 2 lines (“travel” lower: One ticket not evidenced)');
    expect(eventWords('partnerClaims', { type: 'queried', query: 'What is the £400 for?', line: 'running-costs' })).toBe('Queried by the Accountable Body about the line “running-costs”: What is the £400 for?');
    expect(eventWords('partnerClaims', { type: 'submitted', answer: 'Room hire' })).toBe('Sent back to the Accountable Body with an answer: Room hire');
    expect(eventWords('partnerClaims', { type: 'submitted', answer: '' })).toBe('Submitted to the Accountable Body');
    expect(eventWords('partnerClaims', { type: 'paid', paidOn: '2027-01-10', reference: 'BACS 123', amountPence: 125_050 })).toBe('Paid £1,250.50 on 10 January 2027 (reference BACS 123)');
    expect(eventWords('funderClaims', { type: 'submitted', submittedOn: '2027-01-20' })).toBe('Submitted to the funder on 20 January 2027');
    expect(eventWords('minutes', { type: 'confirmed', atMeetingId: 'm2' })).toBe('Confirmed as a true record');
    expect(eventWords('motions', { type: 'decided', outcome: 'consensus' })).toBe('Agreed by consensus');
  });
  it('leaves alone what is not an event it knows', () => {
    expect(eventWords('applications', { type: 'something-newer' })).toBeUndefined();
    expect(eventWords('applications', 'text')).toBeUndefined();
    expect(eventWords('organisations', { type: 'consulting' })).toBeUndefined();
  });
});

describe('a step in the change history', () => {
  it('is called a step and said in words, not as its code and id', () => {
    const words = fieldChangeWords({ field: 'event:3f2a', value: { type: 'notified', on: '2026-12-17' }, previous: undefined, refused: false }, () => '', { table: 'applications' });
    expect(words).toEqual({ field: 'Step', after: 'Applicant told of the decision on 17 December 2026', refused: false });
    const unknown = fieldChangeWords({ field: 'event:9', value: { type: 'newer' }, previous: undefined, refused: true }, () => '', { table: 'applications' });
    expect(unknown).toEqual({ field: 'Step', after: 'a step this version of Quorum does not know', refused: true });
  });

  it('says a member’s answer and how it was given in words', () => {
    expect(fieldChangeWords({ field: 'answer', value: 'object', previous: undefined, refused: false }).after).toBe('Objects');
    expect(fieldChangeWords({ field: 'via', value: 'copy', previous: undefined, refused: false })).toEqual({ field: 'How it was given', after: 'From its own copy', refused: false });
  });
});

describe('decisions and elections in words', () => {
  it('says a vote’s outcome with its counts, an override with the funder’s term, and an election’s steps', async () => {
    const { carriedProof } = await import('../../shared/rules/test-proofs');
    expect(eventWords('motions', { type: 'decided', outcome: 'carried', proof: carriedProof() } as never)).toBe('Carried (2 for, 1 against, 0 abstentions)');
    expect(eventWords('motions', { type: 'overridden', reason: 'Contrary to the grant', funderTerm: 'Clause 9.3' })).toMatch(/^Overridden by the Accountable Body.*Contrary to the grant.*\(the funder’s term: Clause 9\.3\)$/);
    const names: Record<string, string> = { luton: 'Voluntary Action Luton', rural: 'Bedfordshire Rural Communities Charity' };
    expect(eventWords('elections', { type: 'ballot', counts: { luton: 3, rural: 2 }, on: '2027-03-16' } as never, (id) => names[id] ?? '')).toBe('Ballot held: Voluntary Action Luton 3, Bedfordshire Rural Communities Charity 2');
    expect(eventWords('elections', { type: 'agreed', organisationId: 'rural', on: '2027-03-16' } as never, (id) => names[id] ?? '')).toBe('Agreed without a ballot: Bedfordshire Rural Communities Charity');
  });
});
