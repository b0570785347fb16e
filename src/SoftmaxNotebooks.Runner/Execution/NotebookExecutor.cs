using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Microsoft.DotNet.Interactive.Formatting;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>How long one cell took.</summary>
/// <param name="CellNumber">The cell's 1-based position in the notebook.</param>
/// <param name="Elapsed">Wall-clock time, including any package restore.</param>
public sealed record CellTiming(int CellNumber, TimeSpan Elapsed);

/// <summary>The outcome of executing one notebook.</summary>
/// <param name="Executed">The notebook with each executed cell's outputs and execution count.</param>
/// <param name="Error">Null on success; otherwise <c>file:cell N:line L: message</c>.</param>
/// <param name="Timings">The time of each executed cell.</param>
public sealed record ExecutionResult(Notebook Executed, string? Error, IReadOnlyList<CellTiming> Timings)
{
    /// <summary>True when every cell ran.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>
/// Executes a notebook's C# cells as one chain of Roslyn scripting submissions, emulating the final Polyglot C#
/// kernel: C# 14, its default imports, <c>display(x)</c>, trailing values, console streams, <c>#r</c> and
/// <c>#r "nuget: …"</c>. Assemblies and formatters are process-wide, so one process executes one notebook.
/// </summary>
public static class NotebookExecutor
{
    /// <summary>The namespaces the kernel imports into every C# submission.</summary>
    public static readonly ImmutableArray<string> DefaultImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private const string Prelude = "using static SoftmaxNotebooks.Runner.Execution.Kernel;";

    /// <summary>Executes a notebook's cells in order, stopping at the first failure.</summary>
    /// <param name="notebook">The parsed notebook.</param>
    /// <param name="notebookPath">The file's path: relative <c>#r</c> paths and <c>#i</c> folders resolve against its folder.</param>
    /// <param name="displayName">How errors name the notebook, e.g. <c>notebooks/intro.dib</c>.</param>
    /// <param name="cellFinished">Called after each cell with its 1-based number and the cell count.</param>
    /// <param name="cancellationToken">Stops execution between cells.</param>
    public static async Task<ExecutionResult> ExecuteAsync(
        Notebook notebook, string notebookPath, string displayName, Action<int, int>? cellFinished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var folder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

        using var session = new Session(folder);
        // Outputs are read once every cell has run: a later cell may update an earlier cell's displayed value.
        var cells = new List<(NotebookCell Cell, OutputCollector? Outputs)>();
        var timings = new List<CellTiming>();
        string? error = null;
        var executionCount = 0;
        var originalOut = Console.Out;
        var originalError = Console.Error;
        Console.SetOut(new CapturingWriter("stdout"));
        Console.SetError(new CapturingWriter("stderr"));
        try
        {
            for (var i = 0; i < notebook.Cells.Count; i++)
            {
                var cell = notebook.Cells[i];
                var number = i + 1;
                if (error is not null || !cell.IsCode)
                {
                    cells.Add((cell with { Outputs = [], ExecutionCount = null }, null));
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var location = string.Create(CultureInfo.InvariantCulture, $"{displayName}:cell {number}");
                OutputCollector.Current = new OutputCollector();
                var stopwatch = Stopwatch.StartNew();
                if (cell.KernelName != KernelNames.CSharp)
                {
                    error = $"{location}: cells of the '{cell.KernelName}' kernel cannot run here; the runner executes C# cells only (as the notebooks in this kit must).";
                    OutputCollector.Current.Add(new ErrorOutput("UnsupportedKernel", error, [error]));
                }
                else
                {
                    executionCount++;
                    error = await session.RunCellAsync(cell.Source, number, location, executionCount, cancellationToken).ConfigureAwait(false);
                }

                stopwatch.Stop();
                timings.Add(new CellTiming(number, stopwatch.Elapsed));
                cells.Add((cell with { ExecutionCount = cell.KernelName == KernelNames.CSharp ? executionCount : null }, OutputCollector.Current));
                cellFinished?.Invoke(number, notebook.Cells.Count);
            }
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        var executed = cells.Select(c => c.Outputs is null ? c.Cell : c.Cell with { Outputs = c.Outputs.Outputs }).ToList();
        return new ExecutionResult(notebook with { Cells = executed }, error, timings);
    }

    /// <summary>The script state of one notebook: the submission chain, its references and its assembly loader.</summary>
    private sealed class Session(string folder) : IDisposable
    {
        private readonly InteractiveAssemblyLoader _loader = new();
        private readonly List<PackageRequest> _packages = [];
        private readonly List<string> _sources = [];
        private readonly HashSet<string> _packageAssemblies = new(StringComparer.Ordinal);
        private ScriptOptions _options = BaseOptions(folder);
        private ScriptState<object>? _state;

        public async Task<string?> RunCellAsync(string source, int number, string location, int executionCount, CancellationToken cancellationToken)
        {
            CellDirectives directives;
            try
            {
                directives = CellDirectives.Parse(source, folder);
                await AddPackagesAsync(directives, cancellationToken).ConfigureAwait(false);
                foreach (var path in directives.ReferencePaths.Where(File.Exists))
                {
                    AssemblyResolution.AddFolder(Path.GetDirectoryName(path)!);
                    LoadIntoDefaultContext(path);
                }
            }
            catch (UnsupportedDirectiveException e)
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"{location}:line {e.Line}: {e.Message}"), "UnsupportedDirective", []);
            }
            catch (Exception e) when (e is PackageRestoreException or IOException or BadImageFormatException)
            {
                return Fail($"{location}: {e.Message}", e.GetType().Name, []);
            }

            var options = _options.WithFilePath(CellFileName(number));
            try
            {
                _state ??= await CSharpScript.Create(Prelude, _options, globalsType: null, _loader).RunAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                _state = await _state.ContinueWithAsync(directives.Code, options, static _ => true, cancellationToken).ConfigureAwait(false);
            }
            catch (CompilationErrorException e)
            {
                var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                var first = errors.Count > 0 ? errors[0] : e.Diagnostics[0];
                var lines = errors.Select(d => Describe(location, d)).ToList();
                return Fail(Describe(location, first), "CompilationError", lines);
            }

            if (_state.Exception is { } exception)
            {
                var line = LineInCell(exception, CellFileName(number));
                var message = string.Create(CultureInfo.InvariantCulture, $"{location}{(line is null ? "" : $":line {line}")}: {Describe(exception)}");
                return Fail(message, exception.GetType().Name, exception.ToString().Split('\n'));
            }

            if (HasTrailingValue(_state.Script.GetCompilation()) && _state.ReturnValue is not DisplayedValue)
            {
                OutputCollector.Current.Add(new ExecuteResultOutput(OutputCollector.Format(_state.ReturnValue, []), executionCount));
            }

            return null;
        }

