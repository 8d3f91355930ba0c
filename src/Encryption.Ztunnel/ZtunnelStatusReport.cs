using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Encryption.Core.Backends;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Xds;
using Encryption.Ztunnel.Zds;

namespace Encryption.Ztunnel;

/// <summary>Everything status reports, gathered by the backend.</summary>
public sealed record ZtunnelStatusInput
{
    public required ZtunnelOptions Options { get; init; }

    public string? StartFailure { get; init; }

    public IReadOnlyList<string> SecretWarnings { get; init; } = [];

    public IReadOnlyList<IPEndPoint> GrpcEndpoints { get; init; } = [];

    public EnrollmentPlan Plan { get; init; } = EnrollmentPlan.Empty;

    public int HandedOver { get; init; }

    public ImmutableDictionary<string, string> RuleFailures { get; init; } = ImmutableDictionary<string, string>.Empty;

    public IReadOnlyList<ZdsConnectionInfo> ZdsConnections { get; init; } = [];

    public IReadOnlyList<XdsStreamInfo> XdsStreams { get; init; } = [];

    public long CertificatesIssued { get; init; }

    public long CertificatesRefused { get; init; }

    public string? ZtunnelBinary { get; init; }
}

/// <summary>
/// <c>encrypt status</c> for ztunnel: the <c>Encryption: Ztunnel</c> header, then the control plane's
/// facts, and a plain statement of whether the encrypted data path is exercised at all.
/// </summary>
public static class ZtunnelStatusReport
{
    public static BackendStatus Build(ZtunnelStatusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        if (input.StartFailure is not null)
            problems.Add(input.StartFailure);
        problems.AddRange(input.SecretWarnings);
        problems.AddRange(input.RuleFailures.Select(kv => $"pod {kv.Key}: {kv.Value}"));
        var zdsReady = input.ZdsConnections.Any(c => c.SnapshotAckedAt is not null);
        var xdsReady = input.XdsStreams.Any(s => s.Ready);
        var dataPath = DataPathStatement(input, zdsReady, xdsReady);
        if (!zdsReady || !xdsReady)
            problems.Add(dataPath);
        foreach (var stream in input.XdsStreams.Where(s => s.NodeName is not null && s.NodeName != input.Plan.LocalNodeIdentity && input.Plan.LocalNodeIdentity.Length > 0))
            problems.Add($"ztunnel NODE_NAME {stream.NodeName} differs from this node's workload node {input.Plan.LocalNodeIdentity}");

        var health = input.StartFailure is not null ? HealthState.Failed
            : problems.Count > 0 ? HealthState.Degraded
            : HealthState.Ok;
        return new BackendStatus(EncryptionType.Ztunnel, health, Text(input, problems, dataPath), Json(input, problems, dataPath, zdsReady, xdsReady))
        {
            Problems = problems,
        };
    }

    private static string DataPathStatement(ZtunnelStatusInput input, bool zdsReady, bool xdsReady)
    {
        if (zdsReady && xdsReady)
            return "ztunnel connected (ZDS snapshot and xDS acknowledged); pod traffic of enrolled namespaces goes through it";
        var binary = input.ZtunnelBinary is null ? "no ztunnel binary on PATH" : $"ztunnel binary {input.ZtunnelBinary} found";
        return $"NOT exercised: no ztunnel is connected ({binary}); enrolled pods' TCP is redirected to ports with no listener and is NOT encrypted";
    }

