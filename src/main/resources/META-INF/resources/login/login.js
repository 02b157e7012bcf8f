import { STRINGS } from '/app/strings.js';
import { signIn } from '/app/session.js';
import { fillTexts } from '/app/dom.js';

fillTexts();
document.title = `${STRINGS.login.title} · ${STRINGS.product}`;

// Where each role works when the sign-in page was opened directly: officials in their inbox,
// operators at the console, dispatchers at the workbench; the others at the screen.
const HOME = { official: '/inbox/', operator: '/console/', dispatcher: '/workbench/' };

// Only a path of this site: a link that sends people elsewhere after signing in is refused.
function next(session) {
  const wanted = new URLSearchParams(location.search).get('next');
  return wanted && wanted.startsWith('/') && !wanted.startsWith('//') ? wanted : (HOME[session.role] ?? '/screen/');
}

document.getElementById('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const problem = document.getElementById('problem');
  const submit = document.getElementById('submit');
  problem.textContent = '';
  submit.disabled = true;
  try {
    const session = await signIn(document.getElementById('username').value.trim(), document.getElementById('password').value, STRINGS.login);
    location.replace(next(session));
  } catch (failure) {
    problem.textContent = failure.message;
  } finally {
    submit.disabled = false;
  }
});
