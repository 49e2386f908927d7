import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';

/** A row that holds the progress of the running batch (user encoder, denoising steps, decoder), or its failure. */
export function GenerationProgress() {
  return (
    <div className="gen-progress-slot">
      <ProgressOrFailure />
    </div>
  );
}

function ProgressOrFailure() {
  const t = useT();
  const job = useApp((s) => s.generation.job);
  if (job.state === 'failed') {
    return <p className="banner banner-error" role="alert" data-testid="generate-error">{t('genFailed', { error: job.message })}</p>;
  }
  if (job.state !== 'running') return null;
  const p = job.progress;
  // The user encoder is quick, denoising most of the work, decoding one more step.
  const partValue = !p ? 0 : p.stage === 'user' ? 0.05 : p.stage === 'denoise' ? 0.05 + 0.85 * (p.step / p.steps) : 0.95;
  // A batch drawn in parts: the bar runs once over the whole batch, weighted by items.
  const part = job.part;
  const value = part ? (part.offset + partValue * part.count) / part.total : partValue;
  const label = !p
    ? t('genStageStart')
    : p.stage === 'denoise' ? t('genStageDenoise', { step: p.step, steps: p.steps }) : t(p.stage === 'user' ? 'genStageUser' : 'genStageDecode');
  return (
    <div className="gen-progress" data-testid="generate-progress">
      <progress max={1} value={value} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
