using System.Globalization;
using System.Text;

namespace SoftmaxNotebooks.Display;

/// <summary>Per-session chart numbering and whether plotly.js has been sent to the view yet.</summary>
internal static class ChartSession
{
    private static readonly Lock Gate = new();
    private static object? session;
    private static int counter;
    private static bool plotlyJsEmbedded;

    public static void Reset()
    {
        lock (Gate)
        {
            counter = 0;
            plotlyJsEmbedded = false;
            session = DisplaySettings.Session;
        }
    }

    /// <summary>The next element number; restarts when the host changes the session key.</summary>
    public static int Next(out bool embedPlotlyJs)
    {
        lock (Gate)
        {
            SyncWithHost();
            counter++;
            embedPlotlyJs = DisplaySettings.PlotlyJsEmbedding switch
            {
                PlotlyJsEmbedding.EveryChart => true,
                PlotlyJsEmbedding.FirstChart => !plotlyJsEmbedded,
                _ => false,
            };
            plotlyJsEmbedded |= embedPlotlyJs;
            return counter;
        }
    }

    public static void MarkPlotlyJsEmbedded()
    {
        lock (Gate)
        {
            SyncWithHost();
            plotlyJsEmbedded = true;
        }
    }

    private static void SyncWithHost()
    {
        var current = DisplaySettings.Session;
        if (!Equals(current, session))
        {
            session = current;
            counter = 0;
            plotlyJsEmbedded = false;
        }
    }
}

/// <summary>The HTML around a figure's JSON: the element, plotly.js when needed, and the theme-following draw script.</summary>
internal static class FigureHtml
{
    public const string ReadyEvent = "softmaxnotebooks:plotly-ready";

    /// <summary>plotly.js inline, loaded at most once per page even when several outputs carry it.</summary>
    public static string PlotlyJsScript() =>
        // The bundle is UMD: with an AMD loader or CommonJS globals on the page it would register as a module and
        // leave window.Plotly unset, so those names are shadowed for its duration.
        "<script>/* plotly.js " + PlotlyJs.Version + " (MIT) */\nif(!window.Plotly){(function(define,module,exports){\n" +
        PlotlyJs.Source +
        "\n}).call(window);}\nwindow.dispatchEvent(new Event('" + ReadyEvent + "'));</script>\n";

    public static string Fragment(string json, string title, int height)
    {
        var n = ChartSession.Next(out var embed);
        var id = ElementId(json, n);
        return (embed ? PlotlyJsScript() : "") + Body(title, height, json, id);
    }

    public static string Document(string json, string title, int height)
    {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
               $"<title>{Html.Escape(title)}</title>\n" +
               "<style>:root{color-scheme:light dark}body{font-family:system-ui,sans-serif;margin:1.5em}</style>\n" +
               "</head>\n<body>\n" + PlotlyJsScript() + Body(title, height, json, ElementId(json, 1)) + "</body>\n</html>\n";
    }

    // Deterministic across runs (the runner's outputs must reproduce) yet distinct for two displays of one figure.
    private static string ElementId(string json, int n)
    {
        // FNV-1a: a stable hash (string.GetHashCode is randomized per process).
        var hash = 2166136261u;
        foreach (var c in json)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return "smx-chart-" + hash.ToString("x8", CultureInfo.InvariantCulture) + "-" + n.ToString(CultureInfo.InvariantCulture);
    }

