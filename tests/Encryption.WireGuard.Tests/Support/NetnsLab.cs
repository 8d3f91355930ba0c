using Encryption.Core.Cluster;
using System.Collections.Immutable;
using System.Net;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>
/// A lab in network namespaces (architecture.md §5), created fresh per test and removed on dispose, even after a failure:
/// an underlay namespace with a bridge; node N in its own namespace with eth0 = 192.168.100.N/24 and fd00:100::N/64 on
/// the bridge; one pod per node in its own namespace with 10.N.0.2/24 behind the node (10.N.0.1). Nodes also get plain
/// underlay routes to every other pod CIDR, so a pod packet that is not diverted into WireGuard leaves in plaintext (and
/// the capture would show it). Nothing is created in the root namespace.
/// </summary>
internal sealed class NetnsLab : IDisposable
{
    private readonly List<string> namespaces = [];
    private readonly string id = Guid.NewGuid().ToString("N")[..6];

    public NetnsLab(int nodeCount)
    {
        Processes.RequireRoot();
        foreach (var tool in new[] { "ip", "wireguard-go", "wg", "tcpdump", "nft" })
            Processes.Require(tool);
        Directory = Path.Combine(Path.GetTempPath(), "wglab-" + id);
        System.IO.Directory.CreateDirectory(Directory);
        try
        {
            Underlay = Add($"wgu-{id}");
            Ip(Underlay, "link", "add", "br0", "type", "bridge");
            Ip(Underlay, "link", "set", "br0", "up");
            for (var n = 1; n <= nodeCount; n++)
                AddNode(n);
            for (var n = 1; n <= nodeCount; n++)
            {
                for (var m = 1; m <= nodeCount; m++)
                {
                    if (m != n)
                        Ip(NodeNamespace(n), "route", "add", $"10.{m}.0.0/24", "via", $"192.168.100.{m}");
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Underlay { get; }

    /// <summary>Scratch directory (state dirs, UAPI socket dirs), removed on dispose.</summary>
    public string Directory { get; }

    public string NodeNamespace(int n) => $"wgn{n}-{id}";

    public string PodNamespace(int n) => $"wgp{n}-{id}";

    public static string PodIp(int n) => $"10.{n}.0.2";

    /// <summary>The node as the cluster store would describe it (no key yet: the backend decorates it).</summary>
    public static Node Node(int n, params string[] extraPodIps) => new()
    {
        Name = $"node-{n}",
        IPv4 = IPAddress.Parse($"192.168.100.{n}"),
        IPv6 = IPAddress.Parse($"fd00:100::{n}"),
        PodCidrs = [IPNetwork.Parse($"10.{n}.0.0/24")],
        PodIps = [IPAddress.Parse(PodIp(n)), .. extraPodIps.Select(IPAddress.Parse)],
        Labels = ImmutableDictionary<string, string>.Empty,
    };

    /// <summary>Runs a command inside a namespace; throws on failure.</summary>
    public static string Exec(string ns, params string[] command) => Processes.Run(["ip", "netns", "exec", ns, .. command]);

    public static (int Code, string Output) TryExec(string ns, params string[] command)
    {
        var (code, stdout, stderr) = Processes.TryRun(null, null, ["ip", "netns", "exec", ns, .. command]);
        return (code, stdout + stderr);
    }

    /// <summary>Same as: <c>ping -c COUNT -W 2 DEST</c> from pod <paramref name="from"/>; true when every reply came back.</summary>
    public bool Ping(int from, string destination, int count = 2) =>
        TryExec(PodNamespace(from), "ping", "-n", "-q", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", "-W", "2", destination).Code == 0;

    public void Dispose()
    {
        foreach (var ns in Enumerable.Reverse(namespaces))
            Processes.TryRun(null, null, "ip", "netns", "delete", ns);
        namespaces.Clear();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void AddNode(int n)
    {
        var node = Add(NodeNamespace(n));
        var pod = Add(PodNamespace(n));
        Ip(Underlay, "link", "add", $"vn{n}", "type", "veth", "peer", "name", "eth0", "netns", node);
        Ip(Underlay, "link", "set", $"vn{n}", "master", "br0", "up");
        Ip(node, "addr", "add", $"192.168.100.{n}/24", "dev", "eth0");
        Ip(node, "addr", "add", $"fd00:100::{n}/64", "dev", "eth0", "nodad");
        Ip(node, "link", "set", "eth0", "up");
        Ip(node, "link", "set", "lo", "up");
        Exec(node, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        Ip(node, "link", "add", "lxc0", "type", "veth", "peer", "name", "eth0", "netns", pod);
        Ip(node, "addr", "add", $"10.{n}.0.1/24", "dev", "lxc0");
        Ip(node, "link", "set", "lxc0", "up");
        Ip(pod, "addr", "add", $"10.{n}.0.2/24", "dev", "eth0");
        Ip(pod, "link", "set", "eth0", "up");
        Ip(pod, "link", "set", "lo", "up");
        Ip(pod, "route", "add", "default", "via", $"10.{n}.0.1");
    }

    private string Add(string name)
    {
        Processes.Run("ip", "netns", "add", name);
        namespaces.Add(name);
        return name;
    }

    private static void Ip(string ns, params string[] arguments) => Processes.Run(["ip", "-n", ns, .. arguments]);
}
