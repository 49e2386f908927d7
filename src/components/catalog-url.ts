/** Base URL of the catalog files (public/catalog), same origin as the page. */
export const CATALOG_BASE = `${import.meta.env.BASE_URL}catalog/`;
