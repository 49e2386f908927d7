import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCatalogSlice } from './catalog-slice.ts';
import { createGenerationSlice, type GenerationDeps } from './generation-slice.ts';
import { createProfilesSlice } from './profiles-slice.ts';
import { createRatingsSlice } from './ratings-slice.ts';
import type { AppState, StoreDeps } from './store-types.ts';
import { createUiSlice } from './ui-slice.ts';

/**
 * The one app store, combined from typed slices. Persistence lives in the injected deps;
 * `generation` (the worker, the models URL) defaults to the page's.
 */
export function createAppStore(deps: StoreDeps, generation?: GenerationDeps): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
    ...createCatalogSlice(...a),
    ...createProfilesSlice(deps)(...a),
    ...createRatingsSlice(deps)(...a),
    ...createUiSlice(deps)(...a),
    ...createGenerationSlice(deps, generation)(...a),
  }));
}
