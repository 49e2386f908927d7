import { useT } from '../../i18n/use-t.ts';

/**
 * Placeholder for the "For you" view: images generated for the visitor's ratings by the
 * diffusion prior in a Web Worker (src/worker). Replace this component when that lands.
 */
export function ForYouPanel() {
  const t = useT();
  return (
    <section className="for-you" data-testid="for-you-placeholder">
      <h2>{t('forYouTitle')}</h2>
      <p>{t('forYouBody')}</p>
    </section>
  );
}
