using Encryption.Core.Cluster;
using Encryption.WireGuard.Device;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>One WireGuard backend per lab node, configured only through the library, plus the shared cluster view they publish to.</summary>
internal sealed class LabAgents : IAsyncDisposable
{
    private readonly NetnsLab lab;
    private readonly Dictionary<int, Node> published = [];
    private readonly List<WireGuardGoProcess> inherited = [];

    public LabAgents(NetnsLab lab, int nodeCount, Func<int, WireGuardOptions, WireGuardOptions>? configure = null)
    {
        this.lab = lab;
        for (var n = 1; n <= nodeCount; n++)
        {
            var options = new WireGuardOptions
            {
                NetworkNamespace = lab.NodeNamespace(n),
                DeviceMode = WireGuardDeviceMode.Userspace,
                UapiSocketDirectory = Path.Combine(lab.Directory, $"uapi-{n}"),
                StateDirectory = Path.Combine(lab.Directory, $"state-{n}"),
                LegacyStateDirectory = null,
            };
            Options[n] = configure?.Invoke(n, options) ?? options;
            Nodes[n] = NetnsLab.Node(n);
        }
    }

    public Dictionary<int, WireGuardOptions> Options { get; } = [];

    public Dictionary<int, WireGuardBackend> Backends { get; } = [];

    /// <summary>Every backend logs here.</summary>
    public RecordingLogger<WireGuardBackend> Logger { get; } = new();

    /// <summary>The node objects as the cluster store has them before decoration (tests edit these).</summary>
    public Dictionary<int, Node> Nodes { get; } = [];

    /// <summary>Nodes that take part (tests remove one to simulate node deletion).</summary>
    public HashSet<int> Members { get; } = [];

    public async Task StartAsync(params int[] nodes)
    {
        foreach (var n in nodes)
        {
            var backend = new WireGuardBackend(Options[n], Logger);
            await backend.StartAsync(CancellationToken.None);
            Backends[n] = backend;
            Members.Add(n);
        }
    }

    /// <summary>Every member publishes its decorated node, then every member applies the same view.</summary>
    public async Task ApplyAllAsync()
    {
        foreach (var n in Members)
            published[n] = Backends[n].DecorateLocalNode(Nodes[n]);
        foreach (var n in Members)
        {
            var snapshot = ClusterSnapshot.Of(published[n], Members.Where(m => m != n).Select(m => published[m]));
            await Backends[n].ApplyAsync(snapshot, CancellationToken.None);
        }
    }

    /// <summary>Closes a backend the way an agent restart does: device, peers, routes stay.</summary>
    public async Task RestartAsync(int n)
    {
        if (Backends[n].UserspaceProcess is { } process)
            inherited.Add(process);
        await Backends[n].DisposeAsync();
        Backends.Remove(n);
        var backend = new WireGuardBackend(Options[n], Logger);
        await backend.StartAsync(CancellationToken.None);
        Backends[n] = backend;
    }

    /// <summary>Stops node <paramref name="n"/>'s agent for good, as a switch to another backend does: device, peers, routes stay.</summary>
    public async Task StopAsync(int n)
    {
        if (Backends[n].UserspaceProcess is { } process)
            inherited.Add(process);
        await Backends[n].DisposeAsync();
        Backends.Remove(n);
        Members.Remove(n);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in Backends.Values)
        {
            try
            {
                await backend.RemoveAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or Netlink.NetlinkException)
            {
                // The namespaces go away with the lab anyway; the process is still stopped below.
            }

            backend.UserspaceProcess?.Dispose();
            await backend.DisposeAsync();
        }

        foreach (var process in inherited)
            process.Dispose();
        Backends.Clear();
        _ = lab;
    }
}
