// Window's only script: sign-out through the API (the change repeats the XSRF-TOKEN cookie in X-XSRF-TOKEN)
// and printing. No third-party code, nothing loaded from another address, and no inline handlers: the
// Content-Security-Policy allows scripts from this host's files only, so buttons are wired here by data-action.
window.windowUi = {
  xsrf: function () {
    const match = document.cookie.split('; ').find(function (c) { return c.startsWith('XSRF-TOKEN='); });
    return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : '';
  },
  signOut: async function (everywhere) {
    try {
      await fetch(everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': window.windowUi.xsrf() } });
    } finally {
      window.location.href = '/login';
    }
  },
  print: function () { window.print(); }
};

// One listener on the document: it outlives Blazor re-rendering (and replacing) the buttons.
document.addEventListener('click', function (event) {
  const target = event.target instanceof Element ? event.target.closest('[data-action=sign-out], [data-action=sign-out-everywhere]') : null;
  if (target) {
    event.preventDefault();
    window.windowUi.signOut(target.getAttribute('data-action') === 'sign-out-everywhere');
  }
});
