// SoftmaxNotebooks handout: typesets the math the page marked (span/div.math, class inline or display, the TeX as
// text) with KaTeX, text/latex outputs with KaTeX's auto-render, and narrows any chart wider than the text column
// so it fits the page on screen and on A4.
(function () {
  'use strict';
  function typeset() {
    if (typeof katex === 'undefined') { return; }
    // globalGroup: a \def in one formula holds in the later ones, as in VS Code's notebooks.
    document.querySelectorAll('.markdown .math').forEach(function (el) {
      katex.render(el.textContent, el, { displayMode: el.classList.contains('display'), throwOnError: false, globalGroup: true });
    });
    if (typeof renderMathInElement !== 'function') { return; }
    var latex = [{ left: '$$', right: '$$', display: true }, { left: '\\[', right: '\\]', display: true },
      { left: '\\(', right: '\\)', display: false }, { left: '$', right: '$', display: false }];
    document.querySelectorAll('.output.latex').forEach(function (el) {
      renderMathInElement(el, { delimiters: latex, throwOnError: false });
    });
  }
  function fitCharts() {
    if (typeof Plotly === 'undefined') { return; }
    document.querySelectorAll('.js-plotly-plot').forEach(function (plot) {
      var column = plot.closest('.output') || document.querySelector('main');
      var available = column ? column.clientWidth : 0;
      var width = plot._fullLayout && plot._fullLayout.width;
      if (available > 0 && width > available) {
        // The chart's own div often carries a fixed inline width too; both must shrink.
        plot.style.width = available + 'px';
        Plotly.relayout(plot, { width: available });
      }
    });
  }
  typeset();
  window.addEventListener('load', fitCharts);
}());
