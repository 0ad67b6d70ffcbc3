import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';

/** A screen loaded on first use, so the first load carries only the shell and the sign-in and group screens. */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<void> | null = null;
  return function Lazy(props: P) {
    const [, setReady] = useState(false);
    useEffect(() => {
      if (loaded) return;
      loading ??= load().then((component) => {
        loaded = component;
      });
      let current = true;
      void loading.then(() => current && setReady(true));
      return () => {
        current = false;
      };
    }, []);
    const Loaded = loaded;
    return Loaded ? (
      <Loaded {...props} />
    ) : (
      <p class="loading" role="status">
        {t('common.loading')}
      </p>
    );
  };
}
