using System.Diagnostics;
using System.Text.Json.Nodes;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests;

/// <summary>
/// Executed notebooks hold what the kernel sent: each fixture notebook's cells are submitted here to a kernel driven
/// by this test's own minimal stdio client (not the runner's), and every cell's outputs in the runner's executed
/// notebook must carry the same MIME types and text (line ends aside), in the same order.
/// </summary>
[Collection(NotebookRunGroup.Name)]
public sealed class KernelTranscriptTests(NotebookRunFixture run)
{
    [Theory]
    [InlineData("basics")]
    [InlineData("kernel-api")]
    [InlineData("display-update")]
    public async Task Executed_outputs_equal_what_the_kernel_sends_cell_by_cell(string name)
    {
        var source = NotebookFile.Read(Path.Combine(run.NotebookFolder, name + ".dib"));
        var executed = IpynbFormat.Parse(await File.ReadAllTextAsync(run.Executed(name), TestContext.Current.CancellationToken), name).Cells;
        var sent = await SendAsync(run.NotebookFolder, source.Cells.Where(c => c.IsCode).Select(c => (c.KernelName, c.Source)).ToList());
        var codeCells = executed.Where(c => c.IsCode).ToList();
        Assert.Equal(sent.Count, codeCells.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            Assert.Equal(sent[i], Flatten(codeCells[i].Outputs));
        }
    }

    /// <summary>An output as (kind, MIME type, text) items; stream text is joined per run of one stream.</summary>
    private static List<string> Flatten(IEnumerable<CellOutput> outputs) => outputs.SelectMany(o => o switch
    {
        StreamOutput s => [$"{s.Name}|{s.Text}"],
        DisplayDataOutput d => d.Data.Select(v => $"display|{v.MimeType}|{v.Value}"),
        ExecuteResultOutput r => r.Data.Select(v => $"result|{v.MimeType}|{v.Value}"),
        ErrorOutput e => [$"error|{e.EName}"],
        _ => throw new InvalidOperationException(o.ToString()),
    }).ToList();

    private static async Task<List<List<string>>> SendAsync(string folder, List<(string Kernel, string Code)> cells)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RunnerProcess.RepositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "tool", "run", "dotnet-interactive", "--", "stdio", "--default-kernel", "csharp", "--working-dir", folder })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in NotebookRunFixture.German)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            async Task<JsonObject> NextAsync()
            {
                while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    if (line.StartsWith('{') && JsonNode.Parse(line) is JsonObject envelope && envelope["eventType"] is not null)
                    {
                        return envelope;
                    }
                }

                throw new InvalidOperationException("the kernel exited");
            }

            while ((string?)(await NextAsync())["eventType"] != "KernelReady")
            {
            }

            var transcript = new List<List<string>>();
            for (var i = 0; i < cells.Count; i++)
            {
                var token = "t" + i;
                var command = new JsonObject
                {
                    ["commandType"] = "SubmitCode",
                    ["command"] = new JsonObject { ["code"] = cells[i].Code, ["targetKernelName"] = cells[i].Kernel },
                    ["token"] = token,
                };
                await process.StandardInput.WriteLineAsync(command.ToJsonString());
                await process.StandardInput.FlushAsync();
                var items = new List<string>();
                while (true)
                {
                    var envelope = await NextAsync();
                    var type = (string)envelope["eventType"]!;
                    if ((string?)envelope["command"]?["token"] == token && type is "CommandSucceeded" or "CommandFailed")
                    {
                        Assert.Equal("CommandSucceeded", type);
                        break;
                    }

                    // Executed notebooks store LF line ends; the kernel's formatters write CRLF.
                    var values = (envelope["event"]!["formattedValues"] as JsonArray ?? [])
                        .Select(v => ((string)v!["mimeType"]!, ((string)v["value"]!).Replace("\r\n", "\n", StringComparison.Ordinal)))
                        .ToList();
                    switch (type)
                    {
                        case "StandardOutputValueProduced":
                            var text = string.Concat(values.Select(v => v.Item2));
                            if (items.Count > 0 && items[^1].StartsWith("stdout|", StringComparison.Ordinal))
                            {
                                items[^1] += text;
                            }
                            else
                            {
                                items.Add("stdout|" + text);
                            }

                            break;
                        case "DisplayedValueProduced" or "DisplayedValueUpdated":
                            items.AddRange(values.Select(v => $"display|{v.Item1}|{v.Item2}"));
                            break;
                        case "ReturnValueProduced":
                            items.AddRange(values.Select(v => $"result|{v.Item1}|{v.Item2}"));
                            break;
                    }
                }

                transcript.Add(items);
            }

            return transcript;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
