import { useT } from '../i18n/use-t.ts';
import { useApp } from '../state/app-store.ts';

/** Warnings about storage: a failed save, no persistent storage, damaged stored data. */
export function StatusBanners() {
  const t = useT();
  const storageError = useApp((s) => s.storageError);
  const storageMode = useApp((s) => s.storageMode);
  const storageFailure = useApp((s) => s.storageFailure);
  const dataProblems = useApp((s) => s.dataProblems);
  const clearStorageError = useApp((s) => s.clearStorageError);
  const clearDataProblems = useApp((s) => s.clearDataProblems);
  return (
    <>
      {storageMode === 'memory' && (
        // Not dismissible: it stays true for as long as this page lives.
        <div className="banner banner-warning" role="alert" data-testid="memory-warning">
          {t('memoryWarning', { reason: storageFailure ?? '?' })}
        </div>
      )}
      {storageError && (
        <div className="banner banner-error" role="alert" data-testid="storage-error">
          {t('storageError', { error: storageError })}{' '}
          <button type="button" onClick={clearStorageError}>{t('dismiss')}</button>
        </div>
      )}
      {dataProblems.length > 0 && (
        <div className="banner banner-warning" role="status" data-testid="data-notice">
          <p>{t('dataNotice')}</p>
          <ul>
            {dataProblems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
          <button type="button" data-testid="data-notice-dismiss" onClick={clearDataProblems}>{t('dismiss')}</button>
        </div>
      )}
    </>
  );
}
