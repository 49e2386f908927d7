import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';
import type { BackendInfo, BackendPreference } from '../../worker/protocol.ts';

/** "vendor architecture (description)", whatever parts the browser reveals. */
function adapterText(backend: BackendInfo): string {
  const a = backend.adapter;
  if (!a) return 'WebGPU';
  const main = [a.vendor, a.architecture, a.device].filter(Boolean).join(' ');
  return [main, a.description && a.description !== main ? `(${a.description})` : ''].filter(Boolean).join(' ') || 'unnamed adapter';
}

/** Which backend runs the models and why; a notice when it is not the one asked for; the setting. */
export function BackendStatus() {
  const t = useT();
  const backend = useApp((s) => s.generation.backend);
  const notice = useApp((s) => s.generation.notice);
  const preference = useApp((s) => s.generation.settings.backend);
  const urlBackend = useApp((s) => s.generation.urlBackend);
  const setSettings = useApp((s) => s.setGenerationSettings);
  const label = !backend
    ? t('genBackendPending')
    : backend.name === 'webgpu'
      ? t('genBackendWebgpu', { adapter: adapterText(backend) })
      : t('genBackendWasm', { reason: backend.reason ?? '' });
  return (
    <div className="gen-backend">
      <p data-testid="backend-label" data-backend={backend?.name ?? 'none'}>{label}</p>
      {notice && (
        <p className="banner banner-error" role="status" data-testid="backend-notice" data-kind={notice.kind}>
          {t(notice.kind === 'gpu-failed' ? 'genNoticeGpuFailed' : 'genNoticeWebgpuRefused', { detail: notice.detail })}
        </p>
      )}
      <label className="gen-field">
        {t('genBackendSetting')}{' '}
        <select
          value={preference}
          data-testid="backend-select"
          onChange={(e) => setSettings({ backend: e.target.value as BackendPreference })}
        >
          <option value="auto">{t('genBackendAuto')}</option>
          <option value="webgpu">{t('genBackendWebgpuOption')}</option>
          <option value="wasm">{t('genBackendWasmOption')}</option>
        </select>
      </label>
      {urlBackend && <span className="hint"> {t('genBackendFromUrl', { backend: urlBackend })}</span>}
    </div>
  );
}
