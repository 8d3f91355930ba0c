using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json;
using Encryption.Cli.Status;
using Encryption.IPsec.Diagnostics;
using Spectre.Console;
using Xfrm.Stats;

namespace Encryption.Cli.Commands;

/// <summary>
/// <c>encrypt diagnose</c>: reads <c>/proc/net/xfrm_stat</c> twice, a window apart, and explains every counter that grew
/// (Cilium metric labels, meaning, usual causes, remedy) next to what the agent did in the same window.
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Create(IAnsiConsole console, TimeProvider time)
    {
        var window = new Option<string>("--window") { Description = "How long to watch the counters (Go duration: 10s, 500ms, 1m)", DefaultValueFactory = _ => "10s" };
        window.Validators.Add(result =>
        {
            if (DiagnosisWindow.Parse(result.GetValue(window)) is null)
                result.AddError($"--window must be a positive duration such as 10s, 500ms or 1m, got \"{result.GetValue(window)}\"");
        });
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var socket = new Option<string>("--socket")
        {
            Description = $"The agent's status socket, for its events (env {StatusCommand.SocketEnvironmentVariable})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(StatusCommand.SocketEnvironmentVariable) ?? AgentClient.DefaultSocket,
        };
        var statFile = new Option<string>("--xfrm-stat") { Description = "The counters file", DefaultValueFactory = _ => XfrmStatReader.DefaultPath, Hidden = true };

        var command = new Command("diagnose", "Explain the XFRM errors (dropped packets) of the next window, with the agent's events") { window, json, socket, statFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var span = DiagnosisWindow.Parse(parse.GetValue(window))!.Value;
            var reader = new XfrmStatReader(parse.GetValue(statFile)!);
            try
            {
                var start = time.GetUtcNow();
                var before = reader.Read();
                await Task.Delay(span, time, cancellationToken).ConfigureAwait(false);
                var after = reader.Read();
                var end = time.GetUtcNow();
                var agent = await AgentAsync(parse.GetValue(socket)!, cancellationToken).ConfigureAwait(false);
                var diagnosis = XfrmDiagnostics.Diagnose(before, after, start, end, span, agent);
                console.Profile.Out.Writer.Write(parse.GetValue(json)
                    ? XfrmDiagnosisRenderer.Json(diagnosis).ToJsonString(Indented) + "\n"
                    : XfrmDiagnosisRenderer.Text(diagnosis));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                console.MarkupLine($"[red]cannot read {Markup.Escape(reader.Path)}: {Markup.Escape(e.Message)}[/]");
                return 1;
            }
        });
        return command;
    }

    private static async Task<AgentIPsecView> AgentAsync(string socket, CancellationToken cancellationToken)
    {
        if (!File.Exists(socket))
            return AgentIPsecView.Unreachable($"no agent socket at {socket} (--socket or {StatusCommand.SocketEnvironmentVariable} names another)");
        try
        {
            using var client = new AgentClient(socket, TimeSpan.FromSeconds(5));
            var status = await client.StatusAsync(cancellationToken).ConfigureAwait(false);
            return AgentIPsecView.FromStatusModel(status.Model);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or FormatException or TaskCanceledException)
        {
            return AgentIPsecView.Unreachable($"cannot reach the agent on {socket}: {e.Message}");
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
