import { describe, expect, it } from 'vitest';
import { flattenErrors } from './form-errors';

describe('the error summary’s list', () => {
  it('names every nested field with its message, criteria list items included', () => {
    const errors = {
      consortium: {
        name: { type: 'too_small', message: 'Enter the consortium’s name' },
        constitution: {
          membershipCriteria: [undefined, { type: 'too_small', message: 'Each membership criterion needs a description' }],
          quorumMinimum: { type: 'invalid_type', message: 'Enter the smallest quorum as a number' },
        },
      },
      role: { type: 'invalid_value', message: 'Choose what this computer is used for' },
    };
    expect(flattenErrors(errors as never)).toEqual([
      { name: 'consortium.name', message: 'Enter the consortium’s name' },
      { name: 'consortium.constitution.membershipCriteria.1', message: 'Each membership criterion needs a description' },
      { name: 'consortium.constitution.quorumMinimum', message: 'Enter the smallest quorum as a number' },
      { name: 'role', message: 'Choose what this computer is used for' },
    ]);
  });

  it('puts an error about a whole list on the list', () => {
    const errors = { criteria: { root: { type: 'too_small', message: 'List at least one membership criterion' } } };
    expect(flattenErrors(errors as never)).toEqual([{ name: 'criteria', message: 'List at least one membership criterion' }]);
  });
});
