import type { StateCreator } from 'zustand/vanilla';
import type { AppState, CatalogSlice } from './store-types.ts';

export const createCatalogSlice: StateCreator<AppState, [], [], CatalogSlice> = (set) => ({
  catalog: null,
  knownIds: new Set(),
  catalogError: null,
  setCatalog: (catalog) => set({ catalog, knownIds: new Set(catalog.items.map((i) => i.id)), catalogError: null }),
  setCatalogError: (message) => set({ catalogError: message }),
});
