import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';
import { formatBytes } from './format-bytes.ts';

const STAGE_KEYS = { compile: 'genStageCompile', index: 'genStageIndex', 'warm-up': 'genStageWarmUp' } as const;

/** Model loading: a progress bar through download, index, compile and warm-up; or the error. */
export function ModelStatus() {
  const t = useT();
  const models = useApp((s) => s.generation.models);
  const reloadModels = useApp((s) => s.reloadModels);

  if (models.state === 'failed') {
    return (
      <div className="banner banner-error" role="alert" data-testid="models-error">
        <p>{t('genModelsFailed', { error: models.message })}</p>
        <button type="button" onClick={() => void reloadModels()} data-testid="models-retry">{t('genRetry')}</button>
      </div>
    );
  }
  if (models.state !== 'loading') {
    return models.state === 'ready' ? <p className="hint" data-testid="models-ready">{t('genModelsReady')}</p> : null;
  }
  const { stage, loaded = 0, total } = models.progress;
  // Download fills the first 80% of the bar; the later stages share the rest.
  const value = stage === 'download' ? (total ? 0.8 * (loaded / total) : 0) : { index: 0.85, compile: 0.9, 'warm-up': 0.95 }[stage];
  const label =
    stage === 'download'
      ? total ? t('genStageDownload', { loaded: formatBytes(loaded), total: formatBytes(total) }) : t('genStageDownloadUnknown', { loaded: formatBytes(loaded) })
      : t(STAGE_KEYS[stage]);
  return (
    <div className="gen-progress" data-testid="models-loading" data-stage={stage}>
      <progress max={1} value={value} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
