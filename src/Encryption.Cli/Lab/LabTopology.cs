using System.Collections.Immutable;
using System.Net;

namespace Encryption.Cli.Lab;

/// <summary>A pod: a network namespace behind its node, with one /32 address out of the node's pod CIDR.</summary>
internal sealed record LabPod(int Node, int Index, string Name, string Namespace, IPAddress IPv4);

/// <summary>
/// A node: a network namespace with <c>eth0</c> on the underlay bridge (192.168.100.N/24, fd00:100::N/64) and pod
/// CIDR 10.N.0.0/24, whose gateway 10.N.0.1 sits on every pod-facing veth.
/// </summary>
internal sealed record LabNode(int Index, string Name, string Namespace, IPAddress IPv4, IPAddress IPv6, IPNetwork PodCidr, IPAddress PodGateway, ImmutableArray<LabPod> Pods);

/// <summary>The lab's addressing plan: pure, from the node and pod counts.</summary>
internal sealed record LabTopology(LabNames Names, ImmutableArray<LabNode> Nodes)
{
    public const int MaxNodes = 200;
    public const int MaxPodsPerNode = 100;
    public const int UnderlayPrefixV4 = 24;
    public const int UnderlayPrefixV6 = 64;

    public static LabTopology Create(LabNames names, int nodes, int podsPerNode)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodes, MaxNodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(podsPerNode, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(podsPerNode, MaxPodsPerNode);
        var list = ImmutableArray.CreateBuilder<LabNode>(nodes);
        for (var n = 1; n <= nodes; n++)
        {
            var pods = ImmutableArray.CreateBuilder<LabPod>(podsPerNode);
            for (var p = 1; p <= podsPerNode; p++)
                pods.Add(new LabPod(n, p, $"node{n}-pod{p}", names.Pod(n, p), IPAddress.Parse($"10.{n}.0.{10 + p - 1}")));
            list.Add(new LabNode(
                n,
                $"node{n}",
                names.Node(n),
                IPAddress.Parse($"192.168.100.{n}"),
                IPAddress.Parse($"fd00:100::{n:x}"),
                IPNetwork.Parse($"10.{n}.0.0/24"),
                IPAddress.Parse($"10.{n}.0.1"),
                pods.MoveToImmutable()));
        }

        return new LabTopology(names, list.MoveToImmutable());
    }

    public IEnumerable<LabPod> Pods => Nodes.SelectMany(n => n.Pods);

    /// <summary>Every namespace of the lab, in teardown order: pods, nodes, then the underlay.</summary>
    public IEnumerable<string> Namespaces => Pods.Select(p => p.Namespace).Concat(Nodes.Select(n => n.Namespace)).Append(Names.Underlay);
}
