using System.Text;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

/// <summary>Executed notebooks written by hand in the shape the runner writes them (nbformat 4.5, Polyglot metadata).</summary>
internal static class Fixtures
{
    public const string ChartTitle = "Softmax of the logits";
    public const string AxisTitle = "logit index";
    public const string TableCell = "0.6652";

    // A Plotly.NET-style chart output: a CDN loader that must be removed, a div and a script calling Plotly.newPlot.
    private const string ChartHtml =
        "<script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\" charset=\"utf-8\"></script>\n" +
        "<div id=\"chart-softmax\" style=\"width: 600px; height: 360px;\"><!-- Plotly chart will be drawn inside this DIV --></div>\n" +
        "<script type=\"text/javascript\">\n" +
        "var renderPlotly_softmax = function() {\n" +
        "    var data = [{\"type\":\"bar\",\"x\":[\"z1\",\"z2\",\"z3\"],\"y\":[0.0900,0.2447,0.6652],\"name\":\"p\"}];\n" +
        "    var layout = {\"title\":{\"text\":\"" + ChartTitle + "\"},\"xaxis\":{\"title\":{\"text\":\"" + AxisTitle + "\"}},\"yaxis\":{\"title\":{\"text\":\"probability\"}},\"width\":600,\"height\":360};\n" +
        "    var config = {\"responsive\":false};\n" +
        "    Plotly.newPlot('chart-softmax', data, layout, config);\n" +
        "};\n" +
        "renderPlotly_softmax();\n" +
        "</script>\n";

    // Plotly.NET's Require reference: RequireJS from a CDN, plotly.js from a CDN, both must not load.
    private const string RequireChartHtml =
        "<div id=\"chart-require\" style=\"width: 900px; height: 300px;\"></div>\n" +
        "<script type=\"text/javascript\">\n" +
        "var renderPlotly_require = function() {\n" +
        "    var fsharpPlotlyRequire = requirejs.config({context:'fsharp-plotly',paths:{plotly:'https://cdn.plot.ly/plotly-2.28.0.min'}}) || require;\n" +
        "    fsharpPlotlyRequire(['plotly'], function(Plotly) {\n" +
        "        var data = [{\"type\":\"scatter\",\"x\":[1,2,3],\"y\":[3,1,2]}];\n" +
        "        var layout = {\"width\":900,\"height\":300,\"title\":{\"text\":\"wide chart\"}};\n" +
        "        Plotly.newPlot('chart-require', data, layout, {});\n" +
        "    });\n" +
        "};\n" +
        "if ((typeof(requirejs) !==  typeof(Function)) || (typeof(requirejs.config) !== typeof(Function))) {\n" +
        "    var script = document.createElement(\"script\");\n" +
        "    script.setAttribute(\"src\", \"https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js\");\n" +
        "    script.onload = function(){ renderPlotly_require(); };\n" +
        "    document.getElementsByTagName(\"head\")[0].appendChild(script);\n" +
        "}\n" +
        "else { renderPlotly_require(); }\n" +
        "</script>\n";

    private const string TableHtml =
        "<table><thead><tr><th>i</th><th>z<sub>i</sub></th><th>p<sub>i</sub></th></tr></thead>" +
        "<tbody><tr><td>0</td><td>1</td><td>0.0900</td></tr><tr><td>1</td><td>2</td><td>0.2447</td></tr>" +
        "<tr><td>2</td><td>3</td><td>" + TableCell + "</td></tr></tbody></table>";

