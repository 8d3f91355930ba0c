using System.Collections.Immutable;
using System.Net;
using Encryption.Core.Cluster;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Grpc;
using Encryption.Ztunnel.Secrets;
using Encryption.Ztunnel.Zds;

namespace Encryption.Ztunnel.Tests.Support;

/// <summary>Records rule installs and removals without touching any namespace.</summary>
public sealed class RecordingRedirection : IInPodRedirection
{
    public List<string> Calls { get; } = [];

    public Task InstallAsync(string networkNamespacePath, CancellationToken cancellationToken)
    {
        lock (Calls)
            Calls.Add("install " + networkNamespacePath);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string networkNamespacePath, CancellationToken cancellationToken)
    {
        lock (Calls)
            Calls.Add("remove " + networkNamespacePath);
        return Task.CompletedTask;
    }
}

/// <summary>A started <see cref="ZtunnelBackend"/>: fresh secrets, TLS on 127.0.0.1:random, ZDS in a temp dir.</summary>
public sealed class BackendHarness : IAsyncDisposable
{
    public static readonly Node Local = new() { Name = "node-1", IPv4 = IPAddress.Parse("192.168.100.1") };
    public static readonly Node Remote = new() { Name = "node-2", IPv4 = IPAddress.Parse("192.168.100.2") };

    private BackendHarness(TempDirectory dir, ZtunnelBackend backend)
    {
        Directory = dir;
        Backend = backend;
    }

    public TempDirectory Directory { get; }

    public ZtunnelBackend Backend { get; }

    public string Target => $"127.0.0.1:{Backend.GrpcEndpoints[0].Port}";

    public Uri BaseUri => new($"https://127.0.0.1:{Backend.GrpcEndpoints[0].Port}");

    public string RootCa => Directory.File(ZtunnelSecretFiles.BootstrapCertificate);

    public string ZdsSocket => Directory.File("ztunnel.sock");

    public static async Task<BackendHarness> StartAsync(IInPodRedirection? redirection = null, string? procfs = null)
    {
        var dir = new TempDirectory();
        TestPki.WriteSecrets(dir.Path);
        var options = new ZtunnelOptions
        {
            SecretsDirectory = dir.Path,
            Grpc = new GrpcServerOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, 0)] },
            Zds = new ZdsServerOptions { SocketPath = dir.File("ztunnel.sock") },
            Procfs = procfs,
        };
        var backend = new ZtunnelBackend(options, TimeProvider.System, TestLogging.Factory(), redirection ?? new RecordingRedirection());
        await backend.StartAsync(CancellationToken.None);
        return new BackendHarness(dir, backend);
    }

    public static ClusterSnapshot Snapshot(IEnumerable<(string Name, bool Enrolled)> namespaces, params PodInfo[] pods) =>
        ClusterSnapshot.Of(Local, Remote) with
        {
            Namespaces = namespaces.ToImmutableSortedDictionary(
                n => n.Name,
                n => new NamespaceInfo(n.Name, n.Enrolled ? ImmutableDictionary<string, string>.Empty.Add(WellKnown.ZtunnelEnrollmentLabel, "true") : ImmutableDictionary<string, string>.Empty)),
            Pods = pods.ToImmutableSortedDictionary(p => $"{p.Namespace}/{p.Name}", p => p),
        };

    public static PodInfo Pod(string ns, string name, string node, string ip, string? netns = null) => new()
    {
        Namespace = ns,
        Name = name,
        Uid = "uid-" + name,
        ServiceAccount = name,
        NodeName = node,
        Ips = [IPAddress.Parse(ip)],
        NetworkNamespacePath = netns ?? (node == Local.Name ? "/run/netns/fake-" + name : null),
    };

    public async ValueTask DisposeAsync()
    {
        await Backend.DisposeAsync();
        Directory.Dispose();
    }
}
