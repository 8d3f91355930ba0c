using Encryption.Cli.Lab;

namespace Encryption.Lab.Tests.Unit;

/// <summary>What the lab gives each backend: shared key material, per-node paths.</summary>
public sealed class LabBackendSetupTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("lab-backend-").FullName;

    [Fact]
    public async Task IPsecGetsOneKeyFileReadableOnlyByRootWithAPerTunnelCiliumKeyLine()
    {
        var paths = new LabPaths(root, "t");

        await LabBackendSetup.PrepareAsync("ipsec", paths, TimeProvider.System, CancellationToken.None);

        var file = LabBackendSetup.IPsecKeyFile(paths);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Matches(@"^1\+ rfc4106\(gcm\(aes\)\) [0-9a-f]{40} 128\n$", await File.ReadAllTextAsync(file));
        Assert.Equal(["--ipsec-key-file", file], LabBackendSetup.AgentArguments("ipsec", Node(paths), paths));
    }

    [Fact]
    public void WireGuardNodesKeepTheirKeysAndSocketsApart()
    {
        var paths = new LabPaths(root, "t");
        var topology = LabTopology.Create(new LabNames("t"), 2, 1);

        var one = LabBackendSetup.AgentArguments("wireguard", topology.Nodes[0], paths);
        var two = LabBackendSetup.AgentArguments("wireguard", topology.Nodes[1], paths);

        Assert.Contains("--enable-wireguard-userspace-fallback=true", one);
        Assert.Empty(one.Where(a => a.StartsWith('/')).Intersect(two.Where(a => a.StartsWith('/'))));
    }

    [Fact]
    public async Task ZtunnelGetsTheSecretsOnceForTheLabAndAZdsSocketPerNode()
    {
        var paths = new LabPaths(root, "t");
        var topology = LabTopology.Create(new LabNames("t"), 2, 1);

        await LabBackendSetup.PrepareAsync("ztunnel", paths, TimeProvider.System, CancellationToken.None);

        var one = LabBackendSetup.AgentArguments("ztunnel", topology.Nodes[0], paths);
        var two = LabBackendSetup.AgentArguments("ztunnel", topology.Nodes[1], paths);
        var secrets = Path.Combine(paths.Directory, "ztunnel-secrets");
        Assert.Equal(["--ztunnel-secrets-dir", secrets, "--ztunnel-zds-unix-addr", Path.Combine(paths.NodeDirectory("node1"), "ztunnel-zds.sock")], one);
        Assert.Equal(secrets, two[1]);
        Assert.NotEqual(one[3], two[3]);
        Assert.Equal(4, Directory.GetFiles(secrets).Length);
    }

    [Fact]
    public void BackendNoneNeedsNoFlags()
    {
        var paths = new LabPaths(root, "t");

        Assert.Empty(LabBackendSetup.AgentArguments("none", Node(paths), paths));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static LabNode Node(LabPaths paths) => LabTopology.Create(new LabNames(paths.Lab), 1, 1).Nodes[0];
}
