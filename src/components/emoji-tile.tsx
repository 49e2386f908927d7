import { tilePosition, type AtlasInfo, type CatalogItem } from '../engine/catalog.ts';
import { CATALOG_BASE } from './catalog-url.ts';

interface Props {
  item: CatalogItem;
  atlas: AtlasInfo;
  /** Displayed edge length in CSS pixels. */
  size: number;
}

/**
 * One catalog image, cut from its vendor atlas with background-position. The tile is drawn at
 * its native size and scaled with a transform, so large displays do not resample the whole atlas.
 */
export function EmojiTile({ item, atlas, size }: Props) {
  const { column, row } = tilePosition(atlas, item.index);
  const tile = atlas.tile;
  return (
    <span className="emoji-tile" style={{ width: size, height: size }} role="img" aria-label={item.name}>
      <span
        className="emoji-tile-image"
        style={{
          width: tile,
          height: tile,
          backgroundImage: `url(${CATALOG_BASE}${atlas.file})`,
          backgroundPosition: `${-column * tile}px ${-row * tile}px`,
          transform: `scale(${size / tile})`,
        }}
      />
    </span>
  );
}
