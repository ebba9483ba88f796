/** The chair's handling of applications (applications.ts), answer by answer and date by date. */
import { describe, expect, it } from 'vitest';
import { closesWithin, consultationOutcome, defaultClosingDate, nextConsortiumMeeting, type AnswerLike } from './applications';

const MEMBERS = ['luton', 'bedford', 'mid-beds', 'south-beds'];
const answer = (organisationId: string, a: AnswerLike['answer']): AnswerLike => ({ organisationId, answer: a });

describe('where a consultation stands', () => {
  it('is open before the closing date while members are still to answer', () => {
    const outcome = consultationOutcome([answer('luton', 'support')], MEMBERS, '2026-12-15', '2026-12-10');
    expect(outcome).toMatchObject({ kind: 'open', answered: 1, waiting: 3 });
    expect(outcome.message).toBe('1 member has answered and 3 are still to answer; the consultation closes on 15 December 2026.');
  });
  it('lets the chair decide when every member consulted supports, even before the closing date', () => {
    const outcome = consultationOutcome(MEMBERS.map((m) => answer(m, 'support')), MEMBERS, '2026-12-15', '2026-12-10');
    expect(outcome).toEqual({ kind: 'chair-decides', supports: 4, message: 'All 4 members consulted support it and none objects: the chair decides.' });
  });
  it('lets the chair decide after the closing date when all who answered support', () => {
    const outcome = consultationOutcome([answer('luton', 'support'), answer('bedford', 'support')], MEMBERS, '2026-12-15', '2026-12-16');
    expect(outcome.kind).toBe('chair-decides');
    expect(outcome.message).toBe('Every member that answered supports it (2 of 4) and none objects: the chair decides.');
    // On the closing date itself the consultation is still open.
    expect(consultationOutcome([answer('luton', 'support')], MEMBERS, '2026-12-15', '2026-12-15').kind).toBe('open');
  });
  it('refers it to the next meeting at once when a member objects or asks for clarification', () => {
    const objects = consultationOutcome([answer('luton', 'support'), answer('bedford', 'object')], MEMBERS, '2026-12-15', '2026-12-01');
    expect(objects).toMatchObject({ kind: 'refer', objects: 1, supports: 1 });
    expect(objects.message).toBe('1 member objects, so the chair refers the application to the next consortium meeting.');
    const both = consultationOutcome([answer('luton', 'needs-clarification'), answer('bedford', 'object'), answer('mid-beds', 'object')], MEMBERS, '2026-12-15', '2026-12-01');
    expect(both.message).toBe('2 members object and 1 member needs clarification, so the chair refers the application to the next consortium meeting.');
  });
  it('is no consensus when nobody answered by the closing date', () => {
    const outcome = consultationOutcome([], MEMBERS, '2026-12-15', '2026-12-16');
    expect(outcome.kind).toBe('refer');
    expect(outcome.message).toMatch(/^No member answered by the closing date/);
  });
  it('counts only the members consulted, and not removed answers', () => {
    const outcome = consultationOutcome([answer('co-opted-body', 'object'), { ...answer('luton', 'object'), deleted: true }, answer('bedford', 'support')], MEMBERS, '2026-12-15', '2026-12-16');
    expect(outcome).toMatchObject({ kind: 'chair-decides', supports: 1 });
  });
  it('refuses an impossible date rather than guessing', () => {
    expect(() => consultationOutcome([], MEMBERS, '2026-02-30', '2026-12-01')).toThrow();
  });
});

describe('dates and meetings', () => {
  it('offers a closing date fourteen days on', () => {
    expect(defaultClosingDate('2026-12-01')).toBe('2026-12-15');
    expect(defaultClosingDate('2026-12-25')).toBe('2027-01-08');
  });
  it('finds the next consortium meeting that is planned, on or after today', () => {
    const meetings = [
      { id: 'a', kind: 'consortium', date: '2026-11-30', status: 'held' },
      { id: 'b', kind: 'steering-group', date: '2026-12-03', status: 'planned' },
      { id: 'c', kind: 'consortium', date: '2026-12-10', status: 'cancelled' },
      { id: 'd', kind: 'consortium', date: '2027-03-16', status: 'planned' },
      { id: 'e', kind: 'consortium', date: '2026-12-08', status: 'planned' },
      { id: 'f', kind: 'consortium', date: '2026-12-04', status: 'planned', deleted: true },
    ];
    expect(nextConsortiumMeeting(meetings, '2026-12-01')?.id).toBe('e');
    expect(nextConsortiumMeeting(meetings, '2026-12-08')?.id).toBe('e');
    expect(nextConsortiumMeeting(meetings, '2026-12-09')?.id).toBe('d');
    expect(nextConsortiumMeeting(meetings, '2027-03-17')).toBeUndefined();
  });
  it('says whether a consultation closes within the next fourteen days', () => {
    expect(closesWithin('2026-12-15', '2026-12-01', 14)).toBe(true);
    expect(closesWithin('2026-12-16', '2026-12-01', 14)).toBe(false);
    expect(closesWithin('2026-11-30', '2026-12-01', 14)).toBe(false);
  });
});
