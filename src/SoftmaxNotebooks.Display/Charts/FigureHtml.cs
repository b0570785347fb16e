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

    private static string Body(string title, int height, string json, string id)
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"smx-chart\" id=\"").Append(id).Append("\" style=\"width:100%;min-height:")
          .Append(height.ToString(CultureInfo.InvariantCulture)).Append("px\">")
          .Append("<div class=\"smx-chart-waiting\" style=\"padding:1em;border:1px dashed color-mix(in srgb,currentColor 40%,transparent)\">")
          .Append("Chart “").Append(Html.Escape(title)).Append("” needs plotly.js, which is not loaded in this view ")
          .Append("(the output that carried it was cleared, or the notebook was reopened without it). ")
          .Append("Run a cell with <code>KitDisplay.LoadPlotlyJs()</code> (or re-run this notebook from the top) and the chart draws here.")
          .Append("</div></div>\n");
        sb.Append("<script>(function(){\nvar id='").Append(id).Append("';\nvar figure=").Append(json).Append(";\n");
        sb.Append(DrawScript);
        sb.Append("})();</script>\n");
        return sb.ToString();
    }

    // Reads the page's text colour (VS Code's --vscode-editor-foreground when present) so titles, ticks and grid
    // follow the theme, and restyles when VS Code switches theme (it changes the body's class).
    private const string DrawScript = """
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
        function draw(){var el=document.getElementById(id);if(!el||el.getAttribute('data-drawn'))return;el.setAttribute('data-drawn','1');
        el.innerHTML='';var layout=JSON.parse(JSON.stringify(figure.layout||{}));
        window.Plotly.newPlot(el,figure.data,layout,{responsive:true,displaylogo:false}).then(function(){
        window.Plotly.relayout(el,theme(el));
        new MutationObserver(function(){window.Plotly.relayout(el,theme(el));}).observe(document.body,{attributes:true,attributeFilter:['class']});});}
        if(window.Plotly){draw();}else{window.addEventListener('softmaxnotebooks:plotly-ready',draw);}

        """;
}
