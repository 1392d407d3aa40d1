// The problems that stop a form from being saved, announced and focused when they appear.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';

export function Problems({ problems }: { problems: string[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length > 0) box.current?.focus();
  }, [problems.join('\n')]);
  if (problems.length === 0) return null;
  return (
    <div class="problems" role="alert" tabIndex={-1} ref={box}>
      <h2>{t('check.title')}</h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
