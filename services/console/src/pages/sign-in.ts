import { explain } from '../api/client';
import { field, fill, h, notice } from '../lib/dom';
import { type Page } from './page';

export const signInPage: Page = ({ session, navigate, main }) => {
  const email = h('input', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
  });
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card narrow', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', { class: 'muted' }, 'Use your Tributary account.'),
    field('Email', email),
    field('Password', password),
    status,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    fill(status);
    session
      .signIn(email.value, password.value)
      .then((me) =>
        navigate(
          me.role === 'analyst' || me.role === 'steward'
            ? 'explore'
            : me.role === 'ingest'
              ? 'upload'
              : 'upload',
        ),
      )
      .catch((error: unknown) => {
        fill(
          status,
          notice(
            'error',
            explain(error).replace(
              'Your session has ended. Sign in again.',
              'The email or password is not right.',
            ),
          ),
        );
        submit.disabled = false;
        password.focus();
      });
  });
  fill(main, form);
  email.focus();
};
