using Encryption.Core.Cluster;
using Encryption.WireGuard.Desired;
using System.Net;

namespace Encryption.WireGuard;

/// <summary>How the device is reached (and created).</summary>
public enum WireGuardDeviceMode
{
    /// <summary>As wgctrl-go decides: a UAPI socket for the device means userspace, otherwise the kernel.</summary>
    Auto,

    /// <summary>The kernel module over generic netlink; the link is created with rtnetlink.</summary>
    Kernel,

    /// <summary>wireguard-go (or another UAPI implementation) through its socket.</summary>
    Userspace,
}

/// <summary>What goes into each peer's allowed IPs besides the node's own addresses.</summary>
public enum AllowedIpsMode
{
    /// <summary>Cilium's native-routing rule: every remote pod IP as a /32 or /128.</summary>
    PodIps,

    /// <summary>The node's pod CIDRs: fewer entries, no churn when pods come and go.</summary>
    PodCidrs,

    /// <summary>Cilium's tunnel-mode rule: only the node IPs (pod traffic is already encapsulated between them).</summary>
    NodeIpsOnly,
}

/// <summary>Strict egress mode: plaintext pod-CIDR traffic leaving the node outside the WireGuard device is dropped.</summary>
public sealed record StrictEgressOptions
{
    public bool Enabled { get; init; }

    /// <summary><c>encryption.strictMode.egress.cidr</c>; IPv6 CIDRs are enforced too (Cilium: IPv4 only).</summary>
    public IReadOnlyList<IPNetwork> Cidrs { get; init; } = [];

    /// <summary><c>encryption.strictMode.egress.allowRemoteNodeIdentities</c>: traffic to other nodes' IPs is let through.</summary>
    public bool AllowRemoteNodeIdentities { get; init; }
}

/// <summary>
/// The WireGuard backend's settings: an immutable, validated snapshot. Names follow the Helm values and agent flags
/// (<c>encryption.wireguard.persistentKeepalive</c>, <c>encryption.nodeEncryption</c>,
/// <c>node-encryption-opt-out-labels</c>, <c>encryption.strictMode.egress.*</c>). Defined here until
/// Encryption.Core's options land; the mapping from Helm values is one-to-one.
/// </summary>
public sealed record WireGuardOptions
{
    public string InterfaceName { get; init; } = WellKnown.WireGuardInterface;

    /// <summary>Fixed in Cilium (51871) and assumed on every peer.</summary>
    public int ListenPort { get; init; } = WellKnown.WireGuardPort;

    /// <summary><c>MagicMarkWireGuardEncrypted</c>: the mark on the device's own UDP packets.</summary>
    public uint FirewallMark { get; init; } = 0x1E00;

    /// <summary><c>encryption.wireguard.persistentKeepalive</c>; whole seconds, zero = off.</summary>
    public TimeSpan PersistentKeepalive { get; init; } = TimeSpan.Zero;

    /// <summary>Where <c>cilium_wg0.key</c> lives. Persistent by default, so a reboot keeps the node's key.</summary>
    public string StateDirectory { get; init; } = "/var/lib/encryption-agent/wireguard";

    /// <summary>Cilium's tmpfs location; a key found only there is adopted.</summary>
    public string? LegacyStateDirectory { get; init; } = "/var/run/cilium/state";

    public WireGuardDeviceMode DeviceMode { get; init; } = WireGuardDeviceMode.Auto;

    public string UapiSocketDirectory { get; init; } = Uapi.UapiClient.DefaultSocketDirectory;

    /// <summary>In userspace mode, start wireguard-go when the device's socket is missing.</summary>
    public bool StartUserspaceDevice { get; init; } = true;

    public string WireGuardGoPath { get; init; } = "wireguard-go";

    /// <summary>
    /// Network namespace (name under /run/netns) holding the device, routes and nftables table, when the agent drives a
    /// node from outside it (the lab). Null: the agent's own namespace.
    /// </summary>
    public string? NetworkNamespace { get; init; }

