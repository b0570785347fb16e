using System.Reflection;
using Microsoft.FSharp.Core;

namespace SoftmaxNotebooks.PlotlyNet;

/// <summary>
/// Calls Plotly.NET's F# members (<c>Layout.init</c>, <c>Slider.init</c>, <c>Chart.withAxisAnchor</c>, …) from C#.
/// Their <c>?Name</c> parameters compile to <see cref="FSharpOption{T}"/> without C# defaults, and Plotly.NET 6 has
/// dozens per member; this fills the given ones with <c>Some</c> and the rest with <c>None</c>, so the adapter still
/// goes through Plotly.NET's own typed builders (and their serialization rules).
/// </summary>
internal static class FSharpCall
{
    public static T Invoke<T>(Type type, string name, params (string Name, object Value)[] args)
    {
        var given = args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == name)
            .Single(m => m.GetParameters().All(p => given.ContainsKey(p.Name!) || IsOption(p.ParameterType))
                         && given.Keys.All(k => m.GetParameters().Any(p => p.Name == k)));
        if (method.IsGenericMethodDefinition)
        {
            // Margin.init<a, b, …>: each generic option parameter takes the type of the value given for it.
            var generic = method.GetGenericArguments();
            var bound = generic.Select(g =>
            {
                var parameter = method.GetParameters().FirstOrDefault(p => IsOption(p.ParameterType) && p.ParameterType.GetGenericArguments()[0] == g && given.ContainsKey(p.Name!));
                // Unused ones only need to satisfy the constraints (IConvertible for Plotly.NET's tick values).
                return parameter is not null ? given[parameter.Name!].GetType()
                    : g.GetGenericParameterConstraints().Length == 0 ? typeof(object) : typeof(double);
            }).ToArray();
            method = method.MakeGenericMethod(bound);
        }

        var values = method.GetParameters()
            .Select(p => given.TryGetValue(p.Name!, out var v) ? (IsOption(p.ParameterType) ? Some(p.ParameterType, v) : v) : null)
            .ToArray();
        var result = method.Invoke(null, values);
        return result is FSharpFunc<T, T> ? throw new InvalidOperationException($"{name} returned a function; use Apply.") : (T)result!;
    }

    /// <summary>Calls a closed method (a generic one already bound) with the given optional arguments.</summary>
    public static T Invoke<T>(MethodInfo method, params (string Name, object Value)[] args)
    {
        var given = args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        var unknown = given.Keys.Where(k => method.GetParameters().All(p => p.Name != k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"{method.Name} has no parameter {string.Join(", ", unknown)}.", nameof(args));
        }

        var values = method.GetParameters()
            .Select(p => given.TryGetValue(p.Name!, out var v) ? (IsOption(p.ParameterType) ? Some(p.ParameterType, v) : v) : null)
            .ToArray();
        return (T)method.Invoke(null, values)!;
    }

    /// <summary>Calls an F# <c>Chart.with…</c> member and applies the function it returns to <paramref name="chart"/>.</summary>
    public static TChart Apply<TChart>(TChart chart, Type type, string name, params (string Name, object Value)[] args)
    {
        var given = args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == name && typeof(FSharpFunc<TChart, TChart>).IsAssignableFrom(m.ReturnType))
            .Single(m => m.GetParameters().All(p => given.ContainsKey(p.Name!) || IsOption(p.ParameterType))
                         && given.Keys.All(k => m.GetParameters().Any(p => p.Name == k)));
        var values = method.GetParameters()
            .Select(p => given.TryGetValue(p.Name!, out var v) ? (IsOption(p.ParameterType) ? Some(p.ParameterType, v) : v) : null)
            .ToArray();
        var function = (FSharpFunc<TChart, TChart>)method.Invoke(null, values)!;
        return function.Invoke(chart);
    }

    private static bool IsOption(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(FSharpOption<>);

    private static object Some(Type optionType, object value) =>
        optionType.GetMethod(nameof(FSharpOption<int>.Some), BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [value])!;
}
