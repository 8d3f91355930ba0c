namespace Encryption.Core.Configuration;

/// <summary><c>encryption.ztunnel.*</c>. Pod-spec knobs (resources, tolerations, ...) shape the chart only and are not bound.</summary>
public sealed record ZtunnelOptions
{
    public ZtunnelImageOptions Image { get; init; } = new();

    /// <summary>Where ztunnel reaches the CA and xDS server (the agent).</summary>
    public Uri CaAddress { get; init; } = new("https://localhost:15012");

    public int HealthPort { get; init; } = 15021;

    public int TerminationGracePeriodSeconds { get; init; } = 30;

    public string PriorityClassName { get; init; } = "";

    /// <summary><c>secrets.bootstrapRootCert</c>: base64 of a public certificate (not key material).</summary>
    public string BootstrapRootCert { get; init; } = "";

    public string ZdsSocketPath { get; init; } = "/var/run/cilium/ztunnel.sock";

    /// <summary>Directory holding <c>bootstrap-private.key</c>, <c>bootstrap-root.crt</c>, <c>ca-private.key</c>, <c>ca-root.crt</c>.</summary>
    public string SecretsDirectory { get; init; } = "/etc/ztunnel";

    public string TrustDomain { get; init; } = "cluster.local";
}

/// <summary><c>encryption.ztunnel.image.*</c>.</summary>
public sealed record ZtunnelImageOptions
{
    public string Repository { get; init; } = "docker.io/istio/ztunnel";

    public string Tag { get; init; } = "1.28.0-distroless";

    public string PullPolicy { get; init; } = "IfNotPresent";

    public string Digest { get; init; } = "";

    public bool UseDigest { get; init; }

    public string Override { get; init; } = "";
}
