using System.Text;
using System.Text.Json.Nodes;
using Encryption.Core.IO;
using Encryption.IPsec.Keys;

namespace Encryption.Cli.Keys;

/// <summary>One key line as <c>keys status</c> shows it.</summary>
internal sealed record KeyLineStatus(IPsecKey Key, bool PerTunnelFlag, bool InForce);

/// <summary>
/// <c>encrypt keys status</c>: the keys of a store (ID, algorithm, key length, ICV, the <c>+</c> flag), a warning when the
/// file is not 0600, and optionally the agent's view. Key bytes appear only when <see cref="ShowKeys"/> is set.
/// </summary>
internal sealed record KeyStatusView(string Source, IReadOnlyList<KeyLineStatus> Keys, UnixFileMode? Mode, bool ShowKeys)
{
    public const UnixFileMode PermissionBits = (UnixFileMode)0x1FF; // 0777

    /// <summary>The agent's view, when an agent answered: mode, keys in use, max sequence number, problems.</summary>
    public JsonObject? Agent { get; init; }

    /// <summary>Parses the store's text; throws <see cref="KeyFileException"/> with the parser's line/field errors.</summary>
    public static KeyStatusView From(string source, StoredKeys stored, bool showKeys)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var keys = KeyFileParser.Parse(stored.Text, source);
        var lines = stored.Text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var status = keys.Select((key, i) => new KeyLineStatus(key, lines[i].Split(' ')[0].EndsWith('+'), i == keys.Count - 1)).ToList();
        return new KeyStatusView(source, status, stored.Mode, showKeys);
    }

    public IReadOnlyList<string> Warnings => Mode is { } mode && (mode & PermissionBits) != AtomicFile.Private
        ? [$"{Source} has mode {Octal(mode)}, expected 0600: it holds key material (chmod 600)"]
        : [];

    public string Text()
    {
        var text = new StringBuilder();
        Line(text, $"Source: {Source}{(Mode is { } m ? $" (mode {Octal(m)})" : "")}");
        foreach (var line in Keys)
        {
            var key = line.Key;
            Line(text, "");
            Line(text, $"Key ID: {key.Spi}{(line.InForce ? " (in force)" : " (previous)")}");
            Line(text, $"Algorithm: {KeyAlgorithmNames.Of(key)}");
            Line(text, $"Key length: {KeyAlgorithmNames.KeyBits(key)} bits");
            Line(text, $"ICV: {(KeyAlgorithmNames.IcvBits(key) is { } icv ? $"{icv} bits" : "kernel default")}");
            Line(text, $"Per-tunnel flag (+): {(line.PerTunnelFlag ? "yes" : "no (per-tunnel keys are derived anyway)")}");
            if (ShowKeys)
            {
                foreach (var (label, hex) in Reveal(key))
                    Line(text, $"{label}: {hex}");
            }
        }

        foreach (var warning in Warnings)
        {
            Line(text, "");
            Line(text, $"Warning: {warning}");
        }

        if (Agent is { } agent)
        {
            Line(text, "");
            Line(text, $"Agent: {agent["mode"]}, keys in use: {agent["keys-in-use"]}, max seq. number: {agent["max-seq-number"]}, health: {agent["health"]}");
            if (agent["key-ids"] is JsonArray ids)
                Line(text, $"Agent key IDs: {string.Join(", ", ids)} (advertised: {agent["advertised-key-id"]})");
            if (agent["problems"] is JsonArray problems)
            {
                foreach (var problem in problems)
                    Line(text, $"\t{problem}");
            }
        }

        return text.ToString();
    }

    public JsonObject Json()
    {
        var keys = new JsonArray();
        foreach (var line in Keys)
        {
            var key = line.Key;
            var entry = new JsonObject
            {
                ["id"] = key.Spi,
                ["in-force"] = line.InForce,
                ["algorithm"] = KeyAlgorithmNames.Of(key),
                ["key-bits"] = KeyAlgorithmNames.KeyBits(key),
                ["icv-bits"] = KeyAlgorithmNames.IcvBits(key),
                ["per-tunnel-flag"] = line.PerTunnelFlag,
            };
            if (ShowKeys)
            {
                foreach (var (label, hex) in Reveal(key))
                    entry[label.ToLowerInvariant().Replace(' ', '-')] = hex;
            }

            keys.Add(entry);
        }

        var json = new JsonObject { ["source"] = Source };
        if (Mode is { } mode)
            json["mode"] = Octal(mode);
        json["keys"] = keys;
        json["warnings"] = new JsonArray([.. Warnings.Select(w => (JsonNode)w)]);
        if (Agent is not null)
            json["agent"] = Agent.DeepClone();
        return json;
    }

    private static IEnumerable<(string Label, string Hex)> Reveal(IPsecKey key) => key.Algorithm switch
    {
        IPsecAlgorithm.Aead a => [("Key", a.Key.RevealHex())],
        IPsecAlgorithm.AuthEnc s => [("Auth key", s.AuthKey.RevealHex()), ("Enc key", s.EncKey.RevealHex())],
        _ => [],
    };

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)(mode & PermissionBits), 8).PadLeft(4, '0');

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