    private static string Text(ZtunnelStatusInput input, List<string> problems, string dataPath)
    {
        var s = new StringBuilder();
        if (problems.Count > 0)
            s.AppendLine(CultureInfo.InvariantCulture, $"Msg: {string.Join("; ", problems)}");
        s.AppendLine("Encryption: Ztunnel");
        s.AppendLine(CultureInfo.InvariantCulture, $"xDS/CA listener: {(input.GrpcEndpoints.Count == 0 ? "not listening" : string.Join(", ", input.GrpcEndpoints))} (TLS, h2)");
        s.AppendLine(CultureInfo.InvariantCulture, $"ZDS socket: {input.Options.Zds.SocketPath}");
        s.AppendLine(CultureInfo.InvariantCulture, $"Enrolled namespaces: {input.Plan.Namespaces.Length}{List(input.Plan.Namespaces)}");
        s.AppendLine(CultureInfo.InvariantCulture, $"Mesh workloads (xDS): {input.Plan.Mesh.Length}");
        // A pod counts once its in-pod rules are in; ztunnel only holds it after a ZDS snapshot was acknowledged.
        var holder = input.ZdsConnections.Any(c => c.SnapshotAckedAt is not null) ? "handed to ztunnel" : "queued for ztunnel (none connected)";
        s.AppendLine(CultureInfo.InvariantCulture, $"Local pods with in-pod rules: {input.HandedOver}/{input.Plan.Local.Length}, {holder}");
        foreach (var skipped in input.Plan.Skipped)
            s.AppendLine(CultureInfo.InvariantCulture, $"\tskipped {skipped.Namespace}/{skipped.Name}: {skipped.Reason}");
        s.AppendLine(CultureInfo.InvariantCulture, $"ztunnel ZDS connections: {input.ZdsConnections.Count}");
        foreach (var c in input.ZdsConnections)
            s.AppendLine(CultureInfo.InvariantCulture, $"\t#{c.Id}: {(c.SnapshotAckedAt is null ? "snapshot in flight" : "snapshot acknowledged")}, {c.Workloads} workloads{(c.Newest ? ", newest" : "")}{(c.LastNack is null ? "" : ", last nack: " + c.LastNack)}");
        s.AppendLine(CultureInfo.InvariantCulture, $"ztunnel xDS streams: {input.XdsStreams.Count}");
        foreach (var x in input.XdsStreams)
            s.AppendLine(CultureInfo.InvariantCulture, $"\t{x.Peer}: node {x.NodeName ?? "?"}, {(x.Ready ? "ready" : "not ready")}, {x.ResponsesSent} responses, {x.Acks} ACKs, {x.Nacks} NACKs");
        s.AppendLine(CultureInfo.InvariantCulture, $"Certificates issued: {input.CertificatesIssued}, refused: {input.CertificatesRefused}");
        s.AppendLine(CultureInfo.InvariantCulture, $"Data path: {dataPath}");
        return s.ToString();
    }

    private static JsonObject Json(ZtunnelStatusInput input, List<string> problems, string dataPath, bool zdsReady, bool xdsReady) => new()
    {
        ["mode"] = "Ztunnel",
        ["msg"] = string.Join("; ", problems),
        ["ztunnel"] = new JsonObject
        {
            ["grpc-endpoints"] = new JsonArray([.. input.GrpcEndpoints.Select(e => JsonValue.Create(e.ToString()))]),
            ["zds-socket"] = input.Options.Zds.SocketPath,
            ["enrolled-namespaces"] = new JsonArray([.. input.Plan.Namespaces.Select(n => JsonValue.Create(n))]),
            ["mesh-workloads"] = input.Plan.Mesh.Length,
            ["local-workloads"] = input.Plan.Local.Length,
            ["handed-over"] = input.HandedOver,
            ["skipped"] = new JsonArray([.. input.Plan.Skipped.Select(p => new JsonObject { ["pod"] = $"{p.Namespace}/{p.Name}", ["reason"] = p.Reason.ToString() })]),
            ["zds-connections"] = input.ZdsConnections.Count,
            ["zds-snapshot-acknowledged"] = zdsReady,
            ["xds-streams"] = input.XdsStreams.Count,
            ["xds-ready"] = xdsReady,
            ["certificates-issued"] = input.CertificatesIssued,
            ["certificates-refused"] = input.CertificatesRefused,
            ["ztunnel-binary"] = input.ZtunnelBinary,
            ["data-path-exercised"] = zdsReady && xdsReady,
            ["data-path"] = dataPath,
        },
    };

    private static string List(ImmutableArray<string> names) => names.IsEmpty ? "" : $" ({string.Join(", ", names)})";
}
