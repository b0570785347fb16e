// SoftmaxNotebooks handout: typesets the math the page marked (span/div.math, class inline or display, the TeX as
// text) with KaTeX, text/latex outputs with KaTeX's auto-render, narrows any chart wider than the text column so it
// fits the page on screen and on A4, and gives anything else still too wide (a table of many columns, a long
// formula) a zoom that print applies, so paper shrinks it instead of cutting it off.
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
  // Measured on screen, where the column is at most as wide as A4's text width: the zoom errs small, never large.
  function fitPrint() {
    document.querySelectorAll('.output, .math.display, .markdown table').forEach(function (el) {
      // Charts were fitted above, by plotly itself.
      if (el.querySelector('.js-plotly-plot')) { return; }
      var scale = el.clientWidth / el.scrollWidth;
      if (el.clientWidth > 0 && scale < 1) {
        el.style.setProperty('--print-zoom', String(Math.floor(scale * 1000) / 1000));
      }
    });
  }
  // Code folds with <details>, which works without script; the script adds one button that opens or folds all
  // code cells (setup cells too), and opens everything while the browser prints (print styles already show
  // folded code where the browser supports ::details-content).
  function codeToggle() {
    var button = document.querySelector('header.page .code-toggle');
    var folds = Array.prototype.slice.call(document.querySelectorAll('.cell.code .source details'));
    if (!button || folds.length === 0) { return; }
    function label() {
      button.textContent = folds.every(function (d) { return d.open; }) ? 'fold all code' : 'show all code';
    }
    button.hidden = false;
    label();
    button.addEventListener('click', function () {
      var open = !folds.every(function (d) { return d.open; });
      folds.forEach(function (d) { d.open = open; });
      label();
    });
    folds.forEach(function (d) { d.addEventListener('toggle', label); });
    var before = null;
    window.addEventListener('beforeprint', function () {
      before = folds.map(function (d) { return d.open; });
      folds.forEach(function (d) { d.open = true; });
    });
    window.addEventListener('afterprint', function () {
      if (before) { folds.forEach(function (d, i) { d.open = before[i]; }); before = null; label(); }
    });
  }
  typeset();
  codeToggle();
  window.addEventListener('load', function () { fitCharts(); fitPrint(); });
}());
