import { describe, expect, it } from 'vitest';
import { documentText } from './document';
import { decisionLetter, invitationLetter, LetterCannotBeWritten, timeInWords, type ApplicantLetterInput } from './letters';

const BASE: ApplicantLetterInput = {
  consortiumName: 'Bedfordshire & Luton VCS Infrastructure Consortium',
  constitutionName: 'Partnership Agreement',
  applicant: { organisationName: 'Dunstable Community Transport', contactName: 'Priya Shah', address: '12 High Street North\nDunstable\nLU6 1LA' },
  letterDate: '2026-11-23',
  signedBy: { name: 'John Gelder', role: 'Secretariat' },
};
const MEETING = { title: 'Consortium meeting', date: '2026-12-08', startTime: '10:00', location: 'Volunteer Centre Bedford' };

const text = (input: ApplicantLetterInput, build: typeof invitationLetter) => documentText(build(input)).join('\n');

describe('the invitation letter (Partnership Agreement 5.3)', () => {
  it('invites the applicant to the meeting that will consider the application, naming its date, time and place', () => {
    const letter = invitationLetter({ ...BASE, meeting: MEETING });
    expect(letter.address).toEqual(['Priya Shah', 'Dunstable Community Transport', '12 High Street North', 'Dunstable', 'LU6 1LA']);
    expect(letter.dateLine).toBe('23 November 2026');
    expect(letter.salutation).toBe('Dear Priya Shah,');
    const words = text({ ...BASE, meeting: MEETING }, invitationLetter);
    expect(words).toContain('Meeting: Consortium meeting');
    expect(words).toContain('Date: Tuesday 8 December 2026');
    expect(words).toContain('Time: 10am');
    expect(words).toContain('Place: Volunteer Centre Bedford');
    expect(words).toContain('Under our Partnership Agreement');
    expect(words).toMatch(/invite you to attend/);
    expect(letter.signature).toEqual({ closing: 'Yours sincerely', name: 'John Gelder', role: 'Secretariat', organisation: BASE.consortiumName });
  });

  it('names the consortium under the signature once, even when the role already says it', () => {
    const letter = invitationLetter({ ...BASE, meeting: MEETING, signedBy: { name: 'John Gelder', role: `Director, for the secretariat of ${BASE.consortiumName}` } });
    expect(letter.signature?.organisation).toBeUndefined();
  });

  it('splits an address typed on one line at its commas', () => {
    const letter = invitationLetter({ ...BASE, applicant: { ...BASE.applicant, address: '12 High Street North, Dunstable, LU6 1LA' }, meeting: MEETING });
    expect(letter.address?.slice(2)).toEqual(['12 High Street North', 'Dunstable', 'LU6 1LA']);
  });

  it('cannot be written without a meeting, and says so in plain words', () => {
    expect(() => invitationLetter(BASE)).toThrow(LetterCannotBeWritten);
    expect(() => invitationLetter(BASE)).toThrow('An invitation cannot be written without the meeting: choose the consortium meeting that will consider the application.');
  });

  it('refuses a meeting without a place or with an impossible date', () => {
    expect(() => invitationLetter({ ...BASE, meeting: { ...MEETING, location: ' ' } })).toThrow('The letter cannot be written without where the meeting is held.');
    expect(() => invitationLetter({ ...BASE, meeting: { ...MEETING, date: '2026-02-30' } })).toThrow(/the meeting’s date \(“2026-02-30”\) is not a date/);
  });
});

describe('the decision letter', () => {
  it('tells an admitted applicant the date it is a member from and who decided', () => {
    const words = text(
      { ...BASE, decision: { outcome: 'admitted', on: '2026-12-08', reason: 'It meets four of the five membership criteria.', decidedBy: 'the consortium meeting of 8 December 2026' } },
      decisionLetter,
    );
    expect(words).toContain('Dunstable Community Transport has been admitted as a member of Bedfordshire & Luton VCS Infrastructure Consortium from 8 December 2026.');
    expect(words).toContain('The consortium meeting of 8 December 2026 made the decision.');
    expect(words).toContain('It meets four of the five membership criteria.');
    expect(words).not.toMatch(/sorry/);
  });

  it('tells a refused applicant the outcome and the reason', () => {
    const words = text({ ...BASE, decision: { outcome: 'refused', on: '2026-12-01', reason: 'It provides only one of the membership criteria; three are needed.', decidedBy: 'the Chair' } }, decisionLetter);
    expect(words).toContain('I am sorry to tell you that the Chair decided on 1 December 2026 not to admit Dunstable Community Transport as a member.');
    expect(words).toContain('The reason\nIt provides only one of the membership criteria; three are needed.');
    expect(words).not.toMatch(/has been admitted/);
  });

  it('cannot be written before the decision, nor a refusal without its reason', () => {
    expect(() => decisionLetter(BASE)).toThrow('A decision letter cannot be written before the application is decided.');
    expect(() => decisionLetter({ ...BASE, decision: { outcome: 'refused', on: '2026-12-01', reason: '  ', decidedBy: 'the Chair' } })).toThrow(
      'A refusal cannot be written without the reason for it.',
    );
  });
});

describe('times in letters', () => {
  it('writes times the British way', () => {
    expect(timeInWords('10:00')).toBe('10am');
    expect(timeInWords('14:30')).toBe('2.30pm');
    expect(timeInWords('12:00')).toBe('12pm');
    expect(() => timeInWords('25:00')).toThrow(/not a time like 10:00/);
  });
});
