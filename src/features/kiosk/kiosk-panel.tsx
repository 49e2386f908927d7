import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';
import { enterFullscreen, exitFullscreen } from './fullscreen.ts';

const IDLE_CHOICES = [1, 2, 3, 5, 10, 15, 30, 60];

/** Settings: kiosk mode (full screen, large targets, idle reset) and the offline status. */
export function KioskPanel() {
  const t = useT();
  const kiosk = useApp((s) => s.kiosk);
  const idleMinutes = useApp((s) => s.idleMinutes);
  const offline = useApp((s) => s.offline);
  const updateWaiting = useApp((s) => s.updateWaiting);
  const setKiosk = useApp((s) => s.setKiosk);
  const setIdleMinutes = useApp((s) => s.setIdleMinutes);
  const choices = idleMinutes === null || IDLE_CHOICES.includes(idleMinutes) ? IDLE_CHOICES : [...IDLE_CHOICES, idleMinutes].sort((a, b) => a - b);

  return (
    <section className="settings" data-testid="settings-panel">
      <h2>{t('kioskTitle')}</h2>
      <p>{t('kioskBody')}</p>
      <label className="setting">
        <input
          type="checkbox"
          data-testid="kiosk-toggle"
          checked={kiosk}
          onChange={(e) => {
            const on = e.target.checked;
            // Inside the click: browsers allow full screen only from a user gesture.
            if (on) enterFullscreen();
            else exitFullscreen();
            void setKiosk(on);
          }}
        />{' '}
        {t('kioskToggle')}
      </label>
      <label className="setting">
        {t('idleReset')}{' '}
        <select
          data-testid="idle-minutes"
          value={idleMinutes ?? ''}
          onChange={(e) => void setIdleMinutes(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">{t('idleNever')}</option>
          {choices.map((m) => (
            <option key={m} value={m}>{t('idleMinutes', { minutes: m })}</option>
          ))}
        </select>
      </label>
      <p>
        <button type="button" data-testid="fullscreen-button" onClick={enterFullscreen}>{t('fullscreen')}</button>
      </p>
      <h3>{t('offlineTitle')}</h3>
      <p data-testid="offline-status" data-status={offline}>
        {t(offline === 'ready' ? 'offlineReady' : offline === 'installing' ? 'offlineInstalling' : 'offlineUnsupported')}
      </p>
      {updateWaiting && <p data-testid="update-waiting">{t('updateWaiting')}</p>}
    </section>
  );
}
