using Encryption.WireGuard.Keys;
using System.Collections.Immutable;

namespace Encryption.WireGuard.Model;

/// <summary>Which transport reached a device.</summary>
public enum WireGuardTransportKind
{
    /// <summary>The kernel module, over generic netlink (family <c>wireguard</c>).</summary>
    Kernel,

    /// <summary>A userspace implementation (wireguard-go) over its UAPI socket.</summary>
    Userspace,
}

/// <summary>
/// A WireGuard device as read back from the kernel or a UAPI socket. The same model for both transports.
/// <see cref="PrivateKey"/> prints as <c>(hidden)</c>.
/// </summary>
public sealed record WireGuardDevice
{
    public required string Name { get; init; }

    public WireGuardTransportKind Kind { get; init; }

    /// <summary>Interface index (kernel only; 0 when unknown).</summary>
    public int InterfaceIndex { get; init; }

    public PrivateKey? PrivateKey { get; init; }

    /// <summary>From the kernel, or derived from the private key (UAPI does not send it).</summary>
    public PublicKey? PublicKey { get; init; }

    /// <summary>0 when the device is not bound.</summary>
    public int ListenPort { get; init; }

    public uint FirewallMark { get; init; }

    public ImmutableArray<WireGuardPeer> Peers { get; init; } = [];
}
