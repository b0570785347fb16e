using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;

namespace SoftmaxNotebooks.Formatting;

/// <summary>
/// The formatter source named by <c>[TypeFormatterSource(typeof(DisplayFormatterSource&lt;T&gt;))]</c> on a core
/// result type. It holds no HTML: it asks SoftmaxNotebooks.Display for the formatters of <typeparamref name="T"/>,
/// so the math assembly stays free of presentation code and of any reference to the display assembly.
/// </summary>
/// <remarks>Nothing in the core calls <see cref="CreateTypeFormatters"/>: only a notebook host does, by reflection,
/// and a host loads assemblies at run time from files and is never trimmed or AOT-compiled. The requirements below
/// say so to the analyzers; a trimmed or native app that uses the core keeps none of this code and gets no warning.
/// </remarks>
internal sealed class DisplayFormatterSource<T>
{
    /// <summary>Called by the notebook host (by name) the first time it formats a <typeparamref name="T"/>.</summary>
    [SuppressMessage("Performance", "CA1822", Justification = "Hosts create an instance and call this method on it.")]
    [RequiresUnreferencedCode(DisplayAssembly.Why)]
    [RequiresAssemblyFiles(DisplayAssembly.Why)]
    public IEnumerable CreateTypeFormatters() => DisplayAssembly.CreateFormatters(typeof(T));
}

/// <summary>Finds SoftmaxNotebooks.Display at run time and asks it for formatters.</summary>
internal static class DisplayAssembly
{
    private const string AssemblyName = "SoftmaxNotebooks.Display";
    private const string FactoryTypeName = "SoftmaxNotebooks.Display.KitFormatters";

    public const string Why = "Notebook hosts only: loads SoftmaxNotebooks.Display by name or from the folder of this "
        + "assembly and calls KitFormatters.For by reflection.";

    [RequiresUnreferencedCode(Why)]
    [RequiresAssemblyFiles(Why)]
    public static IEnumerable CreateFormatters(Type type)
    {
        // A display assembly bound to another copy of this core (another load context) knows other types and
        // returns nothing for ours, so every loaded copy is asked, this core's own load context first.
        var core = typeof(DisplayAssembly).Assembly;
        var context = AssemblyLoadContext.GetLoadContext(core) ?? AssemblyLoadContext.Default;
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => string.Equals(a.GetName().Name, AssemblyName, StringComparison.Ordinal))
            .OrderBy(a => AssemblyLoadContext.GetLoadContext(a) == context ? 0 : 1);
        foreach (var display in loaded)
        {
            if (Ask(display, type) is { } formatters)
            {
                return formatters;
            }
        }

        // Without the display assembly the host falls back to its own property-tree formatting.
        return Load(context, core) is { } found ? Ask(found, type) ?? Array.Empty<object>() : Array.Empty<object>();
    }

    [RequiresUnreferencedCode(Why)]
    private static object[]? Ask(Assembly display, Type type)
    {
        var create = display.GetType(FactoryTypeName)?.GetMethod("For", BindingFlags.Public | BindingFlags.Static, [typeof(Type)]);
        var formatters = (create?.Invoke(null, [type]) as IEnumerable)?.Cast<object>().ToArray();
        return formatters is { Length: > 0 } ? formatters : null;
    }

    [RequiresUnreferencedCode(Why)]
    [RequiresAssemblyFiles(Why)]
    private static Assembly? Load(AssemblyLoadContext context, Assembly core)
    {
        try
        {
            // Goes through the host's resolvers (a notebook kernel knows the #r'd paths), so a notebook that
            // referenced the display assembly but has not used it yet gets the copy the kernel would load.
            return context.LoadFromAssemblyName(new AssemblyName(AssemblyName));
        }
        catch (FileNotFoundException)
        {
            var folder = Path.GetDirectoryName(core.Location);
            var path = string.IsNullOrEmpty(folder) ? null : Path.Combine(folder, AssemblyName + ".dll");
            return path is not null && File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        }
    }
}