        private async Task AddPackagesAsync(CellDirectives directives, CancellationToken cancellationToken)
        {
            _sources.AddRange(directives.Sources.Except(_sources));
            if (directives.Packages.Count == 0)
            {
                return;
            }

            // The kernel restores every package requested so far together, so versions resolve as one graph.
            foreach (var package in directives.Packages)
            {
                _packages.RemoveAll(p => string.Equals(p.Id, package.Id, StringComparison.OrdinalIgnoreCase));
                _packages.Add(package);
            }

            var assemblies = await PackageRestorer.RestoreAsync(_packages, _sources, cancellationToken).ConfigureAwait(false);
            var added = assemblies.Where(_packageAssemblies.Add).ToList();
            foreach (var path in added)
            {
                AssemblyResolution.AddFile(path);
            }

            _options = _options.AddReferences(added.Select(path => MetadataReference.CreateFromFile(path)));
            foreach (var path in added)
            {
                LoadIntoDefaultContext(path);
            }
        }

        /// <summary>
        /// Loads a referenced assembly into the default context, where the kernel's references live, so its
        /// dependencies bind through the host's own (for example FSharp.Core 10.0) and each loads once; the
        /// scripting loader is told to hand out this copy instead of loading its own.
        /// </summary>
        private void LoadIntoDefaultContext(string path)
        {
            var name = AssemblyName.GetAssemblyName(path);
            if (AssemblyResolution.IsHostAssembly(name.Name!))
            {
                return;
            }

            var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a =>
                AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default &&
                string.Equals(a.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase));
            if (loaded is not null)
            {
                if (!string.Equals(loaded.Location, path, StringComparison.Ordinal) && loaded.GetName().Version != name.Version)
                {
                    throw new IOException($"'{path}' cannot be loaded: {loaded.GetName().Name} {loaded.GetName().Version} is already loaded from '{loaded.Location}'.");
                }

                _loader.RegisterDependency(loaded);
                return;
            }

            _loader.RegisterDependency(AssemblyLoadContext.Default.LoadFromAssemblyPath(path));
        }

        public void Dispose() => _loader.Dispose();

        private static string Fail(string message, string name, IReadOnlyList<string> details)
        {
            OutputCollector.Current.Add(new ErrorOutput(name, message, details.Count > 0 ? details : [message]));
            return message;
        }
    }

    /// <summary>
    /// True when the submission ends in an expression without a semicolon whose type is not void: the kernel shows
    /// its value, even a null one.
    /// </summary>
    private static bool HasTrailingValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot() is not CompilationUnitSyntax { Members: [.., GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }] } ||
            !statement.SemicolonToken.IsMissing)
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private static string CellFileName(int number) => string.Create(CultureInfo.InvariantCulture, $"cell{number}.csx");

    private static ScriptOptions BaseOptions(string folder)
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal) &&
                           path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.CSharp14)
            .WithReferences(framework)
            .AddReferences(typeof(Formatter).Assembly, typeof(Kernel).Assembly)
            .WithImports(DefaultImports)
            .WithMetadataResolver(new CachingMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(folder)))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, folder))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8);
    }

    private static string Describe(string location, Diagnostic diagnostic)
    {
        var line = diagnostic.Location.IsInSource ? diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1 : (int?)null;
        var where = line is null ? location : string.Create(CultureInfo.InvariantCulture, $"{location}:line {line}");
        return $"{where}: error {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static string Describe(Exception exception)
    {
        var builder = new StringBuilder();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            builder.Append(builder.Length == 0 ? "" : " ---> ").Append(e.GetType().FullName).Append(": ").Append(e.Message);
        }

        return builder.ToString();
    }

    /// <summary>The line inside the cell where the exception passed through the cell's own code (innermost frame first).</summary>
    private static int? LineInCell(Exception exception, string cellFile)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var frame = new StackTrace(e, fNeedFileInfo: true).GetFrames()
                .FirstOrDefault(f => f.GetFileName() is { } file && Path.GetFileName(file) == cellFile && f.GetFileLineNumber() > 0);
            if (frame is not null)
            {
                return frame.GetFileLineNumber();
            }
        }

        return null;
    }
}
