using Encryption.Cli.Lab.Exec;

namespace Encryption.Cli.Lab;

/// <summary>
/// Builds the lab's network: the underlay bridge in its own namespace, one namespace per node with a veth onto the
/// bridge, pods behind their node, and native routes between nodes. Nothing is created in the root namespace:
/// every link is created by <c>ip -n NS</c> inside a lab namespace. <paramref name="created"/> is told about each
/// namespace as soon as it exists, so a failure mid-way can still be cleaned up.
/// </summary>
internal sealed class LabNetwork(LabTopology topology, Func<string, Task> created)
{
    private LabNames Names => topology.Names;

    /// <summary>Same as: <c>ip netns add UL; ip -n UL link add br0 type bridge; ip -n UL link set br0 up</c>.</summary>
    public async Task CreateUnderlayAsync(CancellationToken cancellationToken)
    {
        var ul = Names.Underlay;
        await AddNamespaceAsync(ul, cancellationToken).ConfigureAwait(false);

        // No IPv6 link-local chatter from the bridge and its ports: the capture should show only the nodes' traffic.
        await SysctlAsync(ul, cancellationToken, "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1").ConfigureAwait(false);
        await Ip.InAsync(ul, cancellationToken, "link", "add", LabNames.Bridge, "type", "bridge").ConfigureAwait(false);
        await Ip.InAsync(ul, cancellationToken, "link", "set", LabNames.Bridge, "up").ConfigureAwait(false);
    }

    /// <summary>A node namespace with <c>eth0</c> on the bridge, forwarding on, and its pods behind it.</summary>
    public async Task CreateNodeAsync(LabNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var ns = node.Namespace;
        var port = LabNames.BridgePort(node.Index);
        await AddNamespaceAsync(ns, cancellationToken).ConfigureAwait(false);
        await SysctlAsync(ns, cancellationToken, "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1").ConfigureAwait(false);

        // Same as: ip -n UL link add nN type veth peer name eth0 netns NODE
        await Ip.InAsync(Names.Underlay, cancellationToken, "link", "add", port, "type", "veth", "peer", "name", LabNames.Eth0, "netns", ns).ConfigureAwait(false);
        await Ip.InAsync(Names.Underlay, cancellationToken, "link", "set", port, "master", LabNames.Bridge, "up").ConfigureAwait(false);
        await Ip.InAsync(ns, cancellationToken, "addr", "add", $"{node.IPv4}/{LabTopology.UnderlayPrefixV4}", "dev", LabNames.Eth0).ConfigureAwait(false);
        await Ip.InAsync(ns, cancellationToken, "addr", "add", $"{node.IPv6}/{LabTopology.UnderlayPrefixV6}", "dev", LabNames.Eth0, "nodad").ConfigureAwait(false);
        await Ip.InAsync(ns, cancellationToken, "link", "set", LabNames.Eth0, "up").ConfigureAwait(false);

        foreach (var pod in node.Pods)
            await CreatePodAsync(node, pod, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Native routing: every node reaches each remote pod CIDR via that node's underlay address.</summary>
    public async Task RouteAsync(LabNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var remote in topology.Nodes.Where(n => n.Index != node.Index))
        {
            // Same as: ip -n NODE route add 10.M.0.0/24 via 192.168.100.M dev eth0
            await Ip.InAsync(node.Namespace, cancellationToken, "route", "add", remote.PodCidr.ToString(), "via", remote.IPv4.ToString(), "dev", LabNames.Eth0).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A pod namespace: <c>eth0</c> with a /32 from the node's pod CIDR, default route via the node's pod gateway;
    /// on the node, the gateway address on the pod's veth and a /32 route to the pod.
    /// </summary>
    private async Task CreatePodAsync(LabNode node, LabPod pod, CancellationToken cancellationToken)
    {
        var ns = pod.Namespace;
        var port = LabNames.PodPort(pod.Index);
        await AddNamespaceAsync(ns, cancellationToken).ConfigureAwait(false);
        await Ip.InAsync(node.Namespace, cancellationToken, "link", "add", port, "type", "veth", "peer", "name", LabNames.Eth0, "netns", ns).ConfigureAwait(false);
        await Ip.InAsync(node.Namespace, cancellationToken, "addr", "add", $"{node.PodGateway}/32", "dev", port).ConfigureAwait(false);
        await Ip.InAsync(node.Namespace, cancellationToken, "link", "set", port, "up").ConfigureAwait(false);
        await Ip.InAsync(node.Namespace, cancellationToken, "route", "add", $"{pod.IPv4}/32", "dev", port).ConfigureAwait(false);
        await Ip.InAsync(ns, cancellationToken, "addr", "add", $"{pod.IPv4}/32", "dev", LabNames.Eth0).ConfigureAwait(false);
        await Ip.InAsync(ns, cancellationToken, "link", "set", LabNames.Eth0, "up").ConfigureAwait(false);
        await Ip.InAsync(ns, cancellationToken, "route", "add", $"{node.PodGateway}/32", "dev", LabNames.Eth0, "scope", "link").ConfigureAwait(false);
        await Ip.InAsync(ns, cancellationToken, "route", "add", "default", "via", node.PodGateway.ToString(), "dev", LabNames.Eth0).ConfigureAwait(false);
    }

    /// <summary>Same as: <c>ip netns add NS; ip -n NS link set lo up</c>.</summary>
    private async Task AddNamespaceAsync(string ns, CancellationToken cancellationToken)
    {
        await Ip.RunAsync(cancellationToken, "netns", "add", ns).ConfigureAwait(false);
        await created(ns).ConfigureAwait(false);
        await Ip.InAsync(ns, cancellationToken, "link", "set", "lo", "up").ConfigureAwait(false);
    }

    /// <summary>Same as: <c>ip netns exec NS sysctl -qw KEY=VALUE ...</c>.</summary>
    private static async Task SysctlAsync(string ns, CancellationToken cancellationToken, params string[] settings)
    {
        (await Ip.ExecAsync(ns, cancellationToken, ["sysctl", "-qw", .. settings]).ConfigureAwait(false)).EnsureSuccess();
    }
}
