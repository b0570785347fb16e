// SoftmaxNotebooks handout: typesets the math the page marked (span/div.math, class inline or display, the TeX as
// text) with KaTeX, text/latex outputs with KaTeX's auto-render, narrows any chart wider than the text column so it
// fits the page on screen and on A4, and gives anything else still too wide (a table of many columns, a long
// formula) a zoom that print applies, so paper shrinks it instead of cutting it off. On screen, such a box scrolls
// sideways on its own (the page never does, down to 320 px), and a box that scrolls is made reachable by keyboard
// and named, so a keyboard or screen reader user can scroll it too (WCAG 1.4.10, 2.1.1).
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
  // A heading with a formula keeps it in a screen reader's list of headings and in the PDF's bookmarks: the heading
  // is named by its text with each formula read out from KaTeX's MathML (powers, indices, fractions and roots said
  // in words).
  function speak(node) {
    var kids = Array.prototype.filter.call(node.children, function (c) { return c.localName !== 'annotation'; });
    var part = function (i) { return kids[i] ? speak(kids[i]) : ''; };
    switch (node.localName) {
      case 'msup': return part(0) + ' to the power ' + part(1);
      case 'msub': return part(0) + ' sub ' + part(1);
      case 'msubsup': return part(0) + ' sub ' + part(1) + ' to the power ' + part(2);
      case 'mfrac': return part(0) + ' over ' + part(1);
      case 'msqrt': return 'square root of ' + kids.map(speak).join(' ');
      case 'mi': case 'mn': case 'mo': case 'mtext': return node.textContent.replace(/[\u2061-\u2064]/g, '');
      default: return kids.map(speak).join(' ');
    }
  }
  function headingNames() {
    document.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach(function (h) {
      if (!h.querySelector('.katex')) { return; }
      var parts = [];
      (function walk(n) {
        n.childNodes.forEach(function (c) {
          if (c.nodeType === 3) { parts.push(c.textContent); } else if (c.classList && c.classList.contains('katex')) {
            var math = c.querySelector('.katex-mathml math');
            parts.push(math ? ' ' + speak(math) + ' ' : c.textContent);
          } else if (c.nodeType === 1) { walk(c); }
        });
      }(h));
      h.setAttribute('aria-label', parts.join('').replace(/\s+/g, ' ').trim());
      // The PDF's bookmarks take a heading's visible, unhidden text: KaTeX's drawn formula is hidden from assistive
      // technology and its MathML is clipped, so a bookmark lost the formula. In a heading the label above speaks for
      // the formula; the drawn glyphs are unhidden (for the bookmark) and the MathML hidden (not read twice).
      h.querySelectorAll('.katex-html').forEach(function (k) { k.removeAttribute('aria-hidden'); });
      h.querySelectorAll('.katex-mathml').forEach(function (k) { k.setAttribute('aria-hidden', 'true'); });
    });
  }
  // A chart the page names as an image (role="img") shows its drawing to the eye only: chromium would expose
  // plotly.js's SVGs as more images, named by their tick labels. While printing, the drawing is back in the tree with
  // every part as mere presentation: chromium tags no figure (and no /Alt) for an image without content, and tags
  // SVG parts as figures of their own.
  function hideDrawings() {
    if (window.smxPrinting) { return; }
    document.querySelectorAll('[role="img"] .svg-container').forEach(function (d) { d.setAttribute('aria-hidden', 'true'); });
  }
  window.addEventListener('beforeprint', function () {
    window.smxPrinting = true;
    document.querySelectorAll('[role="img"] .svg-container').forEach(function (d) {
      d.removeAttribute('aria-hidden');
      d.querySelectorAll('*').forEach(function (v) { v.setAttribute('role', 'presentation'); });
    });
  });
  window.addEventListener('afterprint', function () { window.smxPrinting = false; hideDrawings(); });
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
  function zoomToFit(el) {
    var scale = el.clientWidth / el.scrollWidth;
    return el.clientWidth > 0 && scale < 1 ? String(Math.floor(scale * 1000) / 1000) : null;
  }
  // A markdown table sits in a box that can scroll (the table keeps its own semantics).
  function wrapTables() {
    document.querySelectorAll('.markdown table').forEach(function (table) {
      if (table.parentNode.classList.contains('table-scroll')) { return; }
      var box = document.createElement('div');
      box.className = 'table-scroll';
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }
  // A box whose content is wider than the box scrolls; it then takes keyboard focus (arrow keys scroll it) and a
  // name that says what it holds. One that fits again gives both back.
  function markScrolling() {
    var kinds = [['.math.display, .math.inline.too-wide', 'formula'], ['.table-scroll', 'table'], ['.output', 'output']];
    kinds.forEach(function (kind) {
      document.querySelectorAll(kind[0]).forEach(function (el) {
        var scrolls = el.scrollWidth > el.clientWidth + 1;
        if (scrolls && !el.hasAttribute('tabindex')) {
          el.setAttribute('tabindex', '0');
          el.setAttribute('role', 'group');
          el.setAttribute('aria-label', 'wide ' + kind[1] + ', scrolls sideways');
          el.setAttribute('data-scrolls', '1');
        } else if (!scrolls && el.getAttribute('data-scrolls')) {
          ['tabindex', 'role', 'aria-label', 'data-scrolls'].forEach(function (a) { el.removeAttribute(a); });
        }
      });
    });
  }
  // Measured on screen, where the column is at most as wide as A4's text width: the zoom errs small, never large.
  function fitPrint() {
    document.querySelectorAll('.output, .table-scroll').forEach(function (el) {
      // Charts were fitted above, by plotly itself.
      if (el.querySelector('.js-plotly-plot')) { return; }
      var zoom = zoomToFit(el);
      if (zoom) { el.style.setProperty('--print-zoom', zoom); }
    });
  }
  // A formula a little wider than the column is scaled down to fit; one much wider keeps a readable size (85 %) and
  // scrolls instead. An inline formula wider than the column (it cannot break) becomes a box that scrolls.
  function fitMath() {
    document.querySelectorAll('.math.display').forEach(function (el) {
      el.style.removeProperty('--fit-zoom');
      var zoom = zoomToFit(el);
      if (zoom) { el.style.setProperty('--fit-zoom', String(Math.max(0.85, Number(zoom)))); }
    });
    document.querySelectorAll('.markdown .math.inline').forEach(function (el) {
      el.classList.remove('too-wide');
      var column = el.closest('p, li, td, th, .markdown');
      if (column && el.getBoundingClientRect().width > column.clientWidth) { el.classList.add('too-wide'); }
    });
    markScrolling();
  }
  // A slider shows one step at a time, which paper cannot: each slider chart gets a grid of small static copies, one
  // per step, folded under the chart on screen (to compare the steps side by side) and laid out in print, where they
  // replace the interactive chart.
  function sliderMultiples() {
    if (typeof Plotly === 'undefined') { return; }
    document.querySelectorAll('.js-plotly-plot').forEach(function (plot) {
      var layout = plot.layout || {};
      var slider = layout.sliders && layout.sliders[0];
      var steps = slider && (slider.steps || []).filter(function (s) {
        return s.method === 'restyle' && s.args && s.args[0] && Array.isArray(s.args[0].visible);
      });
      if (!steps || steps.length === 0 || plot.classList.contains('has-print-multiples')) { return; }
      var prefix = (slider.currentvalue && slider.currentvalue.prefix) || '';
      var grid = document.createElement('details');
      grid.className = 'slider-multiples';
      var summary = document.createElement('summary');
      summary.textContent = 'All ' + steps.length + ' steps side by side';
      grid.appendChild(summary);
      var caption = document.createElement('p');
      caption.className = 'slider-caption';
      var title = layout.title && (layout.title.text || layout.title);
      caption.textContent = (typeof title === 'string' ? title.replace(/<br>/g, ' ') + ': ' : '') +
        'the slider\'s ' + steps.length + ' steps (' + prefix + steps[0].label + ' … ' + prefix + steps[steps.length - 1].label + ').';
      grid.appendChild(caption);
      // After the kit's figure block (chart, keyboard slider, description, data), else after the chart itself.
      var after = plot.closest('.smx-figure') || plot;
      after.parentNode.insertBefore(grid, after.nextSibling);
      plot.classList.add('has-print-multiples');
      var columns = steps.length > 9 ? 4 : 3;
      // Sized for A4's text column (680 px), where they print; a narrower screen wraps them.
      var width = Math.floor(680 / columns) - 4;
      steps.forEach(function (step) {
        var frame = document.createElement('div');
        frame.className = 'slider-frame';
        // Each copy is a picture of one step; its numbers are in the chart's data table.
        frame.setAttribute('role', 'img');
        frame.setAttribute('aria-label', (typeof title === 'string' ? title.replace(/<br>/g, ' ') + ', ' : '') + prefix + step.label);
        grid.appendChild(frame);
        var data = plot.data.map(function (trace, i) {
          var copy = Object.assign({}, trace);
          copy.visible = step.args[0].visible[i];
          return copy;
        });
        var small = JSON.parse(JSON.stringify(layout));
        delete small.sliders;
        small.title = { text: prefix + step.label, font: { size: 11 }, y: 0.97, yanchor: 'top', yref: 'container' };
        small.width = width;
        small.height = Math.round(width * 0.8);
        small.margin = { t: 24, r: 6, b: 30, l: 34 };
        small.showlegend = false;
        small.font = Object.assign({}, small.font, { size: 8 });
        ['xaxis', 'yaxis'].forEach(function (axis) {
          if (small[axis]) { small[axis].title = { text: '' }; small[axis].automargin = true; }
        });
        Plotly.newPlot(frame, data, small, { staticPlot: true }).then(hideDrawings);
      });
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
  headingNames();
  wrapTables();
  codeToggle();
  window.addEventListener('load', function () {
    fitCharts();
    hideDrawings();
    fitPrint();
    sliderMultiples();
    fitMath();
    // KaTeX's fonts change the formulas' widths; measure again once every font has loaded.
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(fitMath); }
    var timer;
    window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(fitMath, 150); });
    // An opened code cell or output can be wider than the column: measure again.
    document.addEventListener('toggle', function () { markScrolling(); }, true);
  });
}());
