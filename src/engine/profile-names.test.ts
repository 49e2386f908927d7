import { describe, expect, it } from 'vitest';
import { cleanProfileName, nextVisitorName, uniqueProfileName } from './profile-names.ts';

describe('profile names', () => {
  it('cleans names', () => {
    expect(cleanProfileName('  Ada ')).toBe('Ada');
    expect(cleanProfileName('   ')).toBeNull();
    expect(cleanProfileName('x'.repeat(150))).toHaveLength(100);
  });

  it('makes names unique', () => {
    expect(uniqueProfileName('Ada', ['Bob'])).toBe('Ada');
    expect(uniqueProfileName('Ada', ['Ada', 'Ada (2)'])).toBe('Ada (3)');
  });

  it('numbers visitors above the highest in use', () => {
    expect(nextVisitorName('Visitor', [])).toBe('Visitor 1');
    expect(nextVisitorName('Visitor', ['Visitor 1', 'Visitor 7', 'Ada', 'Visitor x'])).toBe('Visitor 8');
  });
});
