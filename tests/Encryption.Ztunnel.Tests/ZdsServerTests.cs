using System.Net;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Protos.Zds;
using Encryption.Ztunnel.Tests.Support;
using Encryption.Ztunnel.Zds;
using Microsoft.Extensions.Logging.Abstractions;

namespace Encryption.Ztunnel.Tests;

/// <summary>The ZDS server against a ztunnel-side client on a real SEQPACKET socket, with real network namespaces.</summary>
public sealed class ZdsServerTests : IAsyncLifetime
{
    private readonly TempDirectory dir = new();
    private readonly TestNetns podA = TestNetns.Create();
    private readonly TestNetns podB = TestNetns.Create();
    private ZdsServer server = null!;

    public Task InitializeAsync()
    {
        server = new ZdsServer(new ZdsServerOptions { SocketPath = dir.File("ztunnel.sock") }, TimeProvider.System, NullLogger.Instance);
        server.Start();
        return Task.CompletedTask;
    }

    private static LocalWorkload Workload(string name, string netnsPath) => new(
        new MeshWorkload { Uid = "uid-" + name, Name = name, Namespace = "shop", ServiceAccount = "sa-" + name, Node = "192.168.100.1", Addresses = [IPAddress.Parse("10.1.0.9")] },
        netnsPath);

    [Fact]
    public async Task SnapshotHandsOverEveryPodWithItsOwnNetnsFdThenSnapshotSent()
    {
        server.SetWorkloads([Workload("a", podA.Path), Workload("b", podB.Path)]);
        using var client = await ZdsTestClient.ConnectAsync(server.SocketPath);

        var snapshot = client.ReceiveSnapshot();

        Assert.Equal(["uid-a", "uid-b"], snapshot.Select(m => m.Request.Add.Uid));
        Assert.Equal(new WorkloadInfo { Name = "a", Namespace = "shop", ServiceAccount = "sa-a" }, snapshot[0].Request.Add.WorkloadInfo);
        Assert.Equal(TestNetns.Inode(podA.Path), TestNetns.Inode($"/proc/{Environment.ProcessId}/fd/{snapshot[0].Fd}"));
        Assert.Equal(TestNetns.Inode(podB.Path), TestNetns.Inode($"/proc/{Environment.ProcessId}/fd/{snapshot[1].Fd}"));
        Assert.NotEqual(TestNetns.Inode(podA.Path), TestNetns.Inode(podB.Path));
        await Eventually(() => server.Connections.Single().SnapshotAckedAt is not null);
    }

    [Fact]
    public async Task ReconnectGetsTheFullSnapshotAgain()
    {
        server.SetWorkloads([Workload("a", podA.Path), Workload("b", podB.Path)]);
        using (var first = await ZdsTestClient.ConnectAsync(server.SocketPath))
            Assert.Equal(2, first.ReceiveSnapshot().Count);

        using var second = await ZdsTestClient.ConnectAsync(server.SocketPath);
        var snapshot = second.ReceiveSnapshot();

        Assert.Equal(["uid-a", "uid-b"], snapshot.Select(m => m.Request.Add.Uid));
        Assert.All(snapshot, m => Assert.NotNull(m.Fd));
    }

    [Fact]
    public async Task AfterTheSnapshotChangesArriveAsDelAndAddOneAtATime()
    {
        server.SetWorkloads([Workload("a", podA.Path)]);
        using var client = await ZdsTestClient.ConnectAsync(server.SocketPath);
        client.ReceiveSnapshot();

        server.SetWorkloads([Workload("b", podB.Path)]);

        var (del, delFd) = client.Receive();
        Assert.Equal("uid-a", del.Del.Uid);
        Assert.Null(delFd);
        Assert.True(client.IsQuiet(TimeSpan.FromMilliseconds(200)), "next message sent before the ack");
        client.Ack();
        var (add, addFd) = client.Receive();
        Assert.Equal("uid-b", add.Add.Uid);
        Assert.Equal(TestNetns.Inode(podB.Path), TestNetns.Inode($"/proc/{Environment.ProcessId}/fd/{addFd}"));
        client.Ack();
        Assert.True(client.IsQuiet(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task PodWhoseNetnsCannotBeOpenedIsKeptDuringTheSnapshot()
    {
        server.SetWorkloads([Workload("a", podA.Path), Workload("gone", "/run/netns/zt-does-not-exist")]);
        using var client = await ZdsTestClient.ConnectAsync(server.SocketPath);

        var snapshot = client.ReceiveSnapshot();

        Assert.Equal(WorkloadRequest.PayloadOneofCase.Add, snapshot[0].Request.PayloadCase);
        Assert.Equal("uid-gone", snapshot[1].Request.Keep.Uid);
        Assert.Null(snapshot[1].Fd);
    }

    [Fact]
    public async Task AddsGoToTheNewestConnectionAndDelsToEveryConnection()
    {
        server.SetWorkloads([Workload("a", podA.Path)]);
        using var old = await ZdsTestClient.ConnectAsync(server.SocketPath);
        old.ReceiveSnapshot();
        using var newest = await ZdsTestClient.ConnectAsync(server.SocketPath);
        newest.ReceiveSnapshot();

        server.SetWorkloads([Workload("a", podA.Path), Workload("b", podB.Path)]);
        Assert.Equal("uid-b", newest.Receive().Request.Add.Uid);
        newest.Ack();
        Assert.True(old.IsQuiet(TimeSpan.FromMilliseconds(300)));

        server.SetWorkloads([Workload("b", podB.Path)]);
        Assert.Equal("uid-a", old.Receive().Request.Del.Uid);
        old.Ack();
        Assert.Equal("uid-a", newest.Receive().Request.Del.Uid);
        newest.Ack();
    }

    [Fact]
    public async Task ProxyStartNackKeepsTheConnectionButAProtocolNackDropsIt()
    {
        server.SetWorkloads([Workload("a", podA.Path), Workload("b", podB.Path)]);
        using var client = await ZdsTestClient.ConnectAsync(server.SocketPath);
        Assert.Equal("uid-a", client.Receive().Request.Add.Uid);
        client.Ack("failure to start proxy : address in use");
        Assert.Equal("uid-b", client.Receive().Request.Add.Uid);
        client.Ack("failure to process message : bad");

        Assert.Throws<EndOfStreamException>(() => client.Receive());
    }

    [Fact]
    public async Task NoZtunnelConnectedDoesNotBlockSettingWorkloads()
    {
        server.SetWorkloads([Workload("a", podA.Path)]);
        server.SetWorkloads([]);

        Assert.Empty(server.Workloads);
        Assert.Empty(server.Connections);
        await Task.CompletedTask;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition());
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        podA.Dispose();
        podB.Dispose();
        dir.Dispose();
    }
}
