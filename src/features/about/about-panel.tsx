import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';

export function AboutPanel() {
  const t = useT();
  const source = useApp((s) => s.catalog?.source ?? {});
  const count = useApp((s) => s.catalog?.items.length ?? 0);
  return (
    <section className="about" data-testid="about-panel">
      <h2>{t('aboutTitle')}</h2>
      <p>{t('aboutBody')}</p>
      <h3>{t('licencesTitle')}</h3>
      <ul className="licences" data-testid="licences">
        <li>{t('licenceNoto')}</li>
        <li>{t('licenceTwemoji')}</li>
        <li>{t('licenceDatasource')}</li>
      </ul>
      <p className="hint">
        {count} · emoji-datasource-google {source.google ?? '?'} · emoji-datasource-twitter {source.twitter ?? '?'}
      </p>
      <p>{t('licenceApp')}</p>
    </section>
  );
}
