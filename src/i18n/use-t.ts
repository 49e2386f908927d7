import { useCallback } from 'react';
import { useApp } from '../state/app-store.ts';
import type { MessageKey } from './en.ts';
import { translate, type Vars } from './translate.ts';

/** The translate function for the current language; changes identity when the language does. */
export function useT(): (key: MessageKey, vars?: Vars) => string {
  const language = useApp((s) => s.language);
  return useCallback((key: MessageKey, vars?: Vars) => translate(language, key, vars), [language]);
}
