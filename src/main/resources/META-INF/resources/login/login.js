import { STRINGS } from '/app/strings.js';
import { signIn } from '/app/session.js';

for (const element of document.querySelectorAll('[data-text]')) {
  element.textContent = element.dataset.text.split('.').reduce((at, key) => at[key], STRINGS);
}
document.title = `${STRINGS.login.title} · ${STRINGS.product}`;

// Only a path of this site: a link that sends people elsewhere after signing in is refused.
function next() {
  const wanted = new URLSearchParams(location.search).get('next');
  return wanted && wanted.startsWith('/') && !wanted.startsWith('//') ? wanted : '/screen/';
}

document.getElementById('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const problem = document.getElementById('problem');
  const submit = document.getElementById('submit');
  problem.textContent = '';
  submit.disabled = true;
  try {
    await signIn(document.getElementById('username').value.trim(), document.getElementById('password').value, STRINGS.login);
    location.replace(next());
  } catch (failure) {
    problem.textContent = failure.message;
  } finally {
    submit.disabled = false;
  }
});
