import { useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';
import { ProfileRow } from './profile-row.tsx';
import { TransferSection } from './transfer-section.tsx';

export function ProfilesPanel() {
  const t = useT();
  const kiosk = useApp((s) => s.kiosk);
  const activeId = useApp((s) => s.activeId);
  const all = useApp((s) => s.profiles);
  // At a kiosk, the next visitor must not see (or open) the previous visitors' profiles.
  const profiles = kiosk ? all.filter((p) => p.id === activeId) : all;
  const createProfile = useApp((s) => s.createProfile);
  const [name, setName] = useState('');

  return (
    <section className="profiles">
      <h2>{t('profilesTitle')}</h2>
      <ul className="profile-list" data-testid="profile-list">
        {profiles.map((p) => (
          <ProfileRow key={p.id} profile={p} />
        ))}
      </ul>
      {kiosk && all.length > 1 && <p className="hint" data-testid="profiles-hidden">{t('kioskProfilesHidden')}</p>}
      <form
        className="profile-create"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void createProfile(name).then(() => setName(''));
        }}
      >
        <input
          data-testid="new-profile-name"
          aria-label={t('profileName')}
          placeholder={t('profileName')}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" data-testid="create-profile">{t('createProfile')}</button>
      </form>
      <TransferSection />
    </section>
  );
}
