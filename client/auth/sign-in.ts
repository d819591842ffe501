/** The sign-in dialog: a native <dialog>, errors shown as the server's `detail`. */
import { h } from '../dom.js';
import { t } from '../i18n/messages.js';
import type { Lang } from '../state/url-state.js';
import type { Session } from './session.js';

export function openSignIn(session: Session, lang: Lang): void {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, 'data-testid': 'login-username' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
  const submit = h('button', { type: 'submit', 'data-testid': 'login-submit' }, t('sign_in', lang));
  const cancel = h('button', { type: 'button' }, t('cancel', lang));
  const form = h('form', { method: 'dialog', class: 'sign-in' },
    h('h2', {}, t('sign_in', lang)),
    h('label', {}, t('username', lang), username),
    h('label', {}, t('password', lang), password),
    error,
    h('div', { class: 'actions' }, cancel, submit),
  );
  const dialog = h('dialog', { 'data-testid': 'sign-in-dialog' }, form);
  document.body.append(dialog);
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    session.signIn(username.value, password.value).then(
      () => dialog.close(),
      (err: Error) => {
        error.textContent = err.message;
        error.hidden = false;
        submit.disabled = false;
      },
    );
  });
  dialog.showModal();
  username.focus();
}
