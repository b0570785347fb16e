using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>
/// Resolves each file to one metadata image for the whole notebook. A library's dependency is first resolved
/// implicitly (missing-assembly resolution beside the <c>#r</c>'d library); when a later cell <c>#r</c>s that
/// dependency itself, a second image of it would make Roslyn bind the library anew, and a method declared before
/// that cell would take a different copy of the library's types than cells after it see (CS1503 "cannot convert
/// from 'T [path]' to 'T [identity]'"). The kernel accepts <c>#r</c> in any cell.
/// </summary>
internal sealed class CachingMetadataResolver(ScriptMetadataResolver inner) : MetadataReferenceResolver
{
    private readonly ConcurrentDictionary<string, ImmutableArray<PortableExecutableReference>> _resolved = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PortableExecutableReference?> _missing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PortableExecutableReference> _byFile = new(StringComparer.Ordinal);

    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        _resolved.GetOrAdd(string.Join('\0', reference, baseFilePath, Key(properties)),
            _ => inner.ResolveReference(reference, baseFilePath, properties).Select(Share).ToImmutableArray());

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        _missing.GetOrAdd(string.Join('\0', definition.Display, referenceIdentity.GetDisplayName()),
            _ => inner.ResolveMissingAssembly(definition, referenceIdentity) is { } resolved ? Share(resolved) : null);

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>
    /// One metadata image per file: a file reached by a <c>#r</c> and earlier by missing-assembly resolution (a
    /// dependency of an earlier <c>#r</c>) keeps the symbols it already has; only its properties (explicit or implicit) differ.
    /// </summary>
    private PortableExecutableReference Share(PortableExecutableReference reference)
    {
        if (reference.FilePath is not { } path)
        {
            return reference;
        }

        var first = _byFile.GetOrAdd(path, _ => reference);
        return first.Properties.Equals(reference.Properties) ? first : (PortableExecutableReference)first.WithProperties(reference.Properties);
    }

    private static string Key(MetadataReferenceProperties properties) =>
        string.Join('\0', properties.Kind, string.Join(',', properties.Aliases), properties.EmbedInteropTypes);
}
