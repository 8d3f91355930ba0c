using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Encryption.Cli.Keys;
using Encryption.Cli.Status;
using Encryption.IPsec.Keys;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Secrets;
using Spectre.Console;

namespace Encryption.Cli.Commands;

/// <summary>
/// <c>encrypt keys create|rotate|status</c>: the IPsec pre-shared key in a file or in the Kubernetes Secret, like
/// cilium-cli's <c>encryption create-key|rotate-key|key-status</c>, except that key bytes are printed only when asked
/// (<c>create</c> without <c>--file</c>, <c>status --show-keys</c>).
/// </summary>
internal static class KeysCommand
{
    public static Command Create(IAnsiConsole console, TimeProvider time)
    {
        var command = new Command("keys", "Create, rotate and inspect the IPsec key (key file or Kubernetes Secret)");
        command.Subcommands.Add(CreateKey(console, time));
        command.Subcommands.Add(Rotate(console, time));
        command.Subcommands.Add(Status(console, time));
        return command;
    }

    private sealed record StoreOptions(Option<string?> File, Option<string?> Secret, Option<string> Namespace, Option<string?> Kubeconfig)
    {
        public static StoreOptions Add(Command command, string fileDescription)
        {
            var options = new StoreOptions(
                new Option<string?>("--file") { Description = fileDescription },
                new Option<string?>("--secret") { Description = $"The Kubernetes Secret holding the key (Cilium's is {IPsecKeysSecretLocation.DefaultName})" },
                new Option<string>("--namespace", "-n") { Description = "The Secret's namespace", DefaultValueFactory = _ => IPsecKeysSecretLocation.DefaultNamespace },
                new Option<string?>("--kubeconfig") { Description = "kubeconfig to reach the API server (default: in-cluster, $KUBECONFIG, ~/.kube/config)" });
            command.Options.Add(options.File);
            command.Options.Add(options.Secret);
            command.Options.Add(options.Namespace);
            command.Options.Add(options.Kubeconfig);
            command.Validators.Add(result =>
            {
                if (result.GetValue(options.File) is not null && result.GetValue(options.Secret) is not null)
                    result.AddError("--file and --secret exclude each other");
            });
            return options;
        }

        /// <summary>The store the options name; <paramref name="defaultFile"/> when neither is given (null: none).</summary>
        public IKeyStore? Open(ParseResult parse, TimeProvider time, string? defaultFile)
        {
            if (parse.GetValue(Secret) is { } secret)
                return new KeySecretStore(new IPsecKeysSecretLocation(parse.GetValue(Namespace)!, secret), parse.GetValue(Kubeconfig), time);
            return (parse.GetValue(File) ?? defaultFile) is { } file ? new KeyFileStore(file) : null;
        }
    }

    private static Command CreateKey(IAnsiConsole console, TimeProvider time)
    {
        var algorithm = new Option<string>("--algorithm", "--auth-algo")
        {
            Description = "Key algorithm",
            DefaultValueFactory = _ => "rfc4106-gcm-aes",
        };
        algorithm.AcceptOnlyFromAmong(KeyAlgorithmNames.Accepted);
        var spi = new Option<int>("--spi") { Description = "Key ID, 1..15", DefaultValueFactory = _ => 1 };
        spi.Validators.Add(result =>
        {
            if (result.GetValue(spi) is < 1 or > IPsecKey.MaxSpi)
                result.AddError($"--spi must be 1..{IPsecKey.MaxSpi}, got {result.GetValue(spi)}");
        });
        var command = new Command("create", "Create a new IPsec key from the OS random generator; without --file or --secret, print its line") { algorithm, spi };
        var stores = StoreOptions.Add(command, "Write the key to this file (mode 0600, atomically); refused if it exists");
        command.SetAction(async (parse, cancellationToken) => await RunAsync(console, async () =>
        {
            var template = KeyAlgorithmNames.Parse(parse.GetValue(algorithm)!);
            var line = KeyFileWriter.Create(template, (byte)parse.GetValue(spi));
            var key = KeyFileParser.ParseCurrent(line);
            using var store = stores.Open(parse, time, defaultFile: null);
            if (store is null)
            {
                // The explicit ask for key material: the line goes to stdout, nothing else does.
                console.Profile.Out.Writer.WriteLine(line);
                return 0;
            }

            await store.CreateAsync(line + "\n", cancellationToken).ConfigureAwait(false);
            console.Profile.Out.Writer.WriteLine($"IPsec key created in {store.Name}: key ID {key.Spi} ({KeyAlgorithmNames.Of(key)})");
            return 0;
        }).ConfigureAwait(false));
        return command;
    }