    // The chart, its text alternative and its controls. The drawing is an image to assistive technology (its tick
    // labels and toolbar would read as a jumble): named by the title and the generated description, which chromium
    // also writes as the figure's /Alt in a PDF. The description is shown under the chart for every reader (hidden
    // from screen readers, which have it as the name), the data follow as tables that fold, and a slider gets a
    // keyboard control outside the image.
    private static string Body(string title, int height, string json, string id)
    {
        var text = ChartText.Of(json, title);
        var sb = new StringBuilder();
        sb.Append("<div class=\"smx-figure\" style=\"margin:0.4em 0 0.8em\">")
          .Append("<div class=\"smx-chart\" id=\"").Append(id).Append("\" role=\"img\" aria-label=\"")
          .Append(Html.Escape(text.Name + ". " + text.Description)).Append("\" style=\"width:100%;min-height:")
          .Append(height.ToString(CultureInfo.InvariantCulture)).Append("px\">")
          .Append("<div class=\"smx-chart-waiting\" style=\"padding:1em;border:1px dashed color-mix(in srgb,currentColor 40%,transparent)\">")
          .Append("Chart “").Append(Html.Escape(title)).Append("” needs plotly.js, which is not loaded in this view ")
          .Append("(the output that carried it was cleared, or the notebook was reopened without it). ")
          .Append("Run a cell with <code>KitDisplay.LoadPlotlyJs()</code> (or re-run this notebook from the top) and the chart draws here.")
          .Append("</div></div>\n");
        if (text.Slider is { } slider)
        {
            var current = Html.Escape(slider.Prefix + slider.Steps[slider.Active]);
            sb.Append("<div class=\"smx-slider\" style=\"display:flex;flex-wrap:wrap;align-items:center;gap:0.3em 0.6em;margin:0.2em 0\">")
              .Append("<label for=\"").Append(id).Append("-slider\">").Append(Html.Escape(slider.Label)).Append("</label>")
              .Append("<input type=\"range\" id=\"").Append(id).Append("-slider\" min=\"0\" max=\"").Append(Numbers.Int(slider.Steps.Count - 1))
              .Append("\" step=\"1\" value=\"").Append(Numbers.Int(slider.Active)).Append("\" aria-valuetext=\"").Append(current)
              .Append("\" style=\"flex:1 1 10em;min-width:8em;max-width:24em;accent-color:currentColor\">")
              .Append("<output for=\"").Append(id).Append("-slider\">").Append(current).Append("</output></div>\n");
        }

        sb.Append("<p class=\"smx-chart-caption\" aria-hidden=\"true\" style=\"margin:0.2em 0;font-size:0.9em\">")
          .Append(Html.Escape(text.Description)).Append("</p>\n")
          .Append("<details class=\"smx-chart-data\" style=\"margin:0.2em 0;font-size:0.9em\"><summary style=\"cursor:pointer\">Data table</summary>\n")
          .Append(text.DataHtml).Append("</details></div>\n");
        sb.Append("<script>(function(){\nvar id='").Append(id).Append("';\nvar figure=").Append(json).Append(";\n");
        sb.Append(DrawScript);
        sb.Append("})();</script>\n");
        return sb.ToString();
    }

