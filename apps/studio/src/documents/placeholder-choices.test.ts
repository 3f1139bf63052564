import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { listPlaceholderChoices } from './placeholder-choices';

function example(): ServiceDefinition {
  return structuredClone(HUNDEANMELDUNG as ServiceDefinition);
}

describe('listPlaceholderChoices', () => {
  it('offers fields, repeating groups, facts and the inputs of the issuing actions', () => {
    const choices = listPlaceholderChoices(example(), 'rejectionNotice');
    const tokens = choices.map((choice) => choice.token);
    expect(tokens).toContain('{{holder.lastName}}');
    expect(tokens).toContain('{{#each dogs}}\n\n{{/each}}');
    expect(tokens).toContain('{{case.reference}}');
    expect(tokens).toContain('{{action.reason}}');
    expect(tokens).not.toContain('{{action.comment}}');
    const breed = choices.find((choice) => choice.token === '{{dogs.breed}}');
    expect(breed && breed.group === 'fields' && breed.repeat?.de).toBeTruthy();
  });
});
