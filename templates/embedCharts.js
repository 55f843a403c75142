/* global document, vegaEmbed */
// Runs in the reader's browser, after vega, vega-lite and vega-embed. Each chart figure holds its spec as JSON and
// a static SVG; the SVG is removed only once the interactive view has drawn, so a failed script or spec still leaves
// a readable chart behind.
(function embedCharts() {
  var figures = document.querySelectorAll('figure[data-chart]');
  figures.forEach(function (figure) {
    var specNode = figure.querySelector('script[type="application/json"]');
    var view = figure.querySelector('.chart-view');
    if (!specNode || !view || typeof vegaEmbed !== 'function') return;
    var spec = JSON.parse(specNode.textContent || '{}');
    // Export only: the editor and source links would send readers off to vega.github.io.
    var options = { renderer: 'svg', tooltip: true, actions: { export: true, source: false, compiled: false, editor: false } };
    vegaEmbed(view, spec, options)
      .then(function () {
        var fallback = figure.querySelector('.chart-static');
        if (fallback) fallback.remove();
        figure.setAttribute('data-chart-state', 'interactive');
      })
      .catch(function (err) {
        view.remove();
        figure.setAttribute('data-chart-state', 'static');
        figure.setAttribute('data-chart-error', String(err && err.message ? err.message : err));
      });
  });
})();
