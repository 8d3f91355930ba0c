using Encryption.WireGuard.Desired;
using Encryption.WireGuard.Model;
using Encryption.WireGuard.Uapi;

namespace Encryption.WireGuard.Status;

/// <summary>Builds a <see cref="WireGuardStatusReport"/> from one device read and the last desired state. Pure.</summary>
public static class StatusBuilder
{
    /// <summary>WireGuard rekeys every 2 minutes while traffic flows; a handshake older than this means a silent peer.</summary>
    public static readonly TimeSpan StaleHandshake = TimeSpan.FromMinutes(3);

    public static WireGuardStatusReport Build(
        WireGuardDevice? device, string? deviceError, WireGuardDesiredState? desired, WireGuardOptions options, DateTimeOffset now, AgentCounters counters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        var nodes = desired?.Peers.ToDictionary(p => p.PublicKey, p => p.NodeName) ?? [];
        var problems = new List<string>();
        if (desired is not null)
        {
            problems.AddRange(desired.Rejections.Where(r => r.IsError).Select(r => $"node {r.NodeName}: {r.Reason}"));
            problems.AddRange(desired.Conflicts);
        }

        if (counters.LastError is { } lastError)
            problems.Add("last reconcile failed: " + lastError);

        var interfaces = device is null
            ? []
            : new[]
            {
                new InterfaceStatus
                {
                    Name = device.Name,
                    ListenPort = device.ListenPort,
                    PublicKey = device.PublicKey,
                    PeerCount = device.Peers.Length,
                    Peers =
                    [
                        .. device.Peers.OrderBy(p => nodes.GetValueOrDefault(p.PublicKey) ?? "~" + p.PublicKey, StringComparer.Ordinal).Select(p => new PeerStatus
                        {
                            PublicKey = p.PublicKey,
                            NodeName = nodes.GetValueOrDefault(p.PublicKey),
                            Endpoint = p.Endpoint is { } e ? UapiRequestWriter.FormatEndpoint(e) : null,
                            LastHandshake = p.LastHandshake,
                            AllowedIPs = [.. p.AllowedIPs.Select(a => a.ToString())],
                            TransferRx = p.ReceiveBytes,
                            TransferTx = p.TransmitBytes,
                        }),
                    ],
                },
            };

        return new WireGuardStatusReport
        {
            NodeEncryption = desired?.NodeEncryption ?? (options.NodeEncryption ? NodeEncryptionState.Enabled : NodeEncryptionState.Disabled),
            NodeEncryptOptOutLabels = options.NodeEncryptionOptOutLabels,
            Interfaces = [.. interfaces],
            Message = deviceError,
            Rejections = desired?.Rejections ?? [],
            Problems = [.. problems],
            Metrics = new WireGuardMetrics
            {
                Peers = device?.Peers.Length ?? 0,
                PeersOutOfSync = device is null || desired is null ? 0 : OutOfSync(device, desired),
                RejectedPeers = desired?.Rejections.Count(r => r.IsError) ?? 0,
                PeersWithStaleHandshake = device?.Peers.Count(p => p.LastHandshake is not { } t || now - t > StaleHandshake) ?? 0,
                ReceiveBytes = device?.Peers.Sum(p => p.ReceiveBytes) ?? 0,
                TransmitBytes = device?.Peers.Sum(p => p.TransmitBytes) ?? 0,
                KeyRotations = counters.KeyRotations,
                ReconcileErrors = counters.ReconcileErrors,
                DeviceOperations = counters.DeviceOperations,
            },
        };
    }

    private static int OutOfSync(WireGuardDevice device, WireGuardDesiredState desired)
    {
        var observed = device.Peers.ToDictionary(p => p.PublicKey);
        return desired.Peers.Count(p => !observed.TryGetValue(p.PublicKey, out var o) || p.AllowedIPs.Except(o.AllowedIPs).Any());
    }
}

/// <summary>What the backend itself counted.</summary>
public sealed record AgentCounters(long KeyRotations, long ReconcileErrors, long DeviceOperations, string? LastError);
