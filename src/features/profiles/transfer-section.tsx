import { stringifyRatingsFile } from '../../engine/ratings-file.ts';
import { sizeError } from '../../engine/validate-ratings-file.ts';
import { useT } from '../../i18n/use-t.ts';
import { appStore, useApp } from '../../state/app-store.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { downloadText, ratingsFileName } from './download-text.ts';

/** Export the active profile, import a file into a new profile, reset the active profile. */
export function TransferSection() {
  const t = useT();
  const resetRatings = useApp((s) => s.resetRatings);
  // In the store, not in this component: a new visitor must not see the last import's result.
  const outcome = useApp((s) => s.importOutcome);
  const setOutcome = useApp((s) => s.setImportOutcome);

  const exportActive = () => {
    const file = appStore.getState().exportActive();
    downloadText(ratingsFileName(file.profile), stringifyRatingsFile(file));
  };

  const importFile = async (file: File) => {
    // Refuse a huge file before reading it into memory; the validator checks the text again.
    const tooLarge = sizeError(file.size);
    if (tooLarge) return setOutcome({ ok: false, errors: [tooLarge.message] });
    const result = await appStore.getState().importProfile(await file.text());
    setOutcome(result.ok ? { ok: true, name: result.profile.name, count: result.count } : { ok: false, errors: result.errors.map((e) => e.message) });
  };

  return (
    <section className="transfer">
      <h3>{t('transferTitle')}</h3>
      <div className="transfer-actions">
        <button type="button" data-testid="export-button" onClick={exportActive}>{t('exportFile')}</button>
        <label className="file-button">
          {t('importFile')}
          <input
            type="file"
            accept=".json,application/json"
            data-testid="import-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
        <ConfirmButton testId="reset-ratings" label={t('resetRatings')} confirmLabel={t('confirmReset')} onConfirm={() => void resetRatings()} />
      </div>
      <p className="hint">{t('importHint')}</p>
      {outcome?.ok === true && (
        <p className="banner banner-ok" role="status" data-testid="import-success">{t('imported', { count: outcome.count, name: outcome.name })}</p>
      )}
      {outcome?.ok === false && (
        <div className="banner banner-error" role="alert" data-testid="import-error">
          <p>{t('importFailed')}</p>
          <ul>
            {outcome.errors.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
