import { CATALOG_BASE } from '../components/catalog-url.ts';
import { parseCatalog, type Catalog } from '../engine/catalog.ts';

/** Fetches and checks catalog.json. */
export async function loadCatalog(): Promise<Catalog> {
  const response = await fetch(`${CATALOG_BASE}catalog.json`);
  if (!response.ok) throw new Error(`HTTP ${response.status} for catalog.json`);
  return parseCatalog(await response.json());
}
