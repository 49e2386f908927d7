import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';
import { effectiveGuidance } from '../../state/generation-slice.ts';

/** Guidance, the "what I would dislike" switch, the seed, and the two generate buttons. */
export function GenerationControls({ canGenerate }: { canGenerate: boolean }) {
  const t = useT();
  const settings = useApp((s) => s.generation.settings);
  const guidance = useApp((s) => effectiveGuidance(s.generation));
  const running = useApp((s) => s.generation.job.state === 'running');
  const setSettings = useApp((s) => s.setGenerationSettings);
  const generateBatch = useApp((s) => s.generateBatch);
  const disabled = !canGenerate || running;
  return (
    <div className="gen-controls">
      <label className="gen-field" title={t('genGuidanceHint')}>
        {t('genGuidance')}{' '}
        <input
          type="range" min={0} max={15} step={0.5} value={guidance ?? 0} disabled={guidance === null}
          data-testid="guidance-slider"
          onChange={(e) => setSettings({ guidance: Number(e.target.value) })}
        />{' '}
        <output data-testid="guidance-value">{guidance ?? '–'}</output>
      </label>
      <label className="gen-field">
        <input
          type="checkbox" checked={settings.target === 'dislike'} data-testid="dislike-switch"
          onChange={(e) => setSettings({ target: e.target.checked ? 'dislike' : 'like' })}
        />{' '}
        {t('genDislikeSwitch')}
      </label>
      <label className="gen-field">
        {t('genSeed')}{' '}
        <input
          type="number" min={0} max={4294967295} step={1} value={settings.seed} className="gen-seed" data-testid="seed-input"
          onChange={(e) => {
            const seed = Number(e.target.value);
            if (Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) setSettings({ seed });
          }}
        />
      </label>
      <button type="button" disabled={disabled} data-testid="generate-button" onClick={() => void generateBatch()}>
        {t('genGenerate')}
      </button>
      <button type="button" disabled={disabled} data-testid="regenerate-button" onClick={() => void generateBatch({ newSeed: true })}>
        {t('genRegenerate')}
      </button>
    </div>
  );
}
