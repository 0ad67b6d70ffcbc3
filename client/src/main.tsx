import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { loadMe } from './api/account';
import { currentUser, session } from './api/session';
import { App } from './app';
import { applyLocale, locale, markDocument } from './i18n/i18n';
import { startLive, stopLive } from './live/live';
import { location, navigate, setQuery } from './router';

// Nothing is on screen yet: the document says its language at once, and the first render waits for its texts.
markDocument(locale.value);
await applyLocale(locale.value);
// Single sign-on ends with a redirect to `/?sso=signed-in`: the marker leaves the address bar, the session stays.
if (location.value.query.get('sso') === 'signed-in') {
  session.adoptRedirectedSession();
  setQuery({ sso: null });
}
await session.restore(loadMe);
if (currentUser.value) await applyLocale(currentUser.value.locale);

// The socket and everything live follow the session: started on sign-in, torn down on sign-out.
let signedIn = false;
effect(() => {
  const user = currentUser.value;
  if (user && !signedIn) startLive();
  if (!user && signedIn) {
    stopLive();
    // An invitation's page signs in in place (switching to the invited account): everything else goes to sign-in.
    if (!location.value.path.startsWith('/invitations/')) navigate('/login', { replace: true });
  }
  signedIn = user !== null;
});

render(<App />, document.getElementById('app')!);
