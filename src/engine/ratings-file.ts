/** The two values a rating can take (REBECA's like / dislike token). */
export type RatingValue = 'like' | 'dislike';

/**
 * One rating. `embedding` is only present for generated items (ids `generated:<…>`), which
 * have no catalog entry and are identified by their point in the embedding space.
 */
export interface Rating {
  item: string;
  rating: RatingValue;
  /** ISO 8601 date-time, e.g. 2026-11-30T17:00:00.000Z */
  at: string;
  embedding?: number[];
  /**
   * With `embedding`: the embedding space of the models that drew the item (CatalogIndex.space).
   * Under other models the rating is left out of generation. Absent in files of earlier versions.
   */
  space?: string;
}

/** The ratings file of the design contract: export, import and CLI input. */
export interface RatingsFile {
  format: typeof RATINGS_FORMAT;
  version: typeof RATINGS_VERSION;
  profile: string;
  ratings: Rating[];
}

export const RATINGS_FORMAT = 'beyond-catalog.ratings';
export const RATINGS_VERSION = 1;
/** Files above this many bytes (UTF-8) are refused before parsing. */
export const MAX_FILE_BYTES = 5_000_000;
export const MAX_RATINGS = 20_000;
export const MAX_PROFILE_NAME = 100;
export const MAX_EMBEDDING_LENGTH = 4096;
/** Longest embedding-space name accepted (the app writes ~12 characters). */
export const MAX_SPACE_LENGTH = 64;
export const GENERATED_PREFIX = 'generated:';

/** Builds the file for a profile; ratings keep their order, embeddings only where present. */
export function buildRatingsFile(profile: string, ratings: readonly Rating[]): RatingsFile {
  return {
    format: RATINGS_FORMAT,
    version: RATINGS_VERSION,
    profile,
    ratings: ratings.map((r) =>
      r.embedding
        ? { item: r.item, rating: r.rating, at: r.at, embedding: [...r.embedding], ...(r.space === undefined ? {} : { space: r.space }) }
        : { item: r.item, rating: r.rating, at: r.at },
    ),
  };
}

/** Serialises a ratings file the way the app exports it (2-space JSON, trailing newline). */
export function stringifyRatingsFile(file: RatingsFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}
