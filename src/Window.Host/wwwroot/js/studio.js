// The workflow studio's graph: while a dependency is dragged from a step's handle (data-studio-port), a dashed line
// follows the pointer. Only the drawing is here, started at once in the browser so a quick drag is drawn too; which
// steps were joined is decided by the page (Blazor) when the pointer is released on a step, so the form, the graph and
// the JSON change together. Imported once by the graph component; the listener is on the document, so it outlives
// re-rendering.
function follow(svg, line, x, y) {
  line.setAttribute('x1', x);
  line.setAttribute('y1', y);
  line.setAttribute('x2', x);
  line.setAttribute('y2', y);
  line.style.display = 'inline';
  const point = svg.createSVGPoint();
  function move(event) {
    point.x = event.clientX;
    point.y = event.clientY;
    const at = point.matrixTransform(svg.getScreenCTM().inverse());
    line.setAttribute('x2', at.x);
    line.setAttribute('y2', at.y);
  }
  function stop() {
    line.style.display = 'none';
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', stop);
  }
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', stop);
}

document.addEventListener('pointerdown', function (event) {
  const port = event.target instanceof Element ? event.target.closest('[data-studio-port]') : null;
  const svg = port ? port.closest('svg') : null;
  const line = svg ? svg.querySelector('[data-studio-rubber]') : null;
  if (port && line) {
    event.preventDefault();
    follow(svg, line, port.getAttribute('cx'), port.getAttribute('cy'));
  }
});

export function ready() {
  return true;
}
