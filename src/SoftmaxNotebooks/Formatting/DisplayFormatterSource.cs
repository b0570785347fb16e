using System.Collections;
using System.Reflection;
using System.Runtime.Loader;

namespace SoftmaxNotebooks.Formatting;

/// <summary>
/// The formatter source named by <c>[TypeFormatterSource(typeof(DisplayFormatterSource&lt;T&gt;))]</c> on a core
/// result type. It holds no HTML: it asks SoftmaxNotebooks.Display for the formatters of <typeparamref name="T"/>,
/// so the math assembly stays free of presentation code and of any reference to the display assembly.
/// </summary>
internal sealed class DisplayFormatterSource<T>
{
    /// <summary>Called by the notebook host (by name) the first time it formats a <typeparamref name="T"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Hosts create an instance and call this method on it.")]
    public IEnumerable CreateTypeFormatters() => DisplayAssembly.CreateFormatters(typeof(T));
}

/// <summary>Finds SoftmaxNotebooks.Display at run time and asks it for formatters.</summary>
internal static class DisplayAssembly
{
    private const string AssemblyName = "SoftmaxNotebooks.Display";
    private const string FactoryTypeName = "SoftmaxNotebooks.Display.KitFormatters";

    public static IEnumerable CreateFormatters(Type type)
    {
        var create = Find()?.GetType(FactoryTypeName)?.GetMethod("For", BindingFlags.Public | BindingFlags.Static, [typeof(Type)]);
        // Without the display assembly the host falls back to its own property-tree formatting.
        return create?.Invoke(null, [type]) as IEnumerable ?? Array.Empty<object>();
    }

    private static Assembly? Find()
    {
        // Prefer the copy the host already loaded: a second copy would keep its own settings and element counters.
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(a => string.Equals(a.GetName().Name, AssemblyName, StringComparison.Ordinal));
        if (loaded is not null)
        {
            return loaded;
        }

        var context = AssemblyLoadContext.GetLoadContext(typeof(DisplayAssembly).Assembly) ?? AssemblyLoadContext.Default;
        try
        {
            // Goes through the host's Resolving handlers, so a notebook that #r'd the display assembly but has not
            // touched it yet gets the same copy the kernel will load later.
            return context.LoadFromAssemblyName(new AssemblyName(AssemblyName));
        }
        catch (FileNotFoundException)
        {
            var folder = Path.GetDirectoryName(typeof(DisplayAssembly).Assembly.Location);
            var path = string.IsNullOrEmpty(folder) ? null : Path.Combine(folder, AssemblyName + ".dll");
            return path is not null && File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        }
    }
}