    /// <summary><c>encryption.nodeEncryption</c>: node-to-node traffic goes through the device too.</summary>
    public bool NodeEncryption { get; init; }

    /// <summary><c>node-encryption-opt-out-labels</c>: a Kubernetes label selector; empty opts nobody out.</summary>
    public string NodeEncryptionOptOutLabels { get; init; } = WellKnown.ControlPlaneLabel;

    public AllowedIpsMode AllowedIps { get; init; } = AllowedIpsMode.PodIps;

    public bool EnableIPv4 { get; init; } = true;

    public bool EnableIPv6 { get; init; } = true;

    /// <summary>Explicit device MTU; null: <see cref="UnderlayMtu"/> − <see cref="MtuOverhead"/>.</summary>
    public int? Mtu { get; init; }

    public int UnderlayMtu { get; init; } = 1500;

    /// <summary>95 since cilium/cilium#45940 (80 before: 1504-byte frames with WireGuard's padding).</summary>
    public int MtuOverhead { get; init; } = 95;

    /// <summary>Install routes to remote pod CIDRs (and node IPs with node encryption) through the device.</summary>
    public bool ManageRoutes { get; init; } = true;

    /// <summary>Table for those routes, selected by a rule for packets without <see cref="FirewallMark"/> (Cilium's old 201).</summary>
    public int RouteTable { get; init; } = 201;

    public int RulePriority { get; init; } = 1;

    public StrictEgressOptions StrictEgress { get; init; } = new();

    /// <summary>
    /// <c>encryption.strictMode.ingress.enabled</c>: traffic from other nodes' pod CIDRs to local pods is dropped unless
    /// it came out of the WireGuard device.
    /// </summary>
    public bool StrictIngress { get; init; }

    /// <summary>The device MTU this configuration asks for (clamped to 1280 when IPv6 is on, cilium/cilium#45425).</summary>
    public int DeviceMtu
    {
        get
        {
            var mtu = Mtu ?? (UnderlayMtu - MtuOverhead);
            return EnableIPv6 ? Math.Max(mtu, 1280) : mtu;
        }
    }

    /// <summary>Every problem, each naming the offending value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(InterfaceName) || InterfaceName.Length > 15 || InterfaceName.Contains('/', StringComparison.Ordinal))
            errors.Add($"interface name \"{InterfaceName}\" must be 1-15 characters without '/'");
        if (ListenPort is < 1 or > 65535)
            errors.Add($"listen port {ListenPort} must be 1-65535");
        if (PersistentKeepalive < TimeSpan.Zero || PersistentKeepalive > TimeSpan.FromSeconds(65535))
            errors.Add($"encryption.wireguard.persistentKeepalive {PersistentKeepalive} must be 0s-65535s");
        if (string.IsNullOrEmpty(StateDirectory))
            errors.Add("state directory must be set");
        if (!EnableIPv4 && !EnableIPv6)
            errors.Add("at least one of IPv4 and IPv6 must be enabled");
        if (DeviceMtu is < 576 or > 65535)
            errors.Add($"device MTU {DeviceMtu} (underlay {UnderlayMtu} - overhead {MtuOverhead}) is out of range");
        if (RouteTable is <= 0 or 253 or 254 or 255 || RouteTable > int.MaxValue)
            errors.Add($"route table {RouteTable} must be a dedicated table (not local/main/default)");
        if (RulePriority is < 1 or >= 32766)
            errors.Add($"rule priority {RulePriority} must be 1-32765 (before the main table)");
        if (!LabelSelector.TryParse(NodeEncryptionOptOutLabels, out _, out var selectorError))
            errors.Add($"node-encryption-opt-out-labels \"{NodeEncryptionOptOutLabels}\": {selectorError}");
        if (StrictEgress.Enabled && StrictEgress.Cidrs.Count == 0)
            errors.Add("encryption.strictMode.egress.cidr must be set when strict egress mode is enabled");
        return errors;
    }

    public WireGuardOptions Validated()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new ArgumentException("invalid WireGuard options: " + string.Join("; ", errors));
    }
}
