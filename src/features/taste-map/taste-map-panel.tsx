import { useEffect, useMemo, useRef } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';
import { selectCurrentBatch } from '../../state/generation-slice.ts';
import { drawTasteMap } from './draw-taste-map.ts';
import { markPoints } from './map-points.ts';
import './taste-map.css';

/**
 * The taste map: the catalog's embeddings on their principal plane (computed in the worker by
 * engine code), with the visitor's likes, dislikes and generated items marked.
 */
export function TasteMapPanel() {
  const t = useT();
  const catalog = useApp((s) => s.catalog)!;
  const ratings = useApp((s) => s.ratings);
  const batch = useApp(selectCurrentBatch);
  const map = useApp((s) => s.generation.map);
  const mapError = useApp((s) => s.generation.mapError);
  const models = useApp((s) => s.generation.models);
  const loadCatalogMap = useApp((s) => s.loadCatalogMap);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    void loadCatalogMap();
  }, [loadCatalogMap, models.state]);

  const rowOf = useMemo(() => new Map(catalog.items.map((item, row) => [item.id, row])), [catalog]);
  const marks = useMemo(() => (map ? markPoints(map, rowOf, ratings, batch?.items ?? []) : []), [map, rowOf, ratings, batch]);
  const count = (kind: string) => marks.filter((m) => m.kind === kind).length;

  useEffect(() => {
    if (!map || !canvas.current) return;
    const draw = () => canvas.current && drawTasteMap(canvas.current, map, catalog, marks);
    draw();
    window.addEventListener('resize', draw);
    return () => window.removeEventListener('resize', draw);
  }, [map, catalog, marks]);

  const error = models.state === 'failed' ? models.message : mapError;
  return (
    <section className="taste-map" data-testid="taste-map">
      <h2>{t('mapTitle')}</h2>
      <p className="hint">{t('mapIntro')}</p>
      {error && <p className="banner banner-error" role="alert" data-testid="map-error">{t('mapFailed', { error })}</p>}
      {!map && !error && <p data-testid="map-loading">{t('mapLoading')}</p>}
      {map && (
        <>
          <ul className="map-legend">
            <li className="legend-catalog">{t('mapLegendCatalog', { count: catalog.items.length })}</li>
            <li className="legend-like">{t('mapLegendLikes', { count: count('like') })}</li>
            <li className="legend-dislike">{t('mapLegendDislikes', { count: count('dislike') })}</li>
            <li className="legend-generated">{t('mapLegendGenerated', { count: count('generated') })}</li>
          </ul>
          <canvas
            ref={canvas}
            className="map-canvas"
            role="img"
            aria-label={t('mapAria')}
            data-testid="map-canvas"
            data-catalog={map.coords.length / 2}
            data-likes={count('like')}
            data-dislikes={count('dislike')}
            data-generated={count('generated')}
          />
        </>
      )}
    </section>
  );
}
