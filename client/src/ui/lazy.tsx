import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';

/**
 * A screen loaded on first use, so the first load carries only the shell and the sign-in and group screens.
 * A failed load (offline, or a new version deployed meanwhile) offers to reload the page.
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<void> | null = null;
  return function Lazy(props: P) {
    const [state, setState] = useState<'loading' | 'ready' | 'failed'>(loaded ? 'ready' : 'loading');
    useEffect(() => {
      if (loaded) return;
      loading ??= load().then((component) => {
        loaded = component;
      });
      let current = true;
      loading.then(
        () => current && setState('ready'),
        () => {
          loading = null;
          if (current) setState('failed');
        },
      );
      return () => {
        current = false;
      };
    }, []);
    const Loaded = loaded;
    if (Loaded) return <Loaded {...props} />;
    if (state === 'failed') {
      return (
        <p class="error-note" role="alert">
          {t('error.network')}{' '}
          <button type="button" class="button-quiet" onClick={() => window.location.reload()}>
            {t('common.reload')}
          </button>
        </p>
      );
    }
    return (
      <p class="loading" role="status">
        {t('common.loading')}
      </p>
    );
  };
}
