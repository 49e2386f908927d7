import { en, type MessageKey, type Messages } from './en.ts';
import { ja } from './ja.ts';

export type Language = 'en' | 'ja';
export const LANGUAGES: readonly Language[] = ['en', 'ja'];
export const dictionaries: Record<Language, Messages> = { en, ja };

export type Vars = Record<string, string | number>;

/** Looks a key up and fills `{name}` placeholders from `vars`. */
export function translate(language: Language, key: MessageKey, vars?: Vars): string {
  const text = dictionaries[language][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** The first supported language among the browser's preferences; English otherwise. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'en';
}

/** Dictionary key of a catalog category, or undefined for one the dictionaries do not know. */
export function categoryKey(category: string): MessageKey | undefined {
  const key = `cat.${category}`;
  return key in en ? (key as MessageKey) : undefined;
}
