import { useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';
import type { Profile } from '../../state/stored-records.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';

export function ProfileRow({ profile }: { profile: Profile }) {
  const t = useT();
  const active = useApp((s) => s.activeId === profile.id);
  const count = useApp((s) => (s.activeId === profile.id ? s.ratings.length : null));
  const switchProfile = useApp((s) => s.switchProfile);
  const renameProfile = useApp((s) => s.renameProfile);
  const deleteProfile = useApp((s) => s.deleteProfile);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <li className={`profile-row${active ? ' active' : ''}`} data-testid="profile-row" data-profile-id={profile.id} data-active={active}>
      {editing === null ? (
        <span className="profile-name" data-testid="profile-name">{profile.name}</span>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void renameProfile(profile.id, editing).then(() => setEditing(null));
          }}
        >
          <input data-testid="rename-input" aria-label={t('profileName')} value={editing} maxLength={100} autoFocus onChange={(e) => setEditing(e.target.value)} />
          <button type="submit" data-testid="rename-save">{t('save')}</button>
          <button type="button" onClick={() => setEditing(null)}>{t('cancel')}</button>
        </form>
      )}
      {active && <span className="badge">{t('active')}</span>}
      {count !== null && <span className="hint">{t('ratingsCount', { count })}</span>}
      <span className="row-actions">
        {!active && (
          <button type="button" data-testid="switch-profile" onClick={() => void switchProfile(profile.id)}>{t('switchTo')}</button>
        )}
        {editing === null && (
          <button type="button" data-testid="rename-profile" onClick={() => setEditing(profile.name)}>{t('rename')}</button>
        )}
        <ConfirmButton testId="delete-profile" label={t('delete')} confirmLabel={t('confirmDelete')} onConfirm={() => void deleteProfile(profile.id)} />
      </span>
    </li>
  );
}