    // Reads the page's text colour (VS Code's --vscode-editor-foreground when present) so titles, ticks and grid
    // follow the theme, and restyles when VS Code switches theme (it changes the body's class). A figure without its
    // own colour cycle (a Plotly.NET chart) gets the kit's palette. A title wider than a narrow view is wrapped again
    // and the plot moved down for the extra lines (and for a legend that wrapped into more rows), instead of being
    // cut off at both ends. The slider's keyboard control and plotly.js's own slider move together. The drawing
    // itself (plotly.js's SVGs, which chromium would expose as images full of tick labels, and the toolbar) is hidden
    // from assistive technology: the element around it is the image, named by the text alternative. While printing
    // the drawing is shown to the tree again, every part of it as mere presentation: chromium tags an image with no
    // content as nothing at all (the PDF would lose the figure and its /Alt), and an SVG part as a figure of its own.
    // The palette is written through JsonNode, not JsonSerializer: exported apps are file-based apps, which disable
    // reflection-based serialization, and this initializer runs at the first chart.
    private static readonly string DrawScript = """
        var PALETTE=
        """ + new System.Text.Json.Nodes.JsonArray([.. ChartPalette.Colors.Select(c => (System.Text.Json.Nodes.JsonNode?)c)]).ToJsonString() + """
        ;
        function rgb(css){var p=document.createElement('span');p.style.color=css;p.style.display='none';document.body.appendChild(p);
        var c=getComputedStyle(p).color;p.remove();var m=c.match(/[\d.]+/g);return m?m.slice(0,3).join(','):'68,68,68';}
        function theme(el){var s=getComputedStyle(el);var fg=s.getPropertyValue('--vscode-editor-foreground').trim()||s.color;var c=rgb(fg);
        var t={'font.color':'rgb('+c+')','xaxis.gridcolor':'rgba('+c+',0.15)','yaxis.gridcolor':'rgba('+c+',0.15)',
        'xaxis.zerolinecolor':'rgba('+c+',0.35)','yaxis.zerolinecolor':'rgba('+c+',0.35)','xaxis.linecolor':'rgba('+c+',0.5)',
        'yaxis.linecolor':'rgba('+c+',0.5)','legend.bgcolor':'rgba(0,0,0,0)'};
        if(figure.layout&&figure.layout.yaxis2){t['yaxis2.linecolor']='rgba('+c+',0.5)';t['yaxis2.zerolinecolor']='rgba('+c+',0.35)';}
        if(figure.layout&&figure.layout.sliders){t['sliders[0].font.color']='rgb('+c+')';t['sliders[0].currentvalue.font.color']='rgb('+c+')';
        t['sliders[0].bordercolor']='rgba('+c+',0.4)';t['sliders[0].tickcolor']='rgba('+c+',0.6)';t['sliders[0].bgcolor']='rgba('+c+',0.15)';
        t['sliders[0].activebgcolor']='rgba('+c+',0.45)';}return t;}
        function fit(el){var L=el.layout||{},t=L.title,w=el.clientWidth;if(!t||!t.text||!w){return Promise.resolve();}
        var o=el._smxFit||(el._smxFit={text:t.text,top:L.margin&&L.margin.t!=null?L.margin.t:100,height:L.height||450,y:t.y});
        var g=el.querySelector('.gtitle');var fs=(t.font&&t.font.size)||17,lh=Math.ceil(1.3*fs);var given=o.text.split('<br>');
        var longest=Math.max.apply(null,given.map(function(s){return s.length;}));var text=o.text;
        var bw=g?g.getBoundingClientRect().width*longest/Math.max.apply(null,String(t.text).split('<br>').map(function(s){return s.length;})):0;
        if(bw>w-12){var max=Math.max(10,Math.floor(longest*(w-16)/bw)),lines=[],line='';
        o.text.replace(/<br>/g,' ').split(' ').forEach(function(x){if(line&&line.length+1+x.length>max){lines.push(line);line=x;}else{line=line?line+' '+x:x;}});
        lines.push(line);if(lines.length>given.length){text=lines.join('<br>');}}
        var n=text.split('<br>').length-given.length,extra=n*lh,u={'title.text':text,'margin.t':o.top+extra,height:o.height+extra};
        if(t.yref==='container'&&t.yanchor==='top'&&typeof o.y==='number'){u['title.y']=1-((1-o.y)*o.height+n*lh/2)/(o.height+extra);}
        return window.Plotly.relayout(el,u).then(function(){var lg=el.querySelector('.legend'),tt=el.querySelector('.gtitle');
        if(!lg||!tt){return;}var over=Math.ceil(tt.getBoundingClientRect().bottom+4-lg.getBoundingClientRect().top);
        if(over>0){return window.Plotly.relayout(el,{'margin.t':o.top+extra+over,height:o.height+extra+over});}});}
        function slider(el){var input=document.getElementById(id+'-slider');var s=el.layout.sliders&&el.layout.sliders[0];if(!input||!s){return;}
        var out=input.parentNode.querySelector('output');var prefix=(s.currentvalue&&s.currentvalue.prefix)||'';
        function show(k,fromPlot){var step=s.steps[k];if(!step){return;}var v=prefix+step.label;input.value=String(k);input.setAttribute('aria-valuetext',v);
        if(out){out.value=v;}if(!fromPlot){window.Plotly.restyle(el,{visible:step.args[0].visible});window.Plotly.relayout(el,{'sliders[0].active':k});}}
        input.addEventListener('input',function(){show(+input.value,false);});el.on('plotly_sliderchange',function(e){show(e.slider.active,true);});}
        function draw(){var el=document.getElementById(id);if(!el||el.getAttribute('data-drawn'))return;el.setAttribute('data-drawn','1');
        el.innerHTML='';var layout=JSON.parse(JSON.stringify(figure.layout||{}));if(!layout.colorway){layout.colorway=PALETTE;}
        window.Plotly.newPlot(el,figure.data,layout,{responsive:true,displaylogo:false}).then(function(){
        function hide(){var d=el.querySelector('.svg-container');if(d&&!window.smxPrinting){d.setAttribute('aria-hidden','true');}}
        window.addEventListener('beforeprint',function(){window.smxPrinting=true;var d=el.querySelector('.svg-container');if(d){d.removeAttribute('aria-hidden');
        d.querySelectorAll('*').forEach(function(v){v.setAttribute('role','presentation');});}});
        window.addEventListener('afterprint',function(){window.smxPrinting=false;hide();});
        window.Plotly.relayout(el,theme(el));hide();el.on('plotly_afterplot',hide);
        slider(el);var timer;window.addEventListener('resize',function(){clearTimeout(timer);timer=setTimeout(function(){fit(el);},150);});
        new MutationObserver(function(){window.Plotly.relayout(el,theme(el));}).observe(document.body,{attributes:true,attributeFilter:['class']});
        return fit(el);});}
        if(window.Plotly){draw();}else{window.addEventListener('softmaxnotebooks:plotly-ready',draw);}

        """;
}
