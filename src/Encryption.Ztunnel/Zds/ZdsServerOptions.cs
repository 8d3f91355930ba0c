namespace Encryption.Ztunnel.Zds;

public sealed record ZdsServerOptions
{
    /// <summary>Cilium's constant; ztunnel mounts the directory at /var/run/ztunnel (INPOD_UDS).</summary>
    public string SocketPath { get; init; } = "/var/run/cilium/ztunnel.sock";

    /// <summary>How long to wait for the hello and for each ack (Istio: 5 s read/write deadline).</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
