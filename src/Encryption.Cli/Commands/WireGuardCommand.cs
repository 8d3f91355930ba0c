using Encryption.Cli.Status;
using Spectre.Console;
using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Encryption.Cli.Commands;

/// <summary>
/// <c>encrypt wireguard rotate-key</c>: asks the local agent for a new WireGuard key pair and prints the old and the new
/// public key. The agent persists the new private key (0600), sets it on the device and republishes the node's
/// <c>network.cilium.io/wg-pub-key</c>, which every peer follows. Handshakes between this node and a peer fail until that
/// peer has the new key, so rotate one node at a time.
/// </summary>
internal static class WireGuardCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var socket = new Option<string>("--socket")
        {
            Description = $"The agent's status socket (env {StatusCommand.SocketEnvironmentVariable})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(StatusCommand.SocketEnvironmentVariable) ?? AgentClient.DefaultSocket,
        };
        var rotate = new Command("rotate-key", "Rotate this node's WireGuard key pair; every peer picks up the new public key") { socket };
        rotate.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(socket)!;
            if (!File.Exists(path))
            {
                console.MarkupLine($"[red]no agent socket at {Markup.Escape(path)}: is the agent running? (--socket or {StatusCommand.SocketEnvironmentVariable} names another)[/]");
                return 1;
            }

            try
            {
                using var client = new AgentClient(path, TimeSpan.FromSeconds(30));
                var (status, body) = await client.RotateWireGuardKeyAsync(cancellationToken).ConfigureAwait(false);
                var answer = JsonNode.Parse(body) as JsonObject ?? throw new FormatException("the agent's answer is not a JSON object");
                if (status != HttpStatusCode.OK)
                {
                    console.MarkupLine($"[red]rotate-key refused: {Markup.Escape((string?)answer["error"] ?? $"HTTP {(int)status}")}[/]");
                    return 1;
                }

                var output = console.Profile.Out.Writer;
                output.WriteLine($"Old public key: {(string?)answer["old-public-key"]}");
                output.WriteLine($"New public key: {(string?)answer["new-public-key"]}");
                if (answer["published"]?.GetValue<bool>() == true)
                {
                    output.WriteLine("Published: yes (peers follow as they see the node's new network.cilium.io/wg-pub-key)");
                    return 0;
                }

                output.WriteLine($"Published: no ({(string?)answer["error"]})");
                return 1;
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or IOException or FormatException or System.Text.Json.JsonException)
            {
                console.MarkupLine($"[red]cannot reach the agent on {Markup.Escape(path)}: {Markup.Escape(e.Message)}[/]");
                return 1;
            }
        });
        return new Command("wireguard", "WireGuard operations on this node's agent") { rotate };
    }
}
