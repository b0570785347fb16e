using System.Diagnostics.CodeAnalysis;

namespace SoftmaxNotebooks.Display;

/// <summary>The HTML and plain-text renderer of each kit type.</summary>
internal static class Renderers
{
    private static readonly Dictionary<Type, (Func<object, string> Html, Func<object, string> Text)> Table = new()
    {
        [typeof(VectorView)] = (v => ((VectorView)v).ToHtml(), v => ((VectorView)v).ToString()),
        [typeof(MatrixView)] = (m => ((MatrixView)m).ToHtml(), m => ((MatrixView)m).ToString()),
        [typeof(Figure)] = (f => ((Figure)f).ToHtml(), f => ((Figure)f).ToString()),
        [typeof(PlotlyJsLoader)] = (l => ((PlotlyJsLoader)l).ToHtml(), l => ((PlotlyJsLoader)l).ToString()),
        [typeof(Distribution)] = (d => ResultRenderers.DistributionHtml((Distribution)d), d => ResultRenderers.DistributionText((Distribution)d)),
        [typeof(GibbsState)] = (g => ResultRenderers.GibbsHtml((GibbsState)g), g => ResultRenderers.GibbsText((GibbsState)g)),
        [typeof(MaxEntropyResult)] = (r => ResultRenderers.MaxEntropyHtml((MaxEntropyResult)r), r => ResultRenderers.MaxEntropyText((MaxEntropyResult)r)),
        [typeof(GeneralizedGibbsResult)] = (r => ResultRenderers.GeneralizedHtml((GeneralizedGibbsResult)r), r => ResultRenderers.GeneralizedText((GeneralizedGibbsResult)r)),
        [typeof(GradientCheckReport)] = (r => ResultRenderers.GradientCheckHtml((GradientCheckReport)r), r => ResultRenderers.GradientCheckText((GradientCheckReport)r)),
        [typeof(StepSweepResult)] = (s => ResultRenderers.StepSweepHtml((StepSweepResult)s), s => ResultRenderers.StepSweepText((StepSweepResult)s)),
        [typeof(CheckedClaim)] = (c => ResultRenderers.ClaimHtml((CheckedClaim)c), c => ResultRenderers.ClaimText((CheckedClaim)c)),
        [typeof(EnergySpectrum)] = (s => ResultRenderers.SpectrumHtml((EnergySpectrum)s), s => ResultRenderers.SpectrumText((EnergySpectrum)s)),
    };

    public static bool TryGet(Type type, [NotNullWhen(true)] out Func<object, string>? html, [NotNullWhen(true)] out Func<object, string>? text)
    {
        if (Table.TryGetValue(type, out var pair))
        {
            (html, text) = pair;
            return true;
        }

        html = text = null;
        return false;
    }
}
