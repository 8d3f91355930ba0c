using Encryption.Core.Backends;
using Netlink;

namespace Encryption.WireGuard.Device;

/// <summary>
/// Removes a WireGuard backend's device, routes, rules and strict-mode table once the agent runs another backend (a
/// wireguard-go device goes with its TUN link: the process exits when the link is deleted).
/// </summary>
public sealed class WireGuardLeftovers(WireGuardOptions options) : IBackendLeftovers
{
    public EncryptionType Type => EncryptionType.WireGuard;

    public Task<IReadOnlyList<string>> RemoveAsync(CancellationToken cancellationToken)
    {
        using var networkNamespace = options.NetworkNamespace is { } name ? NetworkNamespace.FromName(name) : null;
        using var rtnetlink = NetlinkClient.Open(NetlinkProtocol.Route, networkNamespace);
        return Task.FromResult(WireGuardHostState.Remove(rtnetlink, options, deleteDevice: true));
    }
}