    /// <summary>Markdown with inline and display math, a table output, a stream, a chart and an error.</summary>
    public static string Softmax => Notebook(
        Markdown(
            "# Softmax and log-sum-exp\n",
            "\n",
            "The softmax of logits $z$ is $\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$, and it is invariant under $z \\mapsto z + c$.\n",
            "\n",
            "$$\n",
            "\\operatorname{LSE}(z) = \\log \\sum_{i=1}^{n} e^{z_i} \\geq \\max_i z_i\n",
            "$$\n",
            "\n",
            "Prices like $5 and $6 stay text."),
        Code(1, "var z = new[] { 1.0, 2.0, 3.0 };\n// the probabilities\nvar p = Softmax(z);\ndisplay(p);",
            """{"output_type": "display_data", "data": {"text/html": [JSON_TABLE], "text/plain": ["double[3] { 0.09, 0.2447, 0.6652 }"]}, "metadata": {}}"""
                .Replace("[JSON_TABLE]", Json(TableHtml), StringComparison.Ordinal),
            """{"output_type": "stream", "name": "stdout", "text": ["sum = 1\n", "max = 0.6652 <ok>\n"]}"""),
        Code(2, "Chart.Column(p)",
            """{"output_type": "execute_result", "execution_count": 2, "data": {"text/html": [CHART], "text/plain": ["GenericChart"]}, "metadata": {}}"""
                .Replace("[CHART]", Json(ChartHtml), StringComparison.Ordinal)),
        Code(3, "\"x < y\" + 1",
            """{"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": ["x < y1"]}, "metadata": {}}"""),
        Code(4, "throw new InvalidOperationException(\"temperature must be positive\");",
            """{"output_type": "error", "ename": "System.InvalidOperationException", "evalue": "temperature must be positive", "traceback": ["softmax.ipynb:cell 4:line 1: temperature must be positive"]}"""));

    /// <summary>A notebook whose only chart uses Plotly.NET's RequireJS loader and is wider than the page.</summary>
    public static string RequireChart => Notebook(
        Markdown("## A RequireJS chart\n"),
        Code(1, "chart",
            """{"output_type": "display_data", "data": {"text/html": [CHART]}, "metadata": {}}"""
                .Replace("[CHART]", Json(RequireChartHtml), StringComparison.Ordinal)));

    public const string KitChartTitle = "kit chart with its own plotly";

    /// <summary>
    /// The kit's chart output shape (SoftmaxNotebooks.Display): the first chart of a notebook carries plotly.js
    /// itself behind an <c>if(!window.Plotly)</c> guard, then an element and a draw script.
    /// </summary>
    public static string KitChart(string plotlyBundle) => Notebook(
        Markdown("## Kit chart\n"),
        Code(1, "display(figure)",
            """{"output_type": "display_data", "data": {"text/html": [CHART], "text/plain": ["Figure"]}, "metadata": {}}"""
                .Replace("[CHART]", Json(
                    "<script>/* plotly.js 2.28.0 (MIT) */\nif(!window.Plotly){(function(define,module,exports){\n" + plotlyBundle +
                    "\n}).call(window);}\nwindow.dispatchEvent(new Event('softmaxnotebooks:plotly-ready'));</script>\n" +
                    "<div class=\"smx-chart\" id=\"smx-chart-1\" style=\"width:100%;min-height:320px\"><div class=\"smx-chart-waiting\">Chart needs plotly.js</div></div>\n" +
                    "<script>(function(){var id='smx-chart-1';var figure={\"data\":[{\"type\":\"bar\",\"x\":[\"a\",\"b\"],\"y\":[0.3,0.7]}],\"layout\":{\"title\":{\"text\":\"" + KitChartTitle + "\"},\"height\":320}};\n" +
                    "function draw(){var el=document.getElementById(id);el.innerHTML='';window.Plotly.newPlot(el,figure.data,figure.layout,{responsive:true,displaylogo:false});}\n" +
                    "if(window.Plotly){draw();}else{window.addEventListener('softmaxnotebooks:plotly-ready',draw);}})();</script>\n"),
                    StringComparison.Ordinal)));

    /// <summary>
    /// Markdown math in the shapes notebook authors write: display math spanning lines (opened at a line start,
    /// between $$ lines, inside a sentence), alignment rows, markup characters inside math, and dollars that are
    /// not math. Three display formulas, one with a sum; inline math with a sum too.
    /// </summary>
    public static string MathNotebook => Notebook(
        Markdown(
            "## Display math over several lines\n",
            "\n",
            "The two conditions read\n",
            "$$a = b ,\n",
            "\\qquad\n",
            "c = d$$\n",
            "and nothing else."),
        Markdown(
            "$$\n",
            "\\begin{aligned}\n",
            "\\operatorname{LSE}(z) &= \\log \\sum_{i=1}^{n} e^{z_i} \\\\\n",
            "&< \\max_i z_i + \\log n, \\quad n > 1\n",
            "\\end{aligned}\n",
            "$$"),
        Markdown(
            "Inside a sentence $$p_i = \\frac{e^{z_i}}{Z} *\n",
            "\\text{and} * q_i$$ stays display math.\n",
            "\n",
            "Inline $x_1 * y_2$, $a*b*c$ and $\\sum_j e^{z_j}$; an escaped \\$5 stays, it costs $5 and $6 too, and $ x $ is text."));

