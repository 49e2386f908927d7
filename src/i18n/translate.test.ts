import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { categoryKey, detectLanguage, translate } from './translate.ts';

describe('i18n', () => {
  it('ja has exactly the English keys, none left empty or untranslated placeholders', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(ja)) {
      expect(text.length, key).toBeGreaterThan(0);
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });

  it('fills placeholders', () => {
    expect(translate('en', 'ratedOf', { rated: 3, total: 10 })).toBe('3 of 10 rated');
    expect(translate('ja', 'ratedOf', { rated: 3, total: 10 })).toBe('10 件中 3 件を評価済み');
  });

  it('detects the browser language', () => {
    expect(detectLanguage(['ja-JP', 'en'])).toBe('ja');
    expect(detectLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });

  it('knows every catalog category', () => {
    for (const c of ['Smileys & Emotion', 'Flags', 'Objects']) expect(categoryKey(c)).toBeDefined();
    expect(categoryKey('Nope')).toBeUndefined();
  });
});
