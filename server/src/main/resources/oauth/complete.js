// Tells the window that opened the consent page how it ended, in the shape of MX's OAuth messages, then closes.
(function () {
  const view = document.getElementById('complete');
  if (!view) return;
  const message = {
    mx: true,
    type: 'oauthComplete/' + view.dataset.status,
    metadata: {member_guid: view.dataset.memberGuid, error_reason: view.dataset.errorReason || null}
  };
  if (window.opener) {
    window.opener.postMessage(message, '*');
    window.close();
  } else if (window.parent !== window) {
    window.parent.postMessage(message, '*');
  }
})();