    private static Command Rotate(IAnsiConsole console, TimeProvider time)
    {
        var command = new Command("rotate", "Replace the IPsec key: next key ID (15 -> 1), same algorithm and key length, new random key");
        var stores = StoreOptions.Add(command, "The key file to rotate (written atomically, mode 0600)");
        command.SetAction(async (parse, cancellationToken) => await RunAsync(console, async () =>
        {
            using var store = stores.Open(parse, time, defaultFile: null);
            if (store is null)
            {
                Error(console, "name the key to rotate: --file PATH or --secret NAME");
                return 1;
            }

            var read = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read is null)
            {
                Error(console, $"{store.Name} does not exist: create it with `encrypt keys create`");
                return 1;
            }

            // Parses the whole text first: a malformed store is refused with the parser's line/field errors, untouched.
            var current = KeyFileParser.ParseCurrent(read.Text, store.Name);
            var line = KeyFileWriter.Rotate(read.Text);
            var next = KeyFileParser.ParseCurrent(line);
            await store.ReplaceAsync(line + "\n", read, cancellationToken).ConfigureAwait(false);
            console.Profile.Out.Writer.WriteLine($"IPsec key rotated in {store.Name}: key ID {current.Spi} -> {next.Spi} ({KeyAlgorithmNames.Of(next)})");
            return 0;
        }).ConfigureAwait(false));
        return command;
    }

    private static Command Status(IAnsiConsole console, TimeProvider time)
    {
        var showKeys = new Option<bool>("--show-keys") { Description = "Also print the key bytes (hex)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var socket = new Option<string>("--socket")
        {
            Description = $"The agent's status socket, for its view of the keys (env {StatusCommand.SocketEnvironmentVariable})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(StatusCommand.SocketEnvironmentVariable) ?? AgentClient.DefaultSocket,
        };
        var command = new Command("status", "Show the IPsec key: ID, algorithm, key length, ICV, '+' flag; key bytes only with --show-keys") { showKeys, json, socket };
        var stores = StoreOptions.Add(command, $"The key file (default {KeyFileStore.DefaultPath})");
        command.SetAction(async (parse, cancellationToken) => await RunAsync(console, async () =>
        {
            using var store = stores.Open(parse, time, KeyFileStore.DefaultPath)!;
            var read = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read is null)
            {
                Error(console, $"{store.Name} does not exist");
                return 1;
            }

            var view = KeyStatusView.From(store.Name, read, parse.GetValue(showKeys)) with
            {
                Agent = await AgentViewAsync(parse.GetValue(socket)!, cancellationToken).ConfigureAwait(false),
            };
            console.Profile.Out.Writer.Write(parse.GetValue(json) ? view.Json().ToJsonString(Indented) + "\n" : view.Text());
            return 0;
        }).ConfigureAwait(false));
        return command;
    }

    /// <summary>The agent's IPsec view when an agent answers on <paramref name="socket"/>; null otherwise (it is optional).</summary>
    private static async Task<JsonObject?> AgentViewAsync(string socket, CancellationToken cancellationToken)
    {
        if (!File.Exists(socket))
            return null;
        try
        {
            using var client = new AgentClient(socket, TimeSpan.FromSeconds(3));
            var status = await client.StatusAsync(cancellationToken).ConfigureAwait(false);
            var ipsec = status.Model["ipsec"] as JsonObject;
            return new JsonObject
            {
                ["socket"] = socket,
                ["mode"] = status.Model["mode"]?.DeepClone(),
                ["health"] = status.Health,
                ["keys-in-use"] = ipsec?["keys-in-use"]?.DeepClone() ?? 0,
                ["max-seq-number"] = ipsec?["max-seq-number"]?.DeepClone() ?? "N/A",
                ["key-ids"] = ipsec?["key-ids"]?.DeepClone(),
                ["advertised-key-id"] = ipsec?["advertised-key-id"]?.DeepClone(),
                ["problems"] = new JsonArray([.. status.Problems.Select(p => (JsonNode)p)]),
            };
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or FormatException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Runs an action, turning refusals into one red message per problem and exit code 1. Messages never hold key bytes.</summary>
    private static async Task<int> RunAsync(IAnsiConsole console, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (KeyFileException e)
        {
            // The parser's line/field errors; it never quotes key material.
            Error(console, "the IPsec key is malformed, nothing was written:");
            foreach (var error in e.Errors)
                Error(console, $"  {error}");
            return 1;
        }
        catch (Exception e) when (e is KeyStoreException or KubernetesConfigException or KubernetesApiException or HttpRequestException or IOException or UnauthorizedAccessException)
        {
            Error(console, e.Message);
            return 1;
        }
    }

    private static void Error(IAnsiConsole console, string message) => console.MarkupLine($"[red]{Markup.Escape(message)}[/]");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
