using Encryption.Core.Backends;
using Microsoft.Extensions.Configuration;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;

namespace Encryption.Agent.Options;

/// <summary>
/// Reads <see cref="AgentOptions"/> from command-line style keys (<c>--node-name n1 --ipv4 192.168.100.1 ...</c>).
/// Every problem is collected and names the flag and the bad value; unknown flags are errors, not silently ignored.
/// </summary>
internal static class AgentOptionsReader
{
    public const string NodeName = "node-name";
    public const string IPv4 = "ipv4";
    public const string IPv6 = "ipv6";
    public const string PodCidrs = "pod-cidrs";
    public const string PodIps = "pod-ips";
    public const string BootId = "boot-id";
    public const string BootIdFile = "boot-id-file";
    public const string Backend = "backend";
    public const string ClusterSource = "cluster-source";
    public const string StoreDirectory = "store-dir";
    public const string StatusSocket = "status-socket";
    public const string PrometheusServeAddress = "prometheus-serve-addr";
    public const string ResyncInterval = "resync-interval";

    private static readonly ImmutableHashSet<string> Known = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        NodeName, IPv4, IPv6, PodCidrs, PodIps, BootId, BootIdFile, Backend, ClusterSource, StoreDirectory,
        StatusSocket, PrometheusServeAddress, ResyncInterval);

    /// <summary>Parses <paramref name="args"/>; <paramref name="environmentNodeName"/> is the fallback for the node name (K8S_NODE_NAME).</summary>
    public static AgentOptions? Read(string[] args, string? environmentNodeName, out IReadOnlyList<string> errors)
    {
        var config = new ConfigurationBuilder().AddCommandLine(args).Build();
        return Read(config, environmentNodeName, out errors);
    }

    public static AgentOptions? Read(IConfiguration config, string? environmentNodeName, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        foreach (var child in config.GetChildren())
        {
            if (!Known.Contains(child.Key))
                problems.Add($"unknown option --{child.Key}");
        }

        var nodeName = config[NodeName] ?? environmentNodeName;
        if (string.IsNullOrWhiteSpace(nodeName))
            problems.Add($"--{NodeName} is required (or set K8S_NODE_NAME)");

        var ipv4 = ParseAddress(config, IPv4, System.Net.Sockets.AddressFamily.InterNetwork, problems);
        var ipv6 = ParseAddress(config, IPv6, System.Net.Sockets.AddressFamily.InterNetworkV6, problems);
        if (config[IPv4] is null && config[IPv6] is null)
            problems.Add($"--{IPv4} or --{IPv6} is required: the node's underlay address");

        var podCidrs = ParseList<IPNetwork>(config, PodCidrs, problems, IPNetwork.TryParse, "a CIDR");
        var podIps = ParseList(config, PodIps, problems, (string text, out IPAddress value) => IPAddress.TryParse(text, out value!), "an IP address");

        var backend = EncryptionType.None;
        if (config[Backend] is { } backendText)
        {
            if (!BackendNames.TryParse(backendText, out backend))
                problems.Add($"--{Backend} \"{backendText}\" is not one of: {string.Join(", ", BackendNames.All)}");
        }

        var source = ClusterSourceKind.File;
        if (config[ClusterSource] is { } sourceText && !Enum.TryParse(sourceText, ignoreCase: true, out source))
            problems.Add($"--{ClusterSource} \"{sourceText}\" is not one of: file, kubernetes");

        IPEndPoint? prometheus = null;
        if (config[PrometheusServeAddress] is { Length: > 0 } serve)
        {
            prometheus = ParseServeAddress(serve);
            if (prometheus is null)
                problems.Add($"--{PrometheusServeAddress} \"{serve}\" is not IP:PORT or :PORT");
        }

        var resync = TimeSpan.FromSeconds(30);
        if (config[ResyncInterval] is { } resyncText)
        {
            if (!TimeSpan.TryParse(resyncText, CultureInfo.InvariantCulture, out resync) || resync <= TimeSpan.Zero)
                problems.Add($"--{ResyncInterval} \"{resyncText}\" is not a positive duration (hh:mm:ss)");
        }

        var bootId = config[BootId];
        if (bootId is not null && !Guid.TryParse(bootId, out _))
            problems.Add($"--{BootId} \"{bootId}\" is not a UUID");

        errors = problems;
        if (problems.Count > 0)
            return null;

        return new AgentOptions
        {
            NodeName = nodeName!,
            IPv4 = ipv4,
            IPv6 = ipv6,
            PodCidrs = podCidrs,
            PodIps = podIps,
            BootId = bootId,
            BootIdFile = config[BootIdFile] ?? AgentOptions.DefaultBootIdFile,
            Backend = backend,
            ClusterSource = source,
            StoreDirectory = config[StoreDirectory] ?? AgentOptions.DefaultStoreDirectory,
            StatusSocket = config[StatusSocket] ?? AgentOptions.DefaultStatusSocket,
            PrometheusEndpoint = prometheus,
            ResyncInterval = resync,
        };
    }

    private static IPAddress? ParseAddress(IConfiguration config, string key, System.Net.Sockets.AddressFamily family, List<string> problems)
    {
        if (config[key] is not { } text)
            return null;
        if (IPAddress.TryParse(text, out var address) && address.AddressFamily == family)
            return address;
        problems.Add($"--{key} \"{text}\" is not an {(family == System.Net.Sockets.AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address");
        return null;
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static ImmutableArray<T> ParseList<T>(IConfiguration config, string key, List<string> problems, TryParse<T> parse, string what)
    {
        if (config[key] is not { } text)
            return [];
        var items = ImmutableArray.CreateBuilder<T>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (parse(part, out var value))
                items.Add(value);
            else
                problems.Add($"--{key}: \"{part}\" is not {what}");
        }

        return items.ToImmutable();
    }

    /// <summary>Cilium's form: <c>:9962</c> (all addresses) or <c>IP:PORT</c>.</summary>
    private static IPEndPoint? ParseServeAddress(string text)
    {
        if (text.StartsWith(':') && ushort.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0)
            return new IPEndPoint(IPAddress.IPv6Any, port);
        return IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0 ? endpoint : null;
    }
}
