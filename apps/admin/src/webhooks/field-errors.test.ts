import { describe, expect, it } from 'vitest';
import { endpointFieldOf, hostEntryOf, isSchemaError } from './field-errors';

describe('the fields server errors name', () => {
  it('finds the endpoint field of a pointer, also inside the events list', () => {
    expect(endpointFieldOf('/body/url')).toBe('url');
    expect(endpointFieldOf('/body/events/0')).toBe('events');
    expect(endpointFieldOf('/body/serviceId')).toBe('serviceId');
    expect(endpointFieldOf('/body/description')).toBe('description');
    expect(endpointFieldOf('/body/secret')).toBeUndefined();
    expect(endpointFieldOf('/params/endpointId')).toBeUndefined();
  });

  it('finds the allow-list entry of a pointer, or the list as a whole', () => {
    expect(hostEntryOf('/body/webhookHosts/0')).toBe(0);
    expect(hostEntryOf('/body/webhookHosts/12')).toBe(12);
    expect(hostEntryOf('/body/webhookHosts')).toBe('list');
    expect(hostEntryOf('/body/requireMfa')).toBeUndefined();
    expect(hostEntryOf('/body/webhookHosts/0/x')).toBeUndefined();
  });

  it('tells schema errors from checks written for people', () => {
    expect(isSchemaError({ code: 'pattern' })).toBe(true);
    expect(isSchemaError({ code: 'uniqueItems' })).toBe(true);
    expect(isSchemaError({ code: 'hostNotAllowed' })).toBe(false);
    expect(isSchemaError({ code: 'unknown' })).toBe(false);
  });
});
