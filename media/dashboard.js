// The dashboard's only script. It turns clicks (and Enter or Space) on figures, chart elements and
// list items into messages for the extension, which checks them and opens what they count. It also
// keeps the scroll position across re-renders, since the extension replaces the page on refresh.
(function () {
  const vscode = acquireVsCodeApi();

  function send(element) {
    vscode.postMessage({ type: element.getAttribute('data-action'), key: element.getAttribute('data-key') || '' });
  }

  document.addEventListener('click', (event) => {
    const element = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (element) send(element);
  });

  // Buttons already answer Enter and Space with a click; chart elements are SVG groups and do not.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const element = event.target instanceof Element ? event.target : null;
    if (!element || element.tagName.toLowerCase() === 'button' || !element.hasAttribute('data-action')) return;
    event.preventDefault();
    send(element);
  });

  const state = vscode.getState();
  if (state && typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
  let pending = false;
  window.addEventListener('scroll', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      vscode.setState({ scrollY: window.scrollY });
    });
  });
})();