    public const string SetupCode = "static double Twice(double x) => 2 * x;";
    public const string VisibleCode = "Console.WriteLine(Twice(21));";

    /// <summary>A setup cell (first line <c>// setup: …</c>) and a cell that uses it.</summary>
    public static string Setup => Notebook(
        Markdown("# Setup cells\n"),
        Code(1, "// setup: the helper the demo calls\n" + SetupCode),
        Code(2, VisibleCode, """{"output_type": "stream", "name": "stdout", "text": "42\n"}"""));

    /// <summary>Notebook 3's KL identity: wider than the 680 px column at KaTeX's display size.</summary>
    public const string WideFormula = "\\mathrm{KL}(q\\,\\|\\,p) = \\sum_i q_i \\log\\frac{q_i}{p_i} = \\sum_i q_i \\log\\frac{q_i}{g_i} + \\beta \\sum_i q_i E_i + \\log Z = -S[q] + \\beta\\langle E\\rangle_q + \\log Z,";

    /// <summary>A wide display formula and a slider chart (plotly JSON with three restyle steps), for print.</summary>
    public static string Print => Notebook(
        Markdown("# Print\n", "\n", "$$" + WideFormula + "$$\n"),
        Code(1, "display(slider)",
            """
            {"output_type": "display_data", "metadata": {}, "data": {"application/vnd.plotly.v1+json": {"data": [
              {"type": "bar", "name": "T = 10", "x": ["a", "b", "c"], "y": [0.30, 0.33, 0.37], "visible": false},
              {"type": "bar", "name": "T = 1", "x": ["a", "b", "c"], "y": [0.09, 0.24, 0.67], "visible": true},
              {"type": "bar", "name": "T = 0.1", "x": ["a", "b", "c"], "y": [0.0, 0.0, 1.0], "visible": false}],
             "layout": {"title": {"text": "softmax as T falls"}, "height": 420, "sliders": [{"active": 1, "currentvalue": {"prefix": "T = "}, "steps": [
              {"label": "10", "method": "restyle", "args": [{"visible": [true, false, false]}]},
              {"label": "1", "method": "restyle", "args": [{"visible": [false, true, false]}]},
              {"label": "0.1", "method": "restyle", "args": [{"visible": [false, false, true]}]}]}]}}}}
            """));

    /// <summary>Two picture outputs: one whose plain-text form describes it, one with only a type name.</summary>
    public static string Pictures => Notebook(
        Markdown("# Pictures"),
        Code(1, "display(dot)",
            """{"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBORw==", "text/plain": "A red dot on white"}}""",
            """{"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBORw==", "text/plain": "<Bitmap 1x1>"}}"""));

    /// <summary>A notebook without charts or headings.</summary>
    public static string Plain => Notebook(
        Markdown("Just prose, no heading."),
        Code(1, "Console.WriteLine(42);", """{"output_type": "stream", "name": "stdout", "text": "42\n"}"""));

    /// <summary>Reads fixture JSON as the handouts read an executed notebook file named <paramref name="name"/>.ipynb.</summary>
    public static Notebook Parse(string json, string name) => IpynbFormat.Parse(json, name + ".ipynb");

    public static string Write(string folder, string name, string json)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, json, new UTF8Encoding(false));
        return path;
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string Markdown(params string[] lines) =>
        """{"cell_type": "markdown", "id": "ID", "metadata": {}, "source": [LINES]}"""
            .Replace("ID", "md" + lines.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("[LINES]", "[" + string.Join(", ", lines.Select(Json)) + "]", StringComparison.Ordinal);

    private static string Code(int count, string source, params string[] outputs) =>
        """
        {"cell_type": "code", "execution_count": COUNT, "id": "cellCOUNT",
         "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}},
         "source": SOURCE, "outputs": [OUTPUTS]}
        """
            .Replace("COUNT", count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("SOURCE", Json(source), StringComparison.Ordinal)
            .Replace("OUTPUTS", string.Join(",\n", outputs), StringComparison.Ordinal);

    private static string Notebook(params string[] cells) =>
        """
        {
         "cells": [CELLS],
         "metadata": {
          "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
          "language_info": {"name": "polyglot-notebook"},
          "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """.Replace("[CELLS]", "[\n" + string.Join(",\n", cells) + "\n]", StringComparison.Ordinal);
}
