import { useMemo, useState } from 'react';
import { ratingIndex } from '../../engine/rating-list.ts';
import { categoryKey } from '../../i18n/translate.ts';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';
import { GridCell } from './grid-cell.tsx';

type StyleFilter = 'all' | 'google' | 'twitter';

/** Browse one category at a time and rate many images quickly by clicking. */
export function CategoryGrid() {
  const t = useT();
  const catalog = useApp((s) => s.catalog)!;
  const ratings = useApp((s) => s.ratings);
  const categories = useMemo(() => [...new Set(catalog.items.map((i) => i.category))], [catalog]);
  const [category, setCategory] = useState(categories[0]);
  const [style, setStyle] = useState<StyleFilter>('all');

  const items = useMemo(
    () => catalog.items.filter((i) => i.category === category && (style === 'all' || i.vendor === style)),
    [catalog, category, style],
  );
  const index = useMemo(() => ratingIndex(ratings), [ratings]);
  const rated = items.filter((i) => index.has(i.id)).length;
  const label = (c: string) => {
    const key = categoryKey(c);
    return key ? t(key) : c;
  };

  return (
    <section className="grid-view">
      <div className="grid-controls">
        <label>
          {t('category')}{' '}
          <select data-testid="grid-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            {categories.map((c) => (
              <option key={c} value={c}>{label(c)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('style')}{' '}
          <select data-testid="grid-style" value={style} onChange={(e) => setStyle(e.target.value as StyleFilter)}>
            <option value="all">{t('bothStyles')}</option>
            <option value="google">{t('styleGoogle')}</option>
            <option value="twitter">{t('styleTwitter')}</option>
          </select>
        </label>
        <span data-testid="grid-rated">{t('ratedOf', { rated, total: items.length })}</span>
      </div>
      <p className="hint">{t('gridHint')}</p>
      <div className="grid" data-testid="grid">
        {items.map((item) => (
          <GridCell key={item.id} item={item} atlas={catalog.atlases[item.atlas]} rating={index.get(item.id)} />
        ))}
      </div>
    </section>
  );
}
