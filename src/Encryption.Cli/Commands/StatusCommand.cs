using Encryption.Cli.Status;
using Spectre.Console;
using System.CommandLine;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Encryption.Cli.Commands;

/// <summary><c>encrypt status</c>: the local agent's encryption status, like <c>cilium-dbg encrypt status</c>.</summary>
internal static class StatusCommand
{
    public const string SocketEnvironmentVariable = "ENCRYPT_AGENT_SOCKET";

    public static Command Create(IAnsiConsole console)
    {
        var socket = new Option<string>("--socket")
        {
            Description = $"The agent's status socket (env {SocketEnvironmentVariable})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(SocketEnvironmentVariable) ?? AgentClient.DefaultSocket,
        };
        var json = new Option<bool>("--json") { Description = "Print Cilium's EncryptionStatus JSON (same as -o json)" };
        var output = new Option<string>("--output", "-o") { Description = "text or json", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");

        var command = new Command("status", "Show the encryption status of this node's agent") { socket, json, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(socket)!;
            if (!File.Exists(path))
            {
                console.MarkupLine($"[red]no agent socket at {Markup.Escape(path)}: is the agent running? (--socket or {SocketEnvironmentVariable} names another)[/]");
                return 1;
            }

            try
            {
                using var client = new AgentClient(path, TimeSpan.FromSeconds(10));
                var status = await client.StatusAsync(cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json) || parse.GetValue(output) == "json")
                    console.Profile.Out.Writer.WriteLine(status.Model.ToJsonString(Indented));
                else
                    console.Profile.Out.Writer.Write(EncryptionStatusText.Render(status.Model));
                return 0;
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or IOException or FormatException)
            {
                console.MarkupLine($"[red]cannot reach the agent on {Markup.Escape(path)}: {Markup.Escape(e.Message)}[/]");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Indented, and base64 keys keep their '+' and '/' as Cilium's Go JSON prints them.</summary>
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
